import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INVALID_KEY_MESSAGE, MISSING_KEY_MESSAGE } from './modelslab';
import { decodePng, encodePng } from './png';
import { createRaster, maskLuminance, resizeBilinear, resizeNearest } from './raster';
import { download, postJson, sameBytes, setControl, startReceiver, startTwin, LOOPBACK_RECEIVERS } from './test-helpers';
import type { RunningServer } from './test-helpers';

interface Answer {
  status: string;
  id?: number;
  message?: string;
  output?: string[];
  meta?: Record<string, unknown>;
  generationTime?: number;
  retry_after?: number;
}

let twin: RunningServer;
let api: string;
beforeAll(async () => {
  twin = await startTwin({ outbound: LOOPBACK_RECEIVERS });
  api = `${twin.base}/sandbox/modelslab/api/v4/dreambooth`;
});
afterAll(() => twin.close());
beforeEach(() => postJson(`${twin.base}/sandbox/_control/reset`, {}));

async function call(path: string, body: unknown): Promise<{ status: number; body: Answer; headers: Headers }> {
  const res = await postJson(`${api}${path}`, body);
  return { status: res.status, body: (await res.json()) as Answer, headers: res.headers };
}

const text2img = { key: 'k', model_id: 'midjourney', prompt: 'a cabin by a lake', width: '256', height: '256', samples: '1', seed: 77 };

/** Seed 002's example body; its init_image is replaced (the network is closed in tests). */
function img2imgExample(initImage: string) {
  return {
    key: 'k',
    model_id: 'your_model_id',
    prompt: 'papercraft, quilling, layers, landscape',
    negative_prompt: null,
    init_image: initImage,
    width: '512',
    height: '512',
    samples: '1',
    num_inference_steps: '30',
    safety_checker: 'yes',
    enhance_prompt: 'yes',
    guidance_scale: 7.5,
    strength: 0.7,
    scheduler: 'UniPCMultistepScheduler',
    seed: null,
    lora_model: null,
    tomesd: 'yes',
    use_karras_sigmas: 'yes',
    vae: null,
    lora_strength: null,
    embeddings_model: null,
    webhook: null,
    track_id: null,
  };
}

async function initUrl(width = 512, height = 512): Promise<string> {
  const { body } = await call('', { ...text2img, width, height, prompt: 'init picture' });
  return body.output?.[0] ?? '';
}

function maskRaster(width: number, height: number) {
  const mask = createRaster(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = Math.hypot(x - width / 2, y - height / 2) < width / 4;
      mask.data.set(inside ? [255, 255, 255, 255] : [0, 0, 0, 255], (y * width + x) * 4);
    }
  }
  return mask;
}

describe('ModelsLab twin: generation', () => {
  it('text2img answers success with PNG URLs on the request host and meta in the service spelling', async () => {
    const { status, body } = await call('', { ...text2img, samples: 2 });
    expect(status).toBe(200);
    expect(body.status).toBe('success');
    expect(typeof body.id).toBe('number');
    expect(body.output).toHaveLength(2);
    expect(body.output?.[0]).toMatch(new RegExp(`^${twin.base}/sandbox/files/[0-9a-f-]{36}-0\\.png$`));
    expect(body.meta).toMatchObject({ model_id: 'midjourney', W: 256, H: 256, steps: 31, n_samples: 2, seed: 77, guidance_scale: 7.5 });
    const [a, b] = await Promise.all((body.output ?? []).map(download));
    expect(decodePng(a ?? new Uint8Array()).width).toBe(256);
    expect(sameBytes(a ?? new Uint8Array(), b ?? new Uint8Array())).toBe(false);
  });

  it('is deterministic in the seed; a null seed draws one and reports it', async () => {
    const first = await download((await call('', text2img)).body.output?.[0] ?? '');
    const again = await download((await call('', text2img)).body.output?.[0] ?? '');
    const other = await download((await call('', { ...text2img, seed: '78' })).body.output?.[0] ?? '');
    expect(sameBytes(first, again)).toBe(true);
    expect(sameBytes(first, other)).toBe(false);
    const random = await call('', { ...text2img, seed: null });
    expect(typeof random.body.meta?.seed).toBe('number');
  });

  it('enhance_prompt (default yes) rewrites meta.prompt deterministically; "no" keeps it', async () => {
    const enhanced = await call('', text2img);
    expect(enhanced.body.meta?.prompt).toMatch(/^ a cabin by a lake .+/);
    expect((await call('', text2img)).body.meta?.prompt).toBe(enhanced.body.meta?.prompt);
    expect((await call('', { ...text2img, enhance_prompt: 'no' })).body.meta?.prompt).toBe('a cabin by a lake');
  });

  it('replays the seed 002 img2img example (init image from a twin URL)', async () => {
    const init = await initUrl();
    const { body } = await call('/img2img', img2imgExample(init));
    expect(body.status).toBe('success');
    expect(body.meta).toMatchObject({ W: 512, H: 512, strength: 0.7, steps: 30, init_image: init, scheduler: 'UniPCMultistepScheduler' });
    expect(decodePng(await download(body.output?.[0] ?? '')).height).toBe(512);
  });

  it('img2img with strength 0 returns the init image; default size is the init size', async () => {
    const init = await initUrl(320, 200);
    const { body } = await call('/img2img', { ...img2imgExample(init), width: null, height: null, strength: 0 });
    expect(body.meta).toMatchObject({ W: 320, H: 200 });
    const out = decodePng(await download(body.output?.[0] ?? ''));
    expect(sameBytes(out.data, decodePng(await download(init)).data)).toBe(true);
  });

  it('inpaint changes only the white pixels of the mask, exactly, also after resizing', async () => {
    const init = await initUrl(256, 256);
    const initImage = decodePng(await download(init));
    const mask = maskRaster(128, 128);
    for (const size of [256, 200]) {
      const { body } = await call('/inpaint', {
        key: 'k',
        model_id: 'm',
        prompt: 'a red sphere',
        init_image: init,
        mask_image: `data:image/png;base64,${Buffer.from(encodePng(mask)).toString('base64')}`,
        width: size,
        height: size,
        steps: 20,
        strength: 1,
        seed: 3,
      });
      expect(body.status).toBe('success');
      const out = decodePng(await download(body.output?.[0] ?? ''));
      const expected = resizeBilinear(initImage, size, size);
      const lum = maskLuminance(resizeNearest(mask, size, size));
      let repainted = 0;
      let changedUnderBlack = 0;
      for (let p = 0; p < lum.length; p++) {
        const i = p * 4;
        const same = [0, 1, 2, 3].every((k) => out.data[i + k] === expected.data[i + k]);
        if ((lum[p] ?? 0) < 128) changedUnderBlack += same ? 0 : 1;
        else if (!same) repainted++;
      }
      expect(changedUnderBlack).toBe(0);
      expect(repainted).toBeGreaterThan(size * size * 0.05);
    }
  });

  it('base64: "yes" takes raw base64 images and answers .base64 text files', async () => {
    const initPng = await download(await initUrl(128, 128));
    const { body } = await call('/img2img', {
      ...img2imgExample(Buffer.from(initPng).toString('base64')),
      width: 128,
      height: 128,
      base64: 'yes',
    });
    expect(body.status).toBe('success');
    expect(body.output?.[0]).toMatch(/\.base64$/);
    expect(String(body.meta?.init_image)).toMatch(/^<base64 image/);
    const res = await fetch(body.output?.[0] ?? '');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const png = Buffer.from(await res.text(), 'base64');
    expect(decodePng(png).width).toBe(128);
    // A .base64 output works as the next init image too.
    expect((await call('/img2img', { ...img2imgExample(body.output?.[0] ?? ''), width: 64, height: 64 })).body.status).toBe('success');
  });

  it('fetches init images from any http URL and explains failures', async () => {
    const initPng = await download(await initUrl(64, 64));
    const host = await startReceiver({ '/init.png': initPng });
    try {
      const ok = await call('/img2img', { ...img2imgExample(`${host.base}/init.png`), width: 64, height: 64 });
      expect(ok.body.status).toBe('success');
      const missing = await call('/img2img', img2imgExample(`${host.base}/missing.png`));
      expect(missing.status).toBe(200);
      expect(missing.body).toMatchObject({ status: 'error' });
      expect(missing.body.message).toMatch(/init_image could not be downloaded .* HTTP 404/);
    } finally {
      await host.close();
    }
    const notBase64 = await call('/img2img', img2imgExample('aGVsbG8='));
    expect(notBase64.body.message).toMatch(/init_image must be an http\(s\) URL/);
    const gone = await call('/img2img', img2imgExample(`${twin.base}/sandbox/files/nope-0.png`));
    expect(gone.body.message).toMatch(/no sandbox file named nope-0.png/);
  });
});

describe('ModelsLab twin: errors', () => {
  it.each([
    [{ key: '' }, MISSING_KEY_MESSAGE],
    [{ key: undefined }, MISSING_KEY_MESSAGE],
    [{ key: 'invalid' }, INVALID_KEY_MESSAGE],
  ])('answers HTTP 200 status error for key %j', async (change, message) => {
    const { status, body } = await call('', { ...text2img, ...change });
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'error', message });
  });

  it.each([
    ['', { width: 2000 }, /width field must be an integer from 64 to 1024/],
    ['', { height: '1025' }, /height/],
    ['', { samples: 5 }, /samples/],
    ['', { num_inference_steps: 30 }, /num_inference_steps field must be one of 21, 31, 41, 51/],
    ['', { guidance_scale: 25 }, /guidance_scale/],
    ['', { scheduler: 'Euler a' }, /scheduler field must be one of DDPMScheduler/],
    ['', { safety_checker_type: 'nope' }, /safety_checker_type/],
    ['', { algorithm_type: 'dpmsolver++' }, /algorithm_type/],
    ['', { clip_skip: 9 }, /clip_skip/],
    ['', { tomesd: 'maybe' }, /tomesd field must be "yes" or "no"/],
    ['', { webhook: 'ftp://x' }, /webhook field must be an http\(s\) URL/],
    ['', { lora_strength: '0.5,x' }, /lora_strength/],
    ['', { prompt: null }, /prompt field is required/],
    ['', { model_id: '' }, /model_id field must not be empty/],
    ['/img2img', { num_inference_steps: 51, init_image: 'http://127.0.0.1:1/x.png' }, /num_inference_steps field must be an integer from 1 to 50/],
    ['/img2img', { strength: 1.5, init_image: 'http://127.0.0.1:1/x.png' }, /strength/],
    ['/img2img', {}, /init_image field is required/],
    ['/inpaint', { init_image: 'http://127.0.0.1:1/x.png' }, /mask_image field is required/],
    ['/inpaint', { init_image: 'http://127.0.0.1:1/x.png', mask_image: 'http://127.0.0.1:1/m.png', steps: 60 }, /steps field must be an integer from 1 to 50/],
  ])('validates %s %j', async (path, change, message) => {
    const { status, body } = await call(path, { ...text2img, ...change });
    expect(status).toBe(200);
    expect(body.status).toBe('error');
    expect(body.message).toMatch(message);
  });

  it('answers status error for a body that is not JSON, 404 for unknown paths, 405 for GET', async () => {
    const res = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Answer).status).toBe('error');
    expect((await postJson(`${api}/unknown`, text2img)).status).toBe(404);
    expect((await fetch(api)).status).toBe(405);
  });

  it.each([401, 402, 403, 500, 503])('failNext %i answers that HTTP status with status error', async (status) => {
    await setControl(twin.base, { failNext: { provider: 'modelslab', status } });
    const failed = await call('', text2img);
    expect(failed.status).toBe(status);
    expect(failed.body.status).toBe('error');
    expect(failed.body.message?.length).toBeGreaterThan(10);
    expect((await call('', text2img)).body.status).toBe('success');
  });

  it('failNext 429 with retryAfter: HTTP 429, Retry-After header and retry_after in the JSON', async () => {
    await setControl(twin.base, { failNext: { provider: 'modelslab', status: 429, retryAfter: 30 } });
    const { status, body, headers } = await call('', text2img);
    expect(status).toBe(429);
    expect(headers.get('retry-after')).toBe('30');
    expect(body).toMatchObject({ status: 'error', retry_after: 30 });
    expect(body.message).toMatch(/Rate limit exceeded/);
  });

  it('failNext 200 answers a failed job (validated first)', async () => {
    await setControl(twin.base, { failNext: { provider: 'modelslab', status: 200 } });
    const { status, body } = await call('', text2img);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'failed', output: [] });
    expect(typeof body.id).toBe('number');
    expect(typeof body.message).toBe('string');
  });
});
