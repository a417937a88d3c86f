/**
 * Batch count: N runs of the same parameters, one after another, beside `samples` (which asks the
 * provider for several images in one request). Seeds are consecutive from the first run's seed, or
 * drawn anew for every run.
 */
import type { JobRecord } from '../../job-store/job-record';
import { describeSchema } from '../../providers/fields/describe';
import { getEndpoint } from '../../providers/registry';
import type { SeedMode } from './batch-settings';

/** The endpoint's seed field, if it has one. */
export function seedFieldOf(endpointId: string) {
  const ep = getEndpoint(endpointId);
  return ep ? describeSchema(ep.schema).find((f) => f.kind === 'seed') : undefined;
}

/** The seed of run `index` (0-based); run 0 keeps the form's own seed. */
export function batchSeed(index: number, first: number | undefined, mode: SeedMode, random: unknown, max: number | undefined): unknown {
  if (index === 0 || mode === 'drawn' || first === undefined) return random;
  const next = first + index;
  return max !== undefined && next > max ? next - max - 1 : next;
}

export interface BatchProgress {
  run: number;
  count: number;
}

/**
 * Sends the same parameters `count` times in a row; stops at a run that did not go out or failed,
 * or when `stopped()` says so. Loaded when a batch starts.
 */
export async function runBatch(opts: {
  count: number;
  seeds: SeedMode;
  endpointId: string;
  params: Record<string, unknown>;
  send(params: Record<string, unknown>): Promise<JobRecord | undefined>;
  onProgress(p: BatchProgress | undefined): void;
  stopped(): boolean;
}) {
  const { count, params } = opts;
  const seedField = seedFieldOf(opts.endpointId);
  let first: JobRecord | undefined;
  try {
    for (let i = 0; i < count && !opts.stopped(); i++) {
      opts.onProgress({ run: i + 1, count });
      const seed = seedField && batchSeed(i, first?.seed, opts.seeds, i === 0 ? params[seedField.name] : seedField.randomValue, seedField.max);
      const job = await opts.send(seedField ? { ...params, [seedField.name]: seed } : params);
      if (i === 0) first = job;
      if (!job || job.status === 'failed') break;
    }
  } finally {
    opts.onProgress(undefined);
  }
}
