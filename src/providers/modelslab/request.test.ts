import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import exampleBody from '../fixtures/modelslab/img2img-request-body.json';
import { img2imgEndpoint, inpaintEndpoint, modelslab, text2imgEndpoint } from './provider';
import { img2imgSchema, inpaintSchema, text2imgSchema } from './schema';
import type { Img2imgParams } from './schema';

const BASE = 'https://stablediffusionapi.com';

/** Seed 002's img2img example, as form values (numbers and booleans; key apart). */
const exampleParams = {
  model_id: 'your_model_id',
  prompt: 'papercraft, quilling, layers, landscape',
  negative_prompt: null,
  init_image: 'https://pub-8b49af329fae499aa563997f5d4068a4.r2.dev/generations/d8cd0add-8cd7-40a4-802b-7b80be45a14c-0.png',
  width: 512,
  height: 512,
  samples: 1,
  num_inference_steps: 30,
  safety_checker: true,
  enhance_prompt: true,
  guidance_scale: 7.5,
  strength: 0.7,
  scheduler: 'UniPCMultistepScheduler',
  seed: null,
  lora_model: null,
  tomesd: true,
  use_karras_sigmas: true,
  vae: null,
  lora_strength: null,
  embeddings_model: null,
  webhook: null,
  track_id: null,
} satisfies z.input<typeof img2imgSchema>;

describe('ModelsLab buildRequest', () => {
  it("reproduces seed 002's img2img example body exactly, key first and in the same order", () => {
    // The example leaves out the fields that have documented defaults
    // (safety_checker_type, algorithm_type, base64): build from its values as they are.
    const req = img2imgEndpoint.buildRequest({ params: exampleParams as Img2imgParams, key: '', baseUrl: BASE });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://stablediffusionapi.com/api/v4/dreambooth/img2img');
    expect(req.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(req.body).toEqual({ type: 'json', value: exampleBody });
    expect(req.body.type === 'json' && JSON.stringify(req.body.value)).toBe(JSON.stringify(exampleBody));
  });

  it('accepts the example through the schema, which adds only the documented defaults', () => {
    const parsed = img2imgSchema.safeParse(exampleParams);
    expect(parsed.success).toBe(true);
    const req = img2imgEndpoint.buildRequest({ params: img2imgSchema.parse(exampleParams), key: '', baseUrl: BASE });
    expect(req.body).toEqual({
      type: 'json',
      value: { ...exampleBody, safety_checker_type: 'sensitive_content_text', algorithm_type: 'none', base64: 'no' },
    });
  });

  it('sends a local image as raw base64 and turns base64 on', () => {
    const params = inpaintSchema.parse({
      model_id: 'midjourney-v4-painta',
      prompt: 'a red door',
      init_image: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==',
      mask_image: 'data:image/png;base64,iVBORw0KGgoAAAAMASK==',
      steps: 25,
      strength: 1,
      seed: 1234,
    });
    const req = inpaintEndpoint.buildRequest({ params, key: 'test-key', baseUrl: BASE });
    expect(req.url).toBe('https://stablediffusionapi.com/api/v4/dreambooth/inpaint');
    expect(req.body).toEqual({
      type: 'json',
      value: {
        key: 'test-key',
        model_id: 'midjourney-v4-painta',
        prompt: 'a red door',
        init_image: 'iVBORw0KGgoAAAANSUhEUg==',
        mask_image: 'iVBORw0KGgoAAAAMASK==',
        steps: '25',
        enhance_prompt: 'yes',
        strength: 1,
        seed: 1234,
        tomesd: 'yes',
        use_karras_sigmas: 'yes',
        safety_checker_type: 'sensitive_content_text',
        algorithm_type: 'none',
        base64: 'yes',
      },
    });
  });

  it('encodes every text2img field the way the docs do and leaves out empty ones', () => {
    const params = text2imgSchema.parse({
      model_id: 'midjourney-v4-painta',
      prompt: 'a lighthouse',
      negative_prompt: '',
      width: 768,
      height: 512,
      samples: 2,
      num_inference_steps: 31,
      safety_checker: false,
      safety_checker_type: 'blur',
      enhance_prompt: false,
      seed: 99,
      guidance_scale: 8,
      tomesd: false,
      use_karras_sigmas: false,
      algorithm_type: 'dpmsolver+++',
      vae: 'my-vae',
      lora_model: 'contrast-fix,yae-miko-genshin',
      lora_strength: '0.6,0.8',
      multi_lingual: true,
      panorama: false,
      self_attention: true,
      upscale: false,
      clip_skip: 2,
      base64: false,
      embeddings_model: 'my-embedding',
      scheduler: 'DDIMScheduler',
      webhook: 'https://hooks.example.com/done',
      track_id: 'job-7',
      highres_fix: true,
      temp: true,
    });
    const req = text2imgEndpoint.buildRequest({ params, key: 'test-key', baseUrl: 'http://localhost:5173/sandbox/modelslab' });
    expect(req.url).toBe('http://localhost:5173/sandbox/modelslab/api/v4/dreambooth');
    expect(req.body.type === 'json' && JSON.stringify(req.body.value)).toBe(
      JSON.stringify({
        key: 'test-key',
        model_id: 'midjourney-v4-painta',
        prompt: 'a lighthouse',
        width: '768',
        height: '512',
        samples: '2',
        num_inference_steps: '31',
        safety_checker: 'no',
        enhance_prompt: 'no',
        guidance_scale: 8,
        scheduler: 'DDIMScheduler',
        seed: 99,
        lora_model: 'contrast-fix,yae-miko-genshin',
        tomesd: 'no',
        use_karras_sigmas: 'no',
        vae: 'my-vae',
        lora_strength: '0.6,0.8',
        embeddings_model: 'my-embedding',
        webhook: 'https://hooks.example.com/done',
        track_id: 'job-7',
        safety_checker_type: 'blur',
        algorithm_type: 'dpmsolver+++',
        multi_lingual: 'yes',
        panorama: 'no',
        self_attention: 'yes',
        upscale: 'no',
        clip_skip: '2',
        highres_fix: 'yes',
        temp: 'yes',
        base64: 'no',
      }),
    );
  });

  it('builds the documented fetch request', () => {
    expect(modelslab.buildFetchRequest?.({ id: '29763508', key: 'test-key', baseUrl: BASE })).toEqual({
      method: 'POST',
      url: 'https://stablediffusionapi.com/api/v4/dreambooth/fetch',
      headers: { 'Content-Type': 'application/json' },
      body: { type: 'json', value: { key: 'test-key', request_id: '29763508' } },
    });
  });
});

describe('ModelsLab schemas', () => {
  const base = { model_id: 'm', prompt: 'p' };

  it('allows only 21, 31, 41 or 51 steps on text2img, and 1..50 on img2img', () => {
    expect(text2imgSchema.safeParse({ ...base, num_inference_steps: 31 }).success).toBe(true);
    expect(text2imgSchema.safeParse({ ...base, num_inference_steps: 30 }).success).toBe(false);
    const img = { ...base, init_image: 'https://example.com/a.png' };
    expect(img2imgSchema.safeParse({ ...img, num_inference_steps: 30 }).success).toBe(true);
    expect(img2imgSchema.safeParse({ ...img, num_inference_steps: 51 }).success).toBe(false);
  });

  it('checks sizes, samples, guidance, strength and clip_skip', () => {
    expect(text2imgSchema.safeParse({ ...base, width: 1024, height: 64 }).success).toBe(true);
    expect(text2imgSchema.safeParse({ ...base, width: 1032 }).success).toBe(false);
    expect(text2imgSchema.safeParse({ ...base, width: 510 }).success).toBe(false);
    expect(text2imgSchema.safeParse({ ...base, samples: 5 }).success).toBe(false);
    expect(text2imgSchema.safeParse({ ...base, guidance_scale: 0.5 }).success).toBe(false);
    expect(text2imgSchema.safeParse({ ...base, clip_skip: 9 }).success).toBe(false);
    expect(text2imgSchema.safeParse({ ...base, scheduler: 'Euler a' }).success).toBe(false);
    const img = { ...base, init_image: 'https://example.com/a.png' };
    expect(img2imgSchema.safeParse({ ...img, strength: 1.1 }).success).toBe(false);
  });

  it('requires model_id, the init image, and the mask for inpainting', () => {
    expect(text2imgSchema.safeParse({ prompt: 'p' }).success).toBe(false);
    expect(img2imgSchema.safeParse(base).success).toBe(false);
    expect(img2imgSchema.safeParse({ ...base, init_image: 'ftp://x/a.png' }).success).toBe(false);
    expect(inpaintSchema.safeParse({ ...base, init_image: 'https://example.com/a.png' }).success).toBe(false);
    expect(inpaintSchema.shape).not.toHaveProperty('num_inference_steps');
    expect(inpaintSchema.shape).toHaveProperty('steps');
  });
});
