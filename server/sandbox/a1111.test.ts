import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodePng, encodePng } from './png';
import { createRaster, maskLuminance, resizeBilinear } from './raster';
import type { Raster } from './raster';
import { synthesize } from './synth';
import { postJson, setControl, startTwin } from './test-helpers';
import type { RunningServer } from './test-helpers';

interface Generation {
  images: string[];
  parameters: Record<string, unknown>;
  info: string;
}

interface Info {
  seed: number;
  all_seeds: number[];
  all_prompts: string[];
  infotexts: string[];
  sampler_name: string;
  cfg_scale: number;
  steps: number;
  width: number;
  height: number;
  sd_model_name: string;
}

interface Progress {
  progress: number;
  eta_relative: number;
  state: { job_count: number; job_no: number; sampling_step: number; sampling_steps: number; interrupted: boolean; skipped: boolean };
  current_image: string | null;
  textinfo: string | null;
}

let twin: RunningServer;
let api: string;
beforeAll(async () => {
  twin = await startTwin();
  api = `${twin.base}/sandbox/a1111/sdapi/v1`;
});
afterAll(() => twin.close());
beforeEach(async () => {
  await postJson(`${twin.base}/sandbox/_control/reset`, {});
  await postJson(`${twin.base}/sandbox/a1111/_control/reset`, {});
  await a1111Control({ stepMs: 0 });
});

async function a1111Control(settings: unknown): Promise<Record<string, unknown>> {
  const res = await postJson(`${twin.base}/sandbox/a1111/_control`, settings);
  if (res.status !== 200) throw new Error(`a1111 control ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function generate(path: 'txt2img' | 'img2img', body: unknown, headers: Record<string, string> = {}) {
  const res = await postJson(`${api}/${path}`, body, headers);
  const json = (await res.json()) as Generation & Record<string, unknown>;
  return { status: res.status, json, info: typeof json.info === 'string' ? (JSON.parse(json.info) as Info) : undefined };
}

async function progress(): Promise<Progress> {
  const res = await fetch(`${api}/progress?skip_current_image=false`);
  expect(res.status).toBe(200);
  return (await res.json()) as Progress;
}

const png = (b64: string): Raster => decodePng(new Uint8Array(Buffer.from(b64, 'base64')));
const b64 = (raster: Raster) => Buffer.from(encodePng(raster)).toString('base64');

/** Polls the progress answer until `check` holds for it (a state, not a time). */
function progressWhen(check: (p: Progress) => boolean): Promise<Progress> {
  return vi.waitFor(
    async () => {
      const p = await progress();
      if (!check(p)) throw new Error(`progress not there yet: ${JSON.stringify(p.state)}`);
      return p;
    },
    { timeout: 20_000, interval: 10 },
  );
}

describe('A1111 twin: lists and options', () => {
  it('lists models, samplers and schedulers in the WebUI shapes', async () => {
    const models = (await (await fetch(`${api}/sd-models`)).json()) as Array<Record<string, unknown>>;
    expect(models.length).toBeGreaterThan(1);
    expect(Object.keys(models[0] ?? {}).sort()).toEqual(['config', 'filename', 'hash', 'model_name', 'sha256', 'title']);
    expect(models[0]?.title).toMatch(/^v1-5-pruned-emaonly\.safetensors \[[0-9a-f]{10}\]$/);
    const samplers = (await (await fetch(`${api}/samplers`)).json()) as Array<{ name: string; aliases: string[]; options: object }>;
    expect(samplers.map((s) => s.name)).toEqual(expect.arrayContaining(['Euler a', 'Euler', 'DPM++ 2M', 'DDIM']));
    expect(samplers.find((s) => s.name === 'Euler a')?.aliases).toContain('k_euler_a');
    const schedulers = (await (await fetch(`${api}/schedulers`)).json()) as Array<{ name: string; label: string }>;
    expect(schedulers).toContainEqual(expect.objectContaining({ name: 'karras', label: 'Karras', default_rho: 7 }));
  });

  it('reads and sets options; an unknown checkpoint is a RuntimeError', async () => {
    const before = (await (await fetch(`${api}/options`)).json()) as Record<string, unknown>;
    expect(before.sd_model_checkpoint).toMatch(/^v1-5-pruned-emaonly/);
    const set = await postJson(`${api}/options`, { sd_model_checkpoint: 'dreamshaper_8', show_progress_every_n_steps: 3 });
    expect(set.status).toBe(200);
    expect(await set.json()).toBeNull();
    const after = (await (await fetch(`${api}/options`)).json()) as Record<string, unknown>;
    expect(after.sd_model_checkpoint).toMatch(/^dreamshaper_8\.safetensors \[/);
    expect(after.show_progress_every_n_steps).toBe(3);
    const bad = await postJson(`${api}/options`, { sd_model_checkpoint: 'nope' });
    expect(bad.status).toBe(500);
    expect(await bad.json()).toEqual({ error: 'RuntimeError', detail: '', body: '', errors: 'model "nope" not found' });
    const { info } = await generate('txt2img', { prompt: 'a hut', seed: 1, steps: 5, width: 64, height: 64 });
    expect(info?.sd_model_name).toBe('dreamshaper_8');
  });

  it('answers unknown paths and methods like FastAPI, and lists itself in GET /sandbox/', async () => {
    const missing = await fetch(`${api}/nothing`);
    expect([missing.status, await missing.json()]).toEqual([404, { detail: 'Not Found' }]);
    const wrong = await fetch(`${api}/txt2img`);
    expect([wrong.status, await wrong.json()]).toEqual([405, { detail: 'Method Not Allowed' }]);
    const index = (await (await fetch(`${twin.base}/sandbox/`)).json()) as { endpoints: string[] };
    expect(index.endpoints).toEqual(expect.arrayContaining(['POST /sandbox/a1111/sdapi/v1/txt2img', 'GET /sandbox/a1111/sdapi/v1/progress']));
  });
});

describe('A1111 twin: txt2img', () => {
  it('makes batch_size x n_iter PNGs with consecutive seeds, infotexts and the request echoed', async () => {
    const body = { prompt: 'a lighthouse at dusk', negative_prompt: 'blurry', seed: 1234, batch_size: 2, n_iter: 2, steps: 12, cfg_scale: 6.5, width: 96, height: 64, sampler_name: 'Euler a', scheduler: 'karras' };
    const { status, json, info } = await generate('txt2img', body);
    expect(status).toBe(200);
    expect(json.images).toHaveLength(4);
    expect(info?.seed).toBe(1234);
    expect(info?.all_seeds).toEqual([1234, 1235, 1236, 1237]);
    expect(info?.all_prompts).toEqual(Array(4).fill('a lighthouse at dusk'));
    expect(info).toMatchObject({ sampler_name: 'Euler a', cfg_scale: 6.5, steps: 12, width: 96, height: 64 });
    expect(info?.infotexts[2]).toBe(
      'a lighthouse at dusk\nNegative prompt: blurry\nSteps: 12, Sampler: Euler a, Schedule type: Karras, CFG scale: 6.5, Seed: 1236, ' +
        `Size: 96x64, Model hash: ${String(info?.infotexts[0]).match(/Model hash: ([0-9a-f]+)/)?.[1]}, Model: v1-5-pruned-emaonly, Batch size: 2, Batch pos: 0, Version: v1.10.1`,
    );
    expect(json.parameters).toMatchObject({ ...body, n_iter: 2, send_images: true, override_settings: null });
    const first = png(json.images[0] ?? '');
    expect([first.width, first.height]).toEqual([96, 64]);
    const bytes = Buffer.from(json.images[0] ?? '', 'base64');
    expect(bytes.includes(Buffer.from(`tEXtparameters\0a lighthouse at dusk`, 'latin1'))).toBe(true);
    // Picture 3 is the first picture of the same request with its seed alone.
    const alone = await generate('txt2img', { ...body, seed: 1236, batch_size: 1, n_iter: 1 });
    expect(png(alone.json.images[0] ?? '').data).toEqual(png(json.images[2] ?? '').data);
    expect(png(json.images[3] ?? '').data).not.toEqual(png(json.images[2] ?? '').data);
  });

  it('draws a seed for -1, uses the defaults and the model override', async () => {
    const a = await generate('txt2img', { prompt: 'a fox', width: 64, height: 64, override_settings: { sd_model_checkpoint: 'sd_xl_base_1.0.safetensors' } });
    expect(a.status).toBe(200);
    expect(a.info?.seed).toBeGreaterThanOrEqual(0);
    expect(a.info).toMatchObject({ steps: 50, cfg_scale: 7, sampler_name: 'Euler', sd_model_name: 'sd_xl_base_1.0' });
    expect(a.info?.all_seeds).toEqual([a.info?.seed]);
  });

  it('422 lists every type and range error FastAPI-style', async () => {
    const res = await generate('txt2img', { prompt: 'x', steps: 'many', width: 10, restore_faces: 'maybe', styles: 'oil' });
    expect(res.status).toBe(422);
    expect(res.json.detail).toEqual([
      { loc: ['body', 'styles'], msg: 'value is not a valid list', type: 'type_error.list' },
      { loc: ['body', 'steps'], msg: 'value is not a valid integer', type: 'type_error.integer' },
      { loc: ['body', 'width'], msg: 'ensure this value is greater than or equal to 64', type: 'value_error.number.not_ge', ctx: { limit_value: 64 } },
      { loc: ['body', 'restore_faces'], msg: 'value could not be parsed to a boolean', type: 'type_error.bool' },
    ]);
    const notJson = await fetch(`${api}/txt2img`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{prompt' });
    expect(notJson.status).toBe(422);
    expect(((await notJson.json()) as { detail: Array<{ type: string; loc: unknown[] }> }).detail[0]).toMatchObject({ loc: ['body', 0], type: 'value_error.jsondecode' });
  });

  it('failNext 500 answers the WebUI exception shape; 200 makes no images', async () => {
    await setControl(twin.base, { failNext: [{ status: 500 }, { status: 200 }] });
    const failed = await generate('txt2img', { prompt: 'x', width: 64, height: 64 });
    expect(failed.status).toBe(500);
    expect(Object.keys(failed.json).sort()).toEqual(['body', 'detail', 'error', 'errors']);
    expect(failed.json).toMatchObject({ error: 'RuntimeError', detail: '', body: '' });
    expect(String(failed.json.errors)).toMatch(/Internal server error/);
    const empty = await generate('txt2img', { prompt: 'x', seed: 5, width: 64, height: 64 });
    expect(empty.status).toBe(200);
    expect(empty.json.images).toEqual([]);
    const ok = await generate('txt2img', { prompt: 'x', seed: 5, width: 64, height: 64, steps: 3 });
    expect(ok.json.images).toHaveLength(1);
  });

  it('honours the shared latencyMs', async () => {
    await setControl(twin.base, { latencyMs: 300 });
    const started = Date.now();
    await generate('txt2img', { prompt: 'x', width: 64, height: 64, steps: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('A1111 twin: Basic auth', () => {
  it('is off by default, then 401s a missing or wrong login', async () => {
    expect((await fetch(`${api}/samplers`)).status).toBe(200);
    await a1111Control({ apiAuth: 'alice:s3cret' });
    const none = await fetch(`${api}/samplers`);
    expect([none.status, await none.json()]).toEqual([401, { error: 'HTTPException', detail: 'Not authenticated', body: '', errors: '401: Not authenticated' }]);
    const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });
    const wrong = await generate('txt2img', { prompt: 'x' }, basic('alice', 'nope'));
    expect(wrong.status).toBe(401);
    expect(wrong.json.detail).toBe('Incorrect username or password');
    const right = await generate('txt2img', { prompt: 'x', width: 64, height: 64, steps: 2 }, basic('alice', 's3cret'));
    expect(right.status).toBe(200);
    await postJson(`${twin.base}/sandbox/a1111/_control/reset`, {});
    expect((await fetch(`${api}/samplers`)).status).toBe(200);
  });

  it('the shared reset (POST /sandbox/_control/reset) resets this twin too', async () => {
    await a1111Control({ apiAuth: 'alice:s3cret', stepMs: 7, holdAtStep: 2 });
    expect((await fetch(`${api}/samplers`)).status).toBe(401);
    await postJson(`${twin.base}/sandbox/_control/reset`, {});
    expect((await fetch(`${api}/samplers`)).status).toBe(200);
    expect(await (await fetch(`${twin.base}/sandbox/a1111/_control`)).json()).toMatchObject({ apiAuth: [], stepMs: 40, holdAtStep: null });
    for (const bad of [{ holdAtStep: -1 }, { holdAtStep: 1.5 }, { holdAtStep: '3' }, { holdAtStep: 151 }]) {
      const res = await postJson(`${twin.base}/sandbox/a1111/_control`, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
  });
});

describe('A1111 twin: img2img and inpainting', () => {
  const init = synthesize({ provider: 'test', model: 'm', prompt: 'a harbour', negativePrompt: '', seed: 9, width: 120, height: 90, sample: 0 });
  /** Left half black (keep), right half white (repaint); a smaller size than the output. */
  const mask = createRaster(60, 45);
  for (let i = 0; i < mask.data.length; i += 4) {
    const white = (i / 4) % 60 >= 30;
    mask.data.set(white ? [255, 255, 255, 255] : [0, 0, 0, 255], i);
  }
  const body = { prompt: 'a red boat', seed: 42, steps: 4, width: 128, height: 96, init_images: [`data:image/png;base64,${b64(init)}`], mask: b64(mask), mask_blur: 4, inpainting_fill: 1, denoising_strength: 0.9 };

  it('keeps every black-mask pixel equal to the init image at the output size, and repaints the rest', async () => {
    const { status, json, info } = await generate('img2img', body);
    expect(status).toBe(200);
    const out = png(json.images[0] ?? '');
    const fitted = resizeBilinear(init, 128, 96);
    let kept = 0;
    let changed = 0;
    for (let p = 0; p < 128 * 96; p++) {
      const same = [0, 1, 2].every((k) => out.data[p * 4 + k] === fitted.data[p * 4 + k]);
      if (p % 128 < 64) {
        expect(same).toBe(true);
        kept++;
      } else if (!same) changed++;
    }
    expect(kept).toBe(64 * 96);
    expect(changed).toBeGreaterThan(64 * 96 * 0.5);
    expect(info?.infotexts[0]).toMatch(/Denoising strength: 0\.9, Mask blur: 4, Version/);
    expect(json.parameters).toMatchObject({ init_images: null, mask: null, inpainting_fill: 1, resize_mode: 0 });
  });

  it('inpainting_mask_invert 1 keeps the white part instead', async () => {
    const { json } = await generate('img2img', { ...body, inpainting_mask_invert: 1 });
    const out = png(json.images[0] ?? '');
    const fitted = resizeBilinear(init, 128, 96);
    const lum = maskLuminance(out);
    expect(lum.length).toBe(128 * 96);
    for (let p = 0; p < 128 * 96; p++) {
      if (p % 128 >= 64) for (const k of [0, 1, 2]) expect(out.data[p * 4 + k]).toBe(fitted.data[p * 4 + k]);
    }
  });

  it('img2img without a mask blends by denoising_strength; 0 gives the init image back', async () => {
    const { json } = await generate('img2img', { ...body, mask: undefined, denoising_strength: 0 });
    expect(png(json.images[0] ?? '').data).toEqual(resizeBilinear(init, 128, 96).data);
  });

  it('needs init_images and a decodable image', async () => {
    const none = await generate('img2img', { prompt: 'x' });
    expect([none.status, none.json.detail]).toEqual([404, 'Init image not found']);
    const bad = await generate('img2img', { prompt: 'x', init_images: ['not-an-image'] });
    expect([bad.status, bad.json.detail]).toEqual([500, 'Invalid encoded image']);
  });
});

describe('A1111 twin: progress and interrupt', () => {
  it('reports progress, ETA and a changing preview while the POST runs, and idles after', async () => {
    // The job is held after step 4, then after step 14 (holdAtStep), so each state is there to be seen.
    await a1111Control({ stepMs: 5, holdAtStep: 4 });
    await postJson(`${api}/options`, { show_progress_every_n_steps: 2 });
    const idle = await progress();
    expect(idle).toMatchObject({ progress: 0, eta_relative: 0, current_image: null, state: { job_count: 0, sampling_step: 0 } });
    const running = generate('txt2img', { prompt: 'a windmill', seed: 3, steps: 40, n_iter: 2, width: 64, height: 64 });
    const early = await progressWhen((p) => p.state.sampling_step === 4 && p.current_image !== null);
    expect(early.progress).toBeGreaterThan(0);
    expect(early.progress).toBeLessThan(1);
    expect(early.eta_relative).toBeGreaterThan(0);
    expect(early.state).toMatchObject({ job_count: 2, job_no: 0, sampling_steps: 40, interrupted: false, skipped: false });
    await a1111Control({ holdAtStep: 14 });
    const later = await progressWhen((p) => p.state.sampling_step === 14 && p.current_image !== early.current_image);
    await a1111Control({ holdAtStep: null });
    expect(later.progress).toBeGreaterThan(early.progress);
    expect(later.current_image).not.toBe(early.current_image);
    const preview = png(later.current_image ?? '');
    expect([preview.width, preview.height]).toEqual([64, 64]);
    expect((await running).json.images).toHaveLength(2);
    expect((await progress()).state.job_count).toBe(0);
  });

  it('interrupt makes the running POST answer with what was made so far', async () => {
    // Held after step 3 (holdAtStep): without the interrupt the POST would not answer at all.
    await a1111Control({ stepMs: 0, holdAtStep: 3 });
    const running = generate('txt2img', { prompt: 'a tower', seed: 77, steps: 100, batch_size: 2, n_iter: 3, width: 64, height: 64 });
    await progressWhen((p) => p.state.sampling_step === 3);
    const res = await postJson(`${api}/interrupt`, {});
    expect([res.status, await res.json()]).toEqual([200, {}]);
    const { status, json, info } = await running;
    expect(status).toBe(200);
    expect(json.images).toHaveLength(2);
    expect(info?.all_seeds).toEqual([77, 78, 79, 80, 81, 82]);
    expect(info?.infotexts).toHaveLength(2);
    // A new request after the interrupt runs to the end.
    await a1111Control({ holdAtStep: null });
    expect((await generate('txt2img', { prompt: 'a tower', steps: 3, width: 64, height: 64 })).json.images).toHaveLength(1);
  });
});
