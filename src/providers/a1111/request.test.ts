import { describe, expect, it } from 'vitest';
import { redactRequest } from '../redact';
import { a1111, img2imgEndpoint, inpaintEndpoint, txt2imgEndpoint } from './provider';
import { img2imgSchema, inpaintSchema, txt2imgSchema } from './schema';
import { paramMeta } from '../param';
import type { ParamRole } from '../types';

const BASE = 'http://127.0.0.1:7860';
const INIT = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB';
const MASK = 'data:image/png;base64,iVBORw0KGgoMASKMASKMASK';

describe('A1111 schemas', () => {
  it('carry the compare roles on the documented names', () => {
    const roles = (schema: typeof inpaintSchema | typeof txt2imgSchema) =>
      Object.fromEntries(
        Object.entries(schema.shape)
          .map(([name, field]) => [paramMeta(field)?.role, name] as const)
          .filter((entry): entry is readonly [ParamRole, string] => entry[0] !== undefined),
      );
    expect(roles(inpaintSchema)).toEqual({
      initImage: 'init_images',
      mask: 'mask',
      prompt: 'prompt',
      negativePrompt: 'negative_prompt',
      model: 'sd_model_checkpoint',
      scheduler: 'sampler_name',
      steps: 'steps',
      guidance: 'cfg_scale',
      width: 'width',
      height: 'height',
      seed: 'seed',
      samples: 'batch_size',
      strength: 'denoising_strength',
    });
    // txt2img's denoising_strength is the Hires. fix one: no strength role there.
    expect(roles(txt2imgSchema).strength).toBeUndefined();
    expect(paramMeta(inpaintSchema.shape.mask)?.mask).toBe(true);
  });

  it('fill the defaults and enforce the ranges', () => {
    const p = txt2imgSchema.parse({ prompt: 'a fox' });
    expect(p).toMatchObject({ steps: 20, cfg_scale: 7, width: 512, height: 512, seed: -1, batch_size: 1, n_iter: 1, enable_hr: false });
    expect(txt2imgSchema.safeParse({ prompt: 'a fox', width: 500 }).success).toBe(false);
    expect(txt2imgSchema.safeParse({ prompt: 'a fox', steps: 151 }).success).toBe(false);
    expect(txt2imgSchema.safeParse({ prompt: 'a fox', cfg_scale: 0.5 }).success).toBe(false);
    expect(inpaintSchema.safeParse({ prompt: 'x', init_images: INIT, mask: MASK, inpainting_mask_invert: 2 }).success).toBe(false);
    expect(img2imgSchema.parse({ prompt: 'x', init_images: INIT }).denoising_strength).toBe(0.75);
  });
});

describe('A1111 buildRequest', () => {
  it('txt2img: JSON types, the model in override_settings, hires fields only with Hires. fix', () => {
    const params = txt2imgSchema.parse({
      prompt: 'a lighthouse',
      negative_prompt: '',
      sd_model_checkpoint: 'dreamshaper_8.safetensors [879db523c3]',
      sampler_name: 'DPM++ 2M',
      scheduler: 'Karras',
      seed: 3210,
      batch_size: 2,
    });
    const req = txt2imgEndpoint.buildRequest({ params, key: '', baseUrl: BASE });
    expect(req).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:7860/sdapi/v1/txt2img',
      headers: { 'Content-Type': 'application/json' },
      body: {
        type: 'json',
        value: {
          prompt: 'a lighthouse',
          sampler_name: 'DPM++ 2M',
          scheduler: 'Karras',
          steps: 20,
          cfg_scale: 7,
          width: 512,
          height: 512,
          seed: 3210,
          subseed: -1,
          subseed_strength: 0,
          batch_size: 2,
          n_iter: 1,
          tiling: false,
          enable_hr: false,
          override_settings: { sd_model_checkpoint: 'dreamshaper_8.safetensors [879db523c3]' },
        },
      },
    });
    const hires = txt2imgEndpoint.buildRequest({ params: { ...params, enable_hr: true, hr_upscaler: 'Latent' }, key: '', baseUrl: BASE });
    expect(hires.body.type === 'json' && hires.body.value).toMatchObject({ enable_hr: true, hr_scale: 2, hr_upscaler: 'Latent', hr_second_pass_steps: 0, denoising_strength: 0.7 });
  });

  it('img2img with a mask: one init image and the mask as raw base64, inpainting fields, to /img2img', () => {
    const params = inpaintSchema.parse({ prompt: 'a boat', init_images: INIT, mask: MASK, seed: 5, inpainting_mask_invert: 1 });
    const req = inpaintEndpoint.buildRequest({ params, key: '', baseUrl: 'http://localhost:5173/sandbox/a1111' });
    expect(req.url).toBe('http://localhost:5173/sandbox/a1111/sdapi/v1/img2img');
    expect(req.body).toEqual({
      type: 'json',
      value: {
        init_images: ['iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB'],
        mask: 'iVBORw0KGgoMASKMASKMASK',
        prompt: 'a boat',
        steps: 20,
        cfg_scale: 7,
        width: 512,
        height: 512,
        seed: 5,
        subseed: -1,
        subseed_strength: 0,
        batch_size: 1,
        n_iter: 1,
        tiling: false,
        denoising_strength: 0.75,
        resize_mode: 0,
        mask_blur: 4,
        inpainting_fill: 1,
        inpaint_full_res: false,
        inpaint_full_res_padding: 32,
        inpainting_mask_invert: 1,
      },
    });
    const linked = img2imgEndpoint.buildRequest({ params: img2imgSchema.parse({ prompt: 'x', init_images: 'https://example.com/a.png' }), key: '', baseUrl: BASE });
    expect(linked.body.type === 'json' && linked.body.value.init_images).toEqual(['https://example.com/a.png']);
    expect(linked.body.type === 'json' && 'mask' in linked.body.value).toBe(false);
  });

  it('sends a user:password key as Basic auth, no key as no header, and redacts it keeping the scheme', () => {
    const params = txt2imgSchema.parse({ prompt: 'x' });
    const req = txt2imgEndpoint.buildRequest({ params, key: 'alice:s3cret:x', baseUrl: BASE });
    expect(req.headers.Authorization).toBe(`Basic ${btoa('alice:s3cret:x')}`);
    expect(txt2imgEndpoint.buildRequest({ params, key: '', baseUrl: BASE }).headers.Authorization).toBeUndefined();
    expect(txt2imgEndpoint.buildRequest({ params, key: 'ünï:pässwörd', baseUrl: BASE }).headers.Authorization).toBe('Basic w7xuw686cMOkc3N3w7ZyZA==');
    const redacted = redactRequest(req, a1111.keyLocation, '<USER:PASSWORD>');
    expect(redacted.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Basic <USER:PASSWORD>' });
    expect(req.headers.Authorization).toBe(`Basic ${btoa('alice:s3cret:x')}`);
    expect(a1111.keyLocation).toEqual({ in: 'basic' });
  });
});
