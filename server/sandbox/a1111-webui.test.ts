// The A1111 twin answers as WebUI 1.10 does where clients notice (issue 21): combined sampler
// names, silent defaults for unknown samplers, schedulers and checkpoints, no n_iter cap,
// checkpoints by title/name/hash/sha256, job_count -1 while another checkpoint loads.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SD_MODELS } from './a1111-state';
import { postJson, startTwin } from './test-helpers';
import type { RunningServer } from './test-helpers';

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
  await postJson(`${twin.base}/sandbox/a1111/_control`, { stepMs: 0, loadMs: 0 });
});

interface Info {
  sampler_name: string;
  sd_model_name: string;
  all_seeds: number[];
  infotexts: string[];
  extra_generation_params: Record<string, unknown>;
}

async function generate(body: Record<string, unknown>) {
  const res = await postJson(`${api}/txt2img`, { prompt: 'a quay', seed: 1, steps: 2, width: 64, height: 64, ...body });
  const json = (await res.json()) as { images: string[]; parameters: Record<string, unknown>; info: string };
  return { status: res.status, json, info: JSON.parse(json.info) as Info };
}

const [first, second, third] = SD_MODELS;

describe('A1111 twin: samplers and checkpoints as WebUI 1.10 takes them', () => {
  it('splits a combined sampler name into sampler and schedule, and echoes the request as asked', async () => {
    const combined = await generate({ sampler_name: 'DPM++ 2M Karras' });
    expect(combined.info.sampler_name).toBe('DPM++ 2M');
    expect(combined.info.extra_generation_params['Schedule type']).toBe('Karras');
    expect(combined.json.parameters['sampler_name']).toBe('DPM++ 2M Karras');
    expect(combined.info.infotexts[0]).toContain('Sampler: DPM++ 2M, Schedule type: Karras');
    // A schedule that is the sampler's own default reads as Automatic.
    expect((await generate({ sampler_name: 'Restart', scheduler: 'karras' })).info.extra_generation_params['Schedule type']).toBe('Automatic');
  });

  it('uses the default sampler, schedule or checkpoint for an unknown one, silently (status 200)', async () => {
    const res = await generate({ sampler_name: 'Eulr a', scheduler: 'Karas', override_settings: { sd_model_checkpoint: 'no-such-model' } });
    expect(res.status).toBe(200);
    expect(res.info.sampler_name).toBe('DPM++ 2M');
    expect(res.info.extra_generation_params['Schedule type']).toBe('Automatic');
    expect(res.info.sd_model_name).toBe(first?.model_name);
    expect((await generate({})).info.sampler_name).toBe('Euler');
  });

  it('finds a checkpoint by title, name, file name, short hash or sha256', async () => {
    for (const name of [second?.title, second?.model_name, 'dreamshaper_8.safetensors', second?.hash, second?.sha256]) {
      expect((await generate({ override_settings: { sd_model_checkpoint: name } })).info.sd_model_name, name).toBe(second?.model_name);
    }
    const set = await postJson(`${api}/options`, { sd_model_checkpoint: third?.sha256 });
    expect(set.status).toBe(200);
    expect(((await (await fetch(`${api}/options`)).json()) as Record<string, unknown>)['sd_model_checkpoint']).toBe(third?.title);
    // Setting an unknown checkpoint through /options still fails, as in the WebUI.
    expect((await postJson(`${api}/options`, { sd_model_checkpoint: 'nope' })).status).toBe(500);
  });

  it('takes any n_iter (real servers have no cap)', async () => {
    const res = await generate({ n_iter: 20, steps: 1 });
    expect(res.json.images).toHaveLength(20);
    expect(res.info.all_seeds.at(-1)).toBe(20);
  });
});

describe('A1111 twin: loading another checkpoint', () => {
  type Progress = { progress: number; state: { job_count: number; job: string; sampling_step: number } };
  const control = (settings: Record<string, number | null>) => postJson(`${twin.base}/sandbox/a1111/_control`, settings);
  /** Polls /progress until `check` holds: a state to wait for, not a time. */
  const progressWhen = (check: (p: Progress) => boolean) =>
    vi.waitFor(
      async () => {
        const p = (await (await fetch(`${api}/progress`)).json()) as Progress;
        if (!check(p)) throw new Error(`progress not there yet: ${JSON.stringify(p.state)}`);
        return p;
      },
      { timeout: 20_000, interval: 10 },
    );

  it('reports job_count -1 (progress 0.01) while the checkpoint loads, then samples', async () => {
    // The load is held (60 s) until the test lets it go by setting loadMs 0: no window to hit.
    await control({ loadMs: 60_000, stepMs: 0 });
    const running = generate({ steps: 20, override_settings: { sd_model_checkpoint: second?.title } });
    const loading = await progressWhen((p) => p.state.job_count !== 0);
    expect(loading).toMatchObject({ progress: 0.01, state: { job_count: -1, job: '' } });
    await control({ loadMs: 0 });
    expect((await running).info.sd_model_name).toBe(second?.model_name);
    // Now loaded: the same checkpoint again goes straight to sampling (held before its first step).
    await control({ loadMs: 60_000, holdAtStep: 0 });
    const again = generate({ steps: 20, override_settings: { sd_model_checkpoint: second?.title } });
    const sampling = await progressWhen((p) => p.state.job_count !== 0);
    expect(sampling.state).toMatchObject({ job_count: 1, sampling_step: 0 });
    await control({ holdAtStep: null });
    expect((await again).json.images).toHaveLength(1);
  });
});
