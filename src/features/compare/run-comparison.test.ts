import { describe, expect, it } from 'vitest';
import type { Route } from '../../api/route';
import type { JobRecord } from '../../job-store/job-record';
import { comparisonRecordSchema } from './comparison-record';
import { buildRecord, runLimited, runPlan, withSharedSeed } from './run-comparison';
import type { RunDeps, SubmitArgs } from './run-comparison';
import type { SharedParams } from '../../providers/mapping/shared-params';
import { planSweep } from './sweep';

const targets = [
  { id: 'd', endpointId: 'dreamrender/generate_image' },
  { id: 'm', endpointId: 'modelslab/text2img' },
  { id: 's', endpointId: 'segmind/sd1.5-dreamshaper' },
];
const shared: SharedParams = { prompt: 'a fox', negativePrompt: '', width: 512, height: 512, steps: 30, guidance: 7 };

function fakeDeps(over: Partial<RunDeps> = {}) {
  const calls: SubmitArgs[] = [];
  const cells: Record<string, { jobId?: string; skipped?: string }> = {};
  const deps: RunDeps = {
    concurrency: 3,
    routeFor: async () => ({ baseUrl: 'http://x', key: 'k' }) satisfies Route,
    modeFor: () => 'sandbox',
    submit: async (args) => {
      calls.push(args);
      args.onCreated({ id: `job-${args.endpoint.id}` } as JobRecord);
      return undefined;
    },
    onCell: (key, patch) => (cells[key] = { ...cells[key], ...patch }),
    ...over,
  };
  return { deps, calls, cells };
}

describe('withSharedSeed', () => {
  it('draws one seed for the whole comparison when none was given', () => {
    expect(withSharedSeed(shared, {}, () => 0.5).seed).toBe(2 ** 30);
    expect(withSharedSeed({ ...shared, seed: 9 }, {}, () => 0.5).seed).toBe(9);
    expect(withSharedSeed(shared, { x: { param: 'seed', values: '1,2' } }, () => 0.5).seed).toBeUndefined();
  });
});

describe('runPlan', () => {
  it('sends every target with the same seed, labelled and grouped', async () => {
    const plan = planSweep({ targets, shared: withSharedSeed(shared, {}, () => 0.25) });
    const { deps, calls, cells } = fakeDeps();
    await runPlan(plan, 'group-1', deps);
    expect(calls.map((c) => c.endpoint.id)).toEqual(targets.map((t) => t.endpointId));
    expect(calls.map((c) => c.params.seed)).toEqual([2 ** 29, 2 ** 29, 2 ** 29]);
    expect(calls.every((c) => c.compareGroupId === 'group-1' && c.mode === 'sandbox')).toBe(true);
    expect(calls.map((c) => c.compareLabel)).toEqual(['DreamRender-3.0 generate_image', 'ModelsLab text2img', 'Segmind sd1.5-dreamshaper']);
    expect(Object.values(cells).map((c) => c.jobId)).toEqual(targets.map((t) => `job-${t.endpointId}`));
  });

  it('one target that cannot be sent or throws never stops the others', async () => {
    const plan = planSweep({ targets, shared: { ...shared, seed: 1 } });
    const { deps, calls, cells } = fakeDeps({
      routeFor: async (p) => ({ baseUrl: '', key: '', problem: p.id === 'dreamrender' ? 'DreamRender has no public host.' : undefined }),
      submit: async (args) => {
        if (args.endpoint.provider === 'modelslab') throw new Error('boom');
        calls.push(args);
        args.onCreated({ id: 'ok' } as JobRecord);
      },
    });
    await runPlan(plan, 'g', deps);
    expect(calls.map((c) => c.endpoint.provider)).toEqual(['segmind']);
    expect(cells['0:0:d']).toEqual({ skipped: 'DreamRender has no public host.' });
    expect(cells['0:0:m']).toEqual({ skipped: 'boom' });
    expect(cells['0:0:s']).toEqual({ jobId: 'ok' });
  });

  it('a throw after the job record exists is left to the job', async () => {
    const plan = planSweep({ targets: [targets[2]!], shared: { ...shared, seed: 1 } });
    const { deps, cells } = fakeDeps({
      submit: async (args) => {
        args.onCreated({ id: 'j' } as JobRecord);
        throw new Error('late');
      },
    });
    await runPlan(plan, 'g', deps);
    expect(cells['0:0:s']).toEqual({ jobId: 'j' });
  });

  it('unsendable cells are never submitted, and the record says why', async () => {
    const withInpaint = [...targets, { id: 'i', endpointId: 'segmind/sd1.5-inpainting' }];
    const plan = planSweep({ targets: withInpaint, shared: { ...shared, seed: 1 } });
    const { deps, calls } = fakeDeps();
    await runPlan(plan, 'g', deps);
    expect(calls).toHaveLength(3);
    const record = buildRecord({ id: 'g', createdAt: 1, plan, shared: { ...shared, seed: 1 }, targets: withInpaint, axes: {} });
    expect(comparisonRecordSchema.safeParse(record).success).toBe(true);
    expect(record.cells.find((c) => c.targetId === 'i')?.skipped).toBe('sd1.5-inpainting needs an init image; sd1.5-inpainting needs a mask');
    expect(record).toMatchObject({ kind: 'side-by-side', seed: 1, title: 'a fox' });
  });

  it('a sweep record keeps its axes and labels', () => {
    const axes = { x: { param: 'seed' as const, values: '1, 2' }, y: { param: 'guidance' as const, values: '5, 9' } };
    const plan = planSweep({ targets: [targets[2]!], shared, ...axes });
    const record = buildRecord({ id: 'g', createdAt: 1, plan, shared, targets: [targets[2]!], axes });
    expect(record).toMatchObject({ kind: 'sweep', xLabels: ['seed 1', 'seed 2'], yLabels: ['guidance 5', 'guidance 9'], axes });
    expect(record.cells).toHaveLength(4);
  });
});

describe('runLimited', () => {
  it('keeps at most `limit` tasks running, and runs them all', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    // Each task yields once (a microtask), so the limiter's next start happens while others run.
    const tasks = Array.from({ length: 7 }, (_, i) => async () => {
      running++;
      peak = Math.max(peak, running);
      await Promise.resolve();
      running--;
      if (i === 3) throw new Error('one fails');
      done.push(i);
    });
    await runLimited(tasks, 3);
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([0, 1, 2, 4, 5, 6]);
  });
});
