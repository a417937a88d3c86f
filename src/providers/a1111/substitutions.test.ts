import { describe, expect, it } from 'vitest';
import success from '../fixtures/a1111/txt2img-success.json';
import { jsonResponse } from '../shared/fake-response';
import type { ImagesResult } from '../types';
import { parseA1111Response } from './response';
import { substitutionNotice } from './substitutions';

const used = { sampler_name: 'DPM++ 2M', extra_generation_params: { 'Schedule type': 'Karras' }, sd_model_name: 'dreamshaper_8', sd_model_hash: '879db523c3' };

describe('substitutionNotice: what the server used instead of what was asked', () => {
  it('is quiet when the server used what was asked, however it was spelled', () => {
    expect(substitutionNotice({ sampler_name: 'DPM++ 2M', scheduler: 'karras', override_settings: { sd_model_checkpoint: 'dreamshaper_8.safetensors [879db523c3]' } }, used)).toBeUndefined();
    expect(substitutionNotice({ sampler_name: 'DPM++ 2M Karras' }, used)).toBeUndefined();
    expect(substitutionNotice({ sampler_name: 'DPM++ 2M', override_settings: { sd_model_checkpoint: '879db523c3aaaabbbbccccddddeeee' } }, used)).toBeUndefined();
    expect(substitutionNotice({ override_settings: { sd_model_checkpoint: 'sub/dreamshaper_8.safetensors' } }, used)).toBeUndefined();
    expect(substitutionNotice({}, used)).toBeUndefined();
  });

  it('names each of sampler, schedule and model the server put in place of the one asked', () => {
    expect(substitutionNotice({ sampler_name: 'Eulr a', scheduler: 'Karas', override_settings: { sd_model_checkpoint: 'dreamshapr' } }, used)).toBe(
      'The server used sampler "DPM++ 2M", not "Eulr a", schedule "Karras", not "Karas", model "dreamshaper_8", not "dreamshapr" as asked: it silently takes its default for a name it does not know. Pick from its list (the field\'s suggestions).',
    );
  });

  it('reaches the result: the answer echoes the request in parameters, info says what was used', () => {
    const info = { ...JSON.parse(success.info), sampler_name: 'DPM++ 2M' };
    const res = parseA1111Response(jsonResponse(200, { ...success, parameters: { ...success.parameters, sampler_name: 'Euler_a' }, info: JSON.stringify(info) })) as ImagesResult;
    expect(res.notice).toMatch(/^The server used sampler "DPM\+\+ 2M", not "Euler_a" as asked/);
    expect((parseA1111Response(jsonResponse(200, success)) as ImagesResult).notice).toBeUndefined();
  });
});
