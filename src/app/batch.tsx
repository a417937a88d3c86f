/**
 * Batch count: N runs of the same parameters, one after another, beside `samples` (which asks the
 * provider for several images in one request). Seeds are consecutive from the first run's seed, or
 * drawn anew for every run.
 */
import { useRef, useState } from 'react';
import type { JobRecord } from '../job-store/job-record';
import { inputClass } from '../components/ui/field-shell';
import { Button } from '../components/ui/button';

export type SeedMode = 'consecutive' | 'drawn';
export interface BatchSettings {
  count: number;
  seeds: SeedMode;
}

export const MAX_BATCH = 16;

/** The seed of run `index` (0-based); run 0 keeps the form's own seed. */
export function batchSeed(index: number, first: number | undefined, mode: SeedMode, random: unknown, max: number | undefined): unknown {
  if (index === 0 || mode === 'drawn' || first === undefined) return random;
  const next = first + index;
  return max !== undefined && next > max ? next - max - 1 : next;
}

/** Runs `send` `count` times in a row; stops at a run that did not go out or failed, or when stopped. */
export function useBatchRunner() {
  const [progress, setProgress] = useState<{ run: number; count: number }>();
  const stopped = useRef(false);
  const run = async (count: number, send: (index: number, first: JobRecord | undefined) => Promise<JobRecord | undefined>) => {
    stopped.current = false;
    let first: JobRecord | undefined;
    try {
      for (let i = 0; i < count && !stopped.current; i++) {
        if (count > 1) setProgress({ run: i + 1, count });
        const job = await send(i, first);
        if (i === 0) first = job;
        if (!job || job.status === 'failed') break;
      }
    } finally {
      setProgress(undefined);
    }
  };
  return { run, progress, stop: () => (stopped.current = true) };
}

export function BatchControls(props: {
  value: BatchSettings;
  onChange(v: BatchSettings): void;
  progress?: { run: number; count: number };
  onStop(): void;
}) {
  const { value, onChange, progress, onStop } = props;
  return (
    <>
      <label className="flex items-center gap-1 text-xs text-zinc-300">
        Batch count
        <input
          type="number"
          min={1}
          max={MAX_BATCH}
          value={value.count}
          onChange={(e) => onChange({ ...value, count: Math.min(MAX_BATCH, Math.max(1, Math.round(Number(e.target.value) || 1))) })}
          className={`${inputClass} !w-16 !py-1`}
        />
      </label>
      {value.count > 1 && (
        <label className="flex items-center gap-1 text-xs text-zinc-300">
          Seeds
          <select value={value.seeds} onChange={(e) => onChange({ ...value, seeds: e.target.value as SeedMode })} className={`${inputClass} !w-auto !py-1`}>
            <option value="consecutive">consecutive</option>
            <option value="drawn">drawn</option>
          </select>
        </label>
      )}
      {progress && (
        <span role="status" className="flex items-center gap-2 text-xs text-zinc-300">
          Batch: run {progress.run} of {progress.count}
          <Button className="!px-2 !py-0.5 text-xs" onClick={onStop}>
            Stop batch
          </Button>
        </span>
      )}
    </>
  );
}
