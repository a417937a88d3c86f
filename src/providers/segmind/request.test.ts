import { describe, expect, it } from 'vitest';
import example from '../fixtures/segmind/dreamshaper-request.json';
import { dreamshaperEndpoint, img2imgEndpoint, inpaintingEndpoint } from './provider';
import { dreamshaperExample, dreamshaperSchema, img2imgSchema, inpaintingSchema } from './schema';

describe('Segmind buildRequest', () => {
  it("reproduces seed 003's Python example exactly", () => {
    const params = dreamshaperSchema.parse(dreamshaperExample);
    const req = dreamshaperEndpoint.buildRequest({ params, key: 'YOUR_API_KEY', baseUrl: 'https://api.segmind.com' });
    expect(req).toEqual({
      method: 'POST',
      url: example.url,
      headers: example.headers,
      body: { type: 'json', value: example.data },
    });
    expect(req.body.type === 'json' && JSON.stringify(req.body.value)).toBe(JSON.stringify(example.data));
  });

  it('fills the documented defaults', () => {
    const params = dreamshaperSchema.parse({ prompt: 'a fox' });
    const req = dreamshaperEndpoint.buildRequest({ params, key: 'test-key', baseUrl: 'http://localhost:5173/sandbox/segmind' });
    expect(req.url).toBe('http://localhost:5173/sandbox/segmind/v1/sd1.5-dreamshaper');
    expect(req.body).toEqual({
      type: 'json',
      value: {
        prompt: 'a fox',
        scheduler: 'UniPC',
        num_inference_steps: 20,
        guidance_scale: 7.5,
        samples: 1,
        seed: -1,
        img_width: 512,
        img_height: 512,
        base64: false,
      },
    });
  });

  it('sends img2img images as raw base64 without the data: prefix, or as a link', () => {
    const params = img2imgSchema.parse({
      image: 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==',
      prompt: 'a castle at dusk',
      negative_prompt: '',
      scheduler: 'Euler a',
      seed: 7,
    });
    const req = img2imgEndpoint.buildRequest({ params, key: 'test-key', baseUrl: 'https://api.segmind.com' });
    expect(req.url).toBe('https://api.segmind.com/v1/sd1.5-img2img');
    expect(req.headers).toEqual({ 'x-api-key': 'test-key', 'Content-Type': 'application/json' });
    expect(req.body).toEqual({
      type: 'json',
      value: {
        image: '/9j/4AAQSkZJRgABAQ==',
        prompt: 'a castle at dusk',
        scheduler: 'Euler a',
        num_inference_steps: 20,
        guidance_scale: 7.5,
        strength: 0.75,
        samples: 1,
        seed: 7,
        base64: false,
      },
    });
    const linked = inpaintingSchema.parse({
      image: 'https://example.com/in.png',
      mask: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==',
      prompt: 'a cat',
      seed: 3,
    });
    const req2 = inpaintingEndpoint.buildRequest({ params: linked, key: 'test-key', baseUrl: 'https://api.segmind.com' });
    expect(req2.url).toBe('https://api.segmind.com/v1/sd1.5-inpainting');
    expect(req2.body.type === 'json' && req2.body.value).toEqual({
      image: 'https://example.com/in.png',
      mask: 'iVBORw0KGgoAAAANSUhEUg==',
      prompt: 'a cat',
      num_inference_steps: 20,
      guidance_scale: 7.5,
      strength: 1,
      samples: 1,
      seed: 3,
      base64: false,
    });
  });
});

describe('Segmind schemas', () => {
  it('checks the documented ranges and choices', () => {
    const ok = (v: object) => dreamshaperSchema.safeParse({ prompt: 'p', ...v }).success;
    expect(ok({ img_width: 768, img_height: 1024 })).toBe(true);
    expect(ok({ img_width: 640 })).toBe(false);
    expect(ok({ num_inference_steps: 19 })).toBe(false);
    expect(ok({ num_inference_steps: 100 })).toBe(true);
    expect(ok({ guidance_scale: 0.05 })).toBe(false);
    expect(ok({ guidance_scale: 25 })).toBe(true);
    expect(ok({ samples: 5 })).toBe(false);
    expect(ok({ seed: -2 })).toBe(false);
    expect(ok({ scheduler: 'dpmpp_sde_ancestral' })).toBe(true);
    expect(dreamshaperSchema.safeParse({ prompt: '' }).success).toBe(false);
  });

  it('gives the siblings their own scheduler list and no size fields', () => {
    const img = { image: 'https://example.com/a.png', prompt: 'p' };
    expect(img2imgSchema.safeParse({ ...img, scheduler: 'dpmpp_2m' }).success).toBe(false);
    expect(img2imgSchema.safeParse({ ...img, scheduler: 'DDPM' }).success).toBe(true);
    expect(img2imgSchema.safeParse({ ...img, strength: 1.2 }).success).toBe(false);
    expect(img2imgSchema.shape).not.toHaveProperty('img_width');
    expect(inpaintingSchema.shape).not.toHaveProperty('img_height');
    expect(inpaintingSchema.safeParse(img).success).toBe(false);
  });
});
