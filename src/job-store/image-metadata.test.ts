import { describe, expect, it } from 'vitest';
import { parseInfotext } from '../lib/metadata/infotext';
import { parseOwnMetadata } from '../lib/metadata/own-metadata';
import { jobGenerationParameters, jobMetadataTexts, withJobMetadata } from './image-metadata';
import { makeJob } from './test-fixtures';

describe('the metadata a job hands out', () => {
  it('reads the parameters through the schema roles, whatever each provider calls them', () => {
    const segmind = makeJob({
      provider: 'segmind',
      endpointId: 'segmind/sd1.5-img2img',
      params: { prompt: 'fog, village', negative_prompt: 'people', num_inference_steps: 25, guidance_scale: 7.5, scheduler: 'Euler a', strength: 0.6, seed: 5, image: { $input: 'x/image' } },
      seed: 5,
    });
    expect(jobGenerationParameters(segmind, { id: 'i', mime: 'image/jpeg', stored: true, width: 512, height: 768 })).toEqual({
      prompt: 'fog, village',
      negativePrompt: 'people',
      steps: 25,
      cfgScale: 7.5,
      sampler: 'Euler a',
      denoisingStrength: 0.6,
      seed: 5,
      width: 512,
      height: 768,
    });
  });

  it('writes A1111 infotext and our JSON without the key, the stored inputs, or anything unparseable', async () => {
    const job = makeJob({ params: { prompt: 'a: b, c', model_id: 'mj-v4', width: '512', height: '512', seed: 9, init_image: { $input: 'j/init_image' } }, seed: 9, providerJobId: '42' });
    const { infotext, json } = await jobMetadataTexts(job);
    const info = parseInfotext(infotext);
    expect(info.prompt).toBe('a: b, c');
    expect(info.params).toMatchObject({ Seed: '9', Size: '512x512', Model: 'mj-v4', Endpoint: 'modelslab/text2img' });
    const own = parseOwnMetadata(json);
    expect(own.ok && own.value).toMatchObject({ provider: 'modelslab', endpoint: 'modelslab/text2img', seed: 9, jobId: job.id, providerJobId: '42' });
    expect(own.ok && own.value.params).not.toHaveProperty('init_image');
  });

  it('hands back a format it cannot write to unchanged, with the reason', async () => {
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/gif' });
    const out = await withJobMetadata(makeJob(), undefined, blob);
    expect(out.embedded).toBe(false);
    expect(out.blob).toBe(blob);
    expect(out.problem).toMatch(/PNG, JPEG or WebP/);
  });
});
