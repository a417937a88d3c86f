import { describe, expect, it } from 'vitest';
import { parseInvokeAiLegacyMetadata, parseInvokeAiMetadata, parseNovelAiMetadata } from './tool-metadata';

describe('parseInvokeAiMetadata', () => {
  it('reads the invokeai_metadata fields', () => {
    const json = JSON.stringify({
      generation_mode: 'sdxl_txt2img',
      positive_prompt: 'a cozy cabin in the woods',
      negative_prompt: 'people',
      width: 1024,
      height: 768,
      seed: 3141592653,
      rand_device: 'cpu',
      cfg_scale: 7.5,
      cfg_rescale_multiplier: 0,
      steps: 30,
      scheduler: 'dpmpp_2m_k',
      model: { key: 'abc', hash: 'blake3:00', name: 'Juggernaut XL v9', base: 'sdxl', type: 'main' },
      app_version: '4.2.0',
    });
    expect(parseInvokeAiMetadata(json)).toEqual({
      prompt: 'a cozy cabin in the woods',
      negativePrompt: 'people',
      seed: 3141592653,
      steps: 30,
      cfgScale: 7.5,
      sampler: 'dpmpp_2m_k',
      width: 1024,
      height: 768,
      model: 'Juggernaut XL v9',
    });
  });

  it('reads the older model_name and image-to-image strength, and refuses non-objects', () => {
    expect(parseInvokeAiMetadata('{"positive_prompt":"x","model":{"model_name":"sd-1.5"},"strength":0.55}')).toEqual({
      prompt: 'x',
      model: 'sd-1.5',
      denoisingStrength: 0.55,
    });
    expect(parseInvokeAiMetadata('"text"')).toBeUndefined();
    expect(parseInvokeAiMetadata('{')).toBeUndefined();
  });

  it('reads InvokeAI 2 sd-metadata', () => {
    const json = JSON.stringify({
      model_weights: 'stable-diffusion-1.5',
      image: { prompt: [{ prompt: 'a fox', weight: 1 }], seed: 9, steps: 50, cfg_scale: 7.5, sampler: 'k_lms', width: 512, height: 512 },
    });
    expect(parseInvokeAiLegacyMetadata(json)).toEqual({
      prompt: 'a fox', seed: 9, steps: 50, cfgScale: 7.5, sampler: 'k_lms', width: 512, height: 512, model: 'stable-diffusion-1.5',
    });
    expect(parseInvokeAiLegacyMetadata('{"model_weights":"x"}')).toBeUndefined();
  });
});

describe('parseNovelAiMetadata', () => {
  it('reads Comment JSON with Description and Source', () => {
    const comment = JSON.stringify({
      prompt: '1girl, masterpiece', steps: 28, height: 1216, width: 832, scale: 5, uncond_scale: 0, cfg_rescale: 0,
      seed: 2210541321, n_samples: 1, strength: 0.7, noise: 0, noise_schedule: 'karras', sampler: 'k_euler_ancestral', uc: 'lowres, bad anatomy',
    });
    expect(parseNovelAiMetadata(comment, '1girl, masterpiece', 'NovelAI Diffusion V3 4BDE2A90')).toEqual({
      prompt: '1girl, masterpiece',
      negativePrompt: 'lowres, bad anatomy',
      seed: 2210541321,
      steps: 28,
      cfgScale: 5,
      sampler: 'k_euler_ancestral',
      scheduler: 'karras',
      width: 832,
      height: 1216,
      model: 'NovelAI Diffusion V3',
    });
  });

  it('reads V4 captions and falls back to Description', () => {
    const v4 = JSON.stringify({ v4_prompt: { caption: { base_caption: 'a cat' } }, v4_negative_prompt: { caption: { base_caption: 'dog' } }, seed: 1 });
    expect(parseNovelAiMetadata(v4)).toEqual({ prompt: 'a cat', negativePrompt: 'dog', seed: 1 });
    expect(parseNovelAiMetadata(undefined, 'only a description')).toEqual({ prompt: 'only a description' });
    expect(parseNovelAiMetadata(undefined)).toBeUndefined();
  });
});
