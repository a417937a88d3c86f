import { describe, expect, it } from 'vitest';
import { buildOwnMetadata } from '../../lib/metadata/own-metadata';
import type { ReadResult } from '../../lib/metadata/types';
import { recallParams } from './recall-params';

const a1111: ReadResult = {
  source: 'a1111',
  format: 'png',
  raw: {},
  warnings: [],
  prompt: 'a fox',
  negativePrompt: 'blurry',
  steps: 33,
  cfgScale: 7,
  seed: 42,
  sampler: 'DPM++ 2M Karras',
  width: 640,
  height: 2000,
  model: 'v1-5-pruned',
};

describe('recallParams', () => {
  it("restores this app's own endpoint and parameters exactly", () => {
    const params = { prompt: 'a lighthouse', negative_prompt: '', width: 512, height: 768, num_inference_steps: 31, seed: 9, model_id: 'midjourney' };
    const own = buildOwnMetadata({ appVersion: '0.1.0', provider: 'modelslab', endpoint: 'modelslab/text2img', params });
    const r = recallParams({ source: 'image-api-playground', format: 'png', raw: {}, warnings: [], own }, 'segmind/sd1.5-dreamshaper');
    expect(r).toEqual({ endpointId: 'modelslab/text2img', values: params, exact: true, warnings: [] });
  });

  it("maps another tool's parameters by role onto the current endpoint, with Compare's warnings", () => {
    const r = recallParams(a1111, 'modelslab/text2img')!;
    expect(r.exact).toBe(false);
    expect(r.values).toMatchObject({ prompt: 'a fox', negative_prompt: 'blurry', seed: 42, width: 640, height: 1024, num_inference_steps: 31, guidance_scale: 7 });
    expect(r.values.scheduler).toBe('DPMSolverMultistepScheduler');
    expect(r.warnings.join('\n')).toMatch(/height: 2000 is above the maximum 1024/);
    expect(r.warnings.join('\n')).toMatch(/33 is not one of .*the nearest, 31, is sent/);
    expect(r.warnings.join('\n')).toMatch(/model "v1-5-pruned": not taken/);
  });

  it('translates ComfyUI sampler names and uses each endpoint its own field names', () => {
    const comfy: ReadResult = { source: 'comfyui', format: 'png', raw: {}, warnings: [], prompt: 'castle', seed: 7, steps: 20, cfgScale: 8, sampler: 'euler_ancestral', width: 512, height: 512 };
    const r = recallParams(comfy, 'segmind/sd1.5-dreamshaper')!;
    expect(r.values).toMatchObject({ prompt: 'castle', seed: 7, img_width: 512, img_height: 512, num_inference_steps: 20, guidance_scale: 8 });
    expect(r.values.scheduler).toBe('Euler a');
  });

  it('gives nothing for an image without parameters', () => {
    expect(recallParams({ source: 'none', format: 'png', raw: {}, warnings: [] }, 'modelslab/text2img')).toBeUndefined();
  });
});
