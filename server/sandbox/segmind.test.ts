import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeJpeg } from './jpeg';
import { encodePng } from './png';
import { createRaster } from './raster';
import { MESSAGES } from './segmind';
import { synthesize } from './synth';
import { bytesOf, postJson, sameBytes, setControl, startTwin } from './test-helpers';
import type { RunningServer } from './test-helpers';

let twin: RunningServer;
let v1: string;
beforeAll(async () => {
  twin = await startTwin();
  v1 = `${twin.base}/sandbox/segmind/v1`;
});
afterAll(() => twin.close());
beforeEach(() => postJson(`${twin.base}/sandbox/_control/reset`, {}));

const KEY = { 'x-api-key': 'YOUR_API_KEY' };

/** Seed 003's Python example body. */
const example = {
  prompt:
    '(masterpiece, best quality, absurdres, intricate), fantasy, (woman, extremely delicate and beautiful, looking at viewer, (floating long hair)), (standing over tiny village), colorhalf00d, fog, smoke, haunting, spooky, creepy, dark themed, 8k GC wallpaper, Trending on artstation, octance render, unreal engine, volumetrics dtx, award winning digital art, ink, official art, painting by anna dittmann',
  negative_prompt:
    'cartoon, 3d, sketches, (painting by bad-artist), (worst quality:2), (low quality:2), (normal quality:2), lowres, normal quality, bad anatomy, (bad-hands-5), (badhandv4), fat, curvy, thick, dull, simple background, ugly, mole, skin tags, acne, freckles, lightning. veil, hat, hood, ((blurry)), ((monochrome)), ((from side)), ((back turned)), Far away, back turned,',
  scheduler: 'dpmpp_2m',
  num_inference_steps: 20,
  guidance_scale: 7,
  samples: 1,
  seed: 165577282,
  img_width: 512,
  img_height: 768,
  base64: false,
};
const small = { ...example, img_width: 512, img_height: 512 };

const initB64 = Buffer.from(
  encodePng(synthesize({ provider: 't', model: 't', prompt: 'init', negativePrompt: '', seed: 1, width: 203, height: 130, sample: 0 })),
).toString('base64');

describe('Segmind twin', () => {
  it('answers the documented example with JPEG bytes and the credit headers', async () => {
    const res = await postJson(`${v1}/sd1.5-dreamshaper`, example, KEY);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-remaining-credits')).toBe('999');
    expect(res.headers.get('x-seed-value')).toBe('165577282');
    expect(res.headers.get('x-cost')).toBe('1');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(res.headers.get('x-generation-time'))).toBeGreaterThanOrEqual(0);
    expect(res.headers.get('x-rate-limit-remaining')).toMatch(/^\d+$/);
    for (const name of ['x-remaining-credits', 'x-seed-value', 'x-request-id']) {
      expect(res.headers.get('access-control-expose-headers')).toContain(name);
    }
    const image = decodeJpeg(await bytesOf(res));
    expect([image.width, image.height]).toEqual([512, 768]);
  });

  it('is deterministic in the seed and counts credits down per key', async () => {
    const a = await postJson(`${v1}/sd1.5-dreamshaper`, small, KEY);
    const b = await postJson(`${v1}/sd1.5-dreamshaper`, small, KEY);
    const c = await postJson(`${v1}/sd1.5-dreamshaper`, { ...small, seed: 1 }, KEY);
    const other = await postJson(`${v1}/sd1.5-dreamshaper`, small, { 'x-api-key': 'someone-else' });
    expect([a, b, c, other].map((r) => r.headers.get('x-remaining-credits'))).toEqual(['999', '998', '997', '999']);
    const [ab, bb, cb] = await Promise.all([a, b, c].map(bytesOf));
    expect(sameBytes(ab ?? new Uint8Array(), bb ?? new Uint8Array())).toBe(true);
    expect(sameBytes(ab ?? new Uint8Array(), cb ?? new Uint8Array())).toBe(false);
  });

  it('answers 406 Insufficient credits once a key is out of credits', async () => {
    await setControl(twin.base, { segmindCredits: 1 });
    expect((await postJson(`${v1}/sd1.5-dreamshaper`, small, KEY)).headers.get('x-remaining-credits')).toBe('0');
    const res = await postJson(`${v1}/sd1.5-dreamshaper`, small, KEY);
    expect(res.status).toBe(406);
    expect(await res.json()).toEqual({ error: MESSAGES.credits });
  });

  it('base64: true answers {"image"}; samples > 1 answers {"image","images"}', async () => {
    const one = await postJson(`${v1}/sd1.5-dreamshaper`, { ...small, base64: true }, KEY);
    expect(one.headers.get('content-type')).toBe('application/json');
    const body = (await one.json()) as { image: string };
    expect(decodeJpeg(Buffer.from(body.image, 'base64')).width).toBe(512);
    const many = (await (await postJson(`${v1}/sd1.5-dreamshaper`, { ...small, samples: 3 }, KEY)).json()) as { image: string; images: string[] };
    expect(many.images).toHaveLength(3);
    expect(many.image).toBe(many.images[0]);
    expect(new Set(many.images).size).toBe(3);
  });

  it('img2img answers at the init size rounded down to multiples of 8; strength 0 keeps the picture', async () => {
    const res = await postJson(`${v1}/sd1.5-img2img`, { image: initB64, prompt: 'x', strength: 0.5, seed: 4 }, KEY);
    expect(res.status).toBe(200);
    const image = decodeJpeg(await bytesOf(res));
    expect([image.width, image.height]).toEqual([200, 128]);
    const dataUrl = await postJson(`${v1}/sd1.5-img2img`, { image: `data:image/png;base64,${initB64}`, seed: 4 }, KEY);
    expect(dataUrl.status).toBe(200);
  });

  it('inpainting takes image and mask (raw base64 or a twin URL)', async () => {
    const mask = createRaster(203, 130);
    mask.data.fill(255);
    const res = await postJson(
      `${v1}/sd1.5-inpainting`,
      { image: initB64, mask: Buffer.from(encodePng(mask)).toString('base64'), prompt: 'a ball', seed: 2, base64: true },
      KEY,
    );
    expect(res.status).toBe(200);
    const { image } = (await res.json()) as { image: string };
    expect(decodeJpeg(Buffer.from(image, 'base64')).height).toBe(128);
    const missing = await postJson(`${v1}/sd1.5-inpainting`, { image: initB64 }, KEY);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/mask is required/);
  });

  it.each([
    ['sd1.5-dreamshaper', { img_width: 600 }, /img_width.*one of 512, 768, 1024/],
    ['sd1.5-dreamshaper', { num_inference_steps: 10 }, /num_inference_steps/],
    ['sd1.5-dreamshaper', { guidance_scale: 0 }, /guidance_scale/],
    ['sd1.5-dreamshaper', { samples: 5 }, /samples/],
    ['sd1.5-dreamshaper', { scheduler: 'DPMSolverMultistepScheduler' }, /scheduler/],
    ['sd1.5-dreamshaper', { base64: 'maybe' }, /base64/],
    ['sd1.5-dreamshaper', { prompt: '' }, /prompt/],
    ['sd1.5-img2img', { image: initB64, strength: 2 }, /strength/],
    ['sd1.5-img2img', { image: 'not base64!' }, /image is not valid base64/],
    ['sd1.5-img2img', {}, /image is required/],
  ])('answers 400 naming the field: %s %j', async (model, change, message) => {
    const res = await postJson(`${v1}/${model}`, { ...small, ...change }, KEY);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('validation errors and failures are not billed', async () => {
    await postJson(`${v1}/sd1.5-dreamshaper`, { ...small, img_width: 600 }, KEY);
    await setControl(twin.base, { failNext: { provider: 'segmind', status: 200 } });
    const failed = await postJson(`${v1}/sd1.5-dreamshaper`, small, KEY);
    expect(failed.status).toBe(200);
    expect(await failed.json()).toHaveProperty('error');
    expect((await postJson(`${v1}/sd1.5-dreamshaper`, small, KEY)).headers.get('x-remaining-credits')).toBe('999');
  });

  it('answers 401 for a missing and an invalid key, with distinct messages', async () => {
    const missing = await postJson(`${v1}/sd1.5-dreamshaper`, small);
    const invalid = await postJson(`${v1}/sd1.5-dreamshaper`, small, { 'x-api-key': 'invalid' });
    expect([missing.status, invalid.status]).toEqual([401, 401]);
    expect(await missing.json()).toEqual({ error: MESSAGES.missingKey });
    expect(await invalid.json()).toEqual({ error: MESSAGES.invalidKey });
  });

  it('answers 406 for a non-JSON body, 404 for an unknown model, 405 (HTML) for GET', async () => {
    const form = await fetch(`${v1}/sd1.5-dreamshaper`, { method: 'POST', headers: KEY, body: new URLSearchParams({ prompt: 'x' }) });
    expect(form.status).toBe(406);
    expect(await form.json()).toEqual({ error: MESSAGES.contentType });
    const unknown = await postJson(`${v1}/sdxl-nope`, small, KEY);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/not found/);
    const get = await fetch(`${v1}/sd1.5-dreamshaper`);
    expect(get.status).toBe(405);
    expect(get.headers.get('content-type')).toMatch(/text\/html/);
  });

  it.each([
    [401, MESSAGES.invalidKey],
    [403, /Forbidden/],
    [406, MESSAGES.credits],
    [500, /Internal server error/],
    [502, /Bad gateway/],
    [503, /Service unavailable/],
  ])('failNext %i answers that status with {"error"}', async (status, message) => {
    await setControl(twin.base, { failNext: { provider: 'segmind', status } });
    const res = await postJson(`${v1}/sd1.5-dreamshaper`, small, KEY);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect((await postJson(`${v1}/sd1.5-dreamshaper`, small, KEY)).status).toBe(200);
  });

  it('failNext 429 with retryAfter sends Retry-After; 405 answers HTML', async () => {
    await setControl(twin.base, { failNext: [{ provider: 'segmind', status: 429, retryAfter: 12 }, { provider: 'segmind', status: 405 }] });
    const limited = await postJson(`${v1}/sd1.5-dreamshaper`, small, KEY);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('12');
    expect(((await limited.json()) as { error: string }).error).toMatch(/Rate limit/);
    const html = await postJson(`${v1}/sd1.5-dreamshaper`, small, KEY);
    expect(html.status).toBe(405);
    expect(await html.text()).toMatch(/<html>/);
  });
});
