import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MESSAGES } from './dreamrender';
import { decodePng } from './png';
import { bytesOf, imageOf, postForm, postJson, sameBytes, setControl, startTwin } from './test-helpers';
import type { RunningServer } from './test-helpers';

let twin: RunningServer;
let url: string;
beforeAll(async () => {
  twin = await startTwin();
  url = `${twin.base}/sandbox/dreamrender/api/generate_image`;
});
afterAll(() => twin.close());
beforeEach(() => postJson(`${twin.base}/sandbox/_control/reset`, {}));

/** The cURL example of seed 000, field for field (with a fixed seed where a test needs one). */
const example: Record<string, string> = {
  dev_key: 'your-dev-key',
  model: 'realisticVisionV60B1_v51VAE',
  prompt: 'shoe',
  width: '512',
  height: '512',
  seed: '-1',
  styles: 'None',
  cfg_scale: '7',
  steps: '30',
  enable_hr: 'False',
  negative_prompt: '',
  prompt_temp: '0.8',
  prompt_top_p: '0.9',
  designer: 'False',
  enhance_prompt: 'True',
};

describe('DreamRender twin', () => {
  it('answers the documented example with a 512x512 PNG and reports the drawn seed', async () => {
    const res = await postForm(url, example);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('access-control-allow-origin')).toBe(twin.base);
    expect(Number(res.headers.get('x-seed-value'))).toBeGreaterThanOrEqual(0);
    const image = await imageOf(res);
    expect([image.width, image.height]).toEqual([512, 512]);
  });

  it('is deterministic for a fixed seed and differs for another seed', async () => {
    const fixed = { ...example, seed: '1234', width: '256', height: '192' };
    const a = await bytesOf(await postForm(url, fixed));
    const b = await bytesOf(await postForm(url, fixed));
    const c = await bytesOf(await postForm(url, { ...fixed, seed: '1235' }));
    expect(sameBytes(a, b)).toBe(true);
    expect(sameBytes(a, c)).toBe(false);
    expect(decodePng(a).width).toBe(256);
  });

  it('accepts urlencoded forms; styles change the picture', async () => {
    const body = new URLSearchParams({ ...example, seed: '5', width: '128', height: '128' });
    const plain = await fetch(url, { method: 'POST', body });
    expect(plain.status).toBe(200);
    const styled = await postForm(url, { ...example, seed: '5', width: '128', height: '128', styles: 'Cinematic' });
    expect(sameBytes(await bytesOf(plain), await bytesOf(styled))).toBe(false);
  });

  it('designer=True gives an RGBA PNG with a transparent background', async () => {
    const res = await postForm(url, { ...example, seed: '9', width: '128', height: '128', designer: 'True' });
    const bytes = await bytesOf(res);
    expect(bytes[25]).toBe(6);
    const image = decodePng(bytes);
    expect(image.data[3]).toBe(0);
    expect(image.data[(64 * 128 + 64) * 4 + 3]).toBe(255);
  });

  it.each([
    [{ dev_key: '' }, MESSAGES.missingKey],
    [{ dev_key: 'invalid' }, MESSAGES.invalidKey],
  ])('rejects a bad dev_key with 401', async (change, message) => {
    const res = await postForm(url, { ...example, ...change });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: message });
  });

  it.each([
    ['enable_hr', 'yes', /enable_hr must be "True" or "False"/],
    ['designer', 'true', /designer must be "True" or "False"/],
    ['width', '4000', /width must be an integer from 64 to 2048/],
    ['height', '51.5', /height must be an integer/],
    ['steps', '0', /steps must be an integer from 1 to 150/],
    ['cfg_scale', 'high', /cfg_scale must be a number from 0 to 30/],
    ['prompt_top_p', '1.5', /prompt_top_p must be a number from 0 to 1/],
    ['seed', 'abc', /seed must be an integer/],
    ['prompt', '', /prompt must not be empty/],
  ])('answers 400 naming the field: %s=%s', async (field, value, message) => {
    const res = await postForm(url, { ...example, [field]: value });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string };
    expect(body.error).toMatch(message);
  });

  it('answers 400 for a missing required field and 415 for a JSON body', async () => {
    const withoutModel = Object.fromEntries(Object.entries(example).filter(([name]) => name !== 'model'));
    const missing = await postForm(url, withoutModel);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/model is required/);
    const asJson = await postJson(url, example);
    expect(asJson.status).toBe(415);
    expect(await asJson.json()).toEqual({ error: MESSAGES.contentType });
  });

  it.each([401, 402, 403, 500, 503])('failNext %i fails the next request with that status and {"error"}', async (status) => {
    await setControl(twin.base, { failNext: { provider: 'dreamrender', status } });
    const failed = await postForm(url, { ...example, width: '64', height: '64' });
    expect(failed.status).toBe(status);
    expect(failed.headers.get('content-type')).toBe('application/json');
    expect(typeof ((await failed.json()) as { error: unknown }).error).toBe('string');
    expect((await postForm(url, { ...example, width: '64', height: '64' })).status).toBe(200);
  });

  it('failNext 429 with retryAfter sends Retry-After (exposed to browsers) and counts down', async () => {
    await setControl(twin.base, { failNext: { provider: '*', status: 429, count: 2, retryAfter: 7 } });
    for (let i = 0; i < 2; i++) {
      const res = await postForm(url, example);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
      expect(((await res.json()) as { error: string }).error).toMatch(/Retry after 7 seconds/);
    }
    expect((await postForm(url, { ...example, width: '64', height: '64' })).status).toBe(200);
  });

  it('failNext 200 answers HTTP 200 with a JSON error instead of an image', async () => {
    await setControl(twin.base, { failNext: { provider: 'dreamrender', status: 200 } });
    const res = await postForm(url, example);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toHaveProperty('error');
  });

  it('failures for other providers leave DreamRender alone', async () => {
    await setControl(twin.base, { failNext: { provider: 'segmind', status: 500 } });
    expect((await postForm(url, { ...example, width: '64', height: '64' })).status).toBe(200);
  });

  it('answers 405 for GET and 404 for other paths', async () => {
    expect((await fetch(url)).status).toBe(405);
    expect((await postForm(`${twin.base}/sandbox/dreamrender/api/nope`, example)).status).toBe(404);
  });
});
