/**
 * Running a planned comparison: every sendable cell at once (a sweep a few at
 * a time), each on its own route; one that fails or cannot be sent never
 * stops the others. I/O comes in through `deps`, so this is tested with fakes.
 */
import type { Route } from '../../api/route';
import { drawSeed } from '../../providers/shared/seed';
import type { EndpointDef, ProviderDef, ProviderId } from '../../providers/types';
import { getProvider } from '../../providers/registry';
import type { JobRecord } from '../../job-store/job-record';
import { COMPARISON_VERSION, comparisonTitle } from './comparison-record';
import type { ComparisonRecord } from './comparison-record';
import { toStoredShared } from '../../providers/mapping/shared-params';
import type { SharedParams } from '../../providers/mapping/shared-params';
import type { SweepAxis, SweepPlan } from './sweep';
import type { CompareTarget } from './targets';

/** The seed every target gets: the user's, or one drawn now, once for the whole comparison. Not when the seed is on an axis. */
export function withSharedSeed(shared: SharedParams, axes: { x?: SweepAxis; y?: SweepAxis }, rand: () => number): SharedParams {
  if (shared.seed !== undefined || axes.x?.param === 'seed' || axes.y?.param === 'seed') return shared;
  return { ...shared, seed: drawSeed(rand) };
}

export function buildRecord(input: {
  id: string;
  createdAt: number;
  plan: SweepPlan;
  shared: SharedParams;
  targets: CompareTarget[];
  axes: { x?: SweepAxis; y?: SweepAxis };
}): ComparisonRecord {
  const { id, createdAt, plan, shared, targets, axes } = input;
  const kind = axes.x || axes.y ? 'sweep' : 'side-by-side';
  return {
    version: COMPARISON_VERSION,
    id,
    createdAt,
    kind,
    title: comparisonTitle(shared.prompt, kind),
    seed: shared.seed,
    shared: toStoredShared(shared),
    targets,
    axes: { ...(axes.x ? { x: axes.x } : {}), ...(axes.y ? { y: axes.y } : {}) },
    xLabels: plan.xs.map((v) => v.label),
    yLabels: plan.ys.map((v) => v.label),
    cells: plan.cells.map((c) => ({
      key: c.key,
      label: c.label,
      targetId: c.targetId,
      endpointId: c.mapping.target.endpointId,
      xIndex: c.xIndex,
      yIndex: c.yIndex,
      ...(c.mapping.sendable ? {} : { skipped: c.mapping.problems.join('; ') }),
    })),
  };
}

export interface SubmitArgs {
  provider: ProviderDef;
  endpoint: EndpointDef;
  params: Record<string, unknown>;
  mode: 'sandbox' | 'live';
  route: Route;
  compareGroupId: string;
  compareLabel: string;
  onCreated(job: JobRecord): void;
}

export interface RunDeps {
  submit(args: SubmitArgs): Promise<unknown>;
  routeFor(provider: ProviderDef): Promise<Route>;
  modeFor(provider: ProviderId): 'sandbox' | 'live';
  /** A cell got its job, or will not be sent (and why). */
  onCell(key: string, patch: { jobId?: string; skipped?: string }): void;
  /** Requests in flight at once. */
  concurrency: number;
}

/** Runs `tasks` with at most `limit` at a time; resolves when all have settled. */
export async function runLimited(tasks: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++]!;
      await task().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
}

export async function runPlan(plan: SweepPlan, groupId: string, deps: RunDeps): Promise<void> {
  const tasks: Array<() => Promise<void>> = [];
  for (const cell of plan.cells) {
    const { mapping } = cell;
    if (!mapping.sendable || !mapping.endpoint) continue; // recorded as skipped by buildRecord
    const endpoint = mapping.endpoint;
    tasks.push(async () => {
      const provider = getProvider(endpoint.provider);
      if (!provider) return deps.onCell(cell.key, { skipped: `Unknown provider ${endpoint.provider}.` });
      let route: Route;
      try {
        route = await deps.routeFor(provider);
      } catch (e) {
        return deps.onCell(cell.key, { skipped: e instanceof Error ? e.message : String(e) });
      }
      if (route.problem) return deps.onCell(cell.key, { skipped: route.problem });
      let created = false;
      try {
        await deps.submit({
          provider,
          endpoint,
          params: mapping.params,
          mode: deps.modeFor(provider.id),
          route,
          compareGroupId: groupId,
          compareLabel: cell.label,
          onCreated: (job) => {
            created = true;
            deps.onCell(cell.key, { jobId: job.id });
          },
        });
      } catch (e) {
        // Thrown before a job record existed (parameters refused, storage full): say so on the cell.
        // After that, the job record itself carries the outcome.
        if (!created) deps.onCell(cell.key, { skipped: e instanceof Error ? e.message : String(e) });
      }
    });
  }
  await runLimited(tasks, deps.concurrency);
}
