import { useEffect, useState } from 'react';
import type { JobRecord } from '../../job-store/job-record';
import { useLive } from '../../job-store/live-state';

function useNow(active: boolean, ms = 250) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [active, ms]);
  return now;
}

const STEPS = { waiting: 'Waiting for the answer', receiving: 'Downloading the result', stitching: 'Stitching the answer into the original', storing: 'Storing the result' } as const;

/** What a job in flight is doing now, as its status line says it. */
export function statusLine(live: ReturnType<typeof useLive>): string {
  if (live.preparing) return 'Preparing';
  if (live.uploading) return 'Uploading';
  return live.step ? STEPS[live.step] : 'Sending';
}

/**
 * Elapsed time, a progress bar against the provider's ETA, and any notice (rate limit…).
 * `bar={false}` leaves the bar out where another one already shows this job (the server's own
 * progress, or its card below): one bar per job.
 */
export function JobProgress({ job, bar = true }: { job: JobRecord; bar?: boolean }) {
  const active = job.status === 'sending' || job.status === 'queued';
  const now = useNow(active);
  const live = useLive(job.id);
  if (!active) return null;
  const start = job.timings.submittedAt ?? job.createdAt;
  const elapsed = Math.max(0, (now - start) / 1000);
  const eta = job.eta;
  // Against the ETA the bar fills to 95 % and waits there; without one it shows elapsed time only.
  const pct = eta ? Math.min(95, (elapsed / Math.max(eta, 0.1)) * 100) : undefined;
  const wait = live.waitUntil ? Math.max(0, Math.ceil((live.waitUntil - now) / 1000)) : undefined;
  const label = job.status === 'queued' ? `Queued at the provider${eta ? `, ETA ${eta.toFixed(1)} s` : ''}` : statusLine(live);
  return (
    <div className="flex flex-col gap-1">
      <div className="flex justify-between text-xs text-zinc-400">
        <span>{label}</span>
        <span>{elapsed.toFixed(1)} s elapsed</span>
      </div>
      {bar && (
        <div
          role="progressbar"
          aria-label={`${label}: progress`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct === undefined ? undefined : Math.round(pct)}
          className="h-1.5 overflow-hidden rounded bg-zinc-800"
        >
          <div
            className={`h-full bg-amber-500 transition-[width] duration-200 ${pct === undefined ? 'w-1/3 animate-pulse' : ''}`}
            style={pct === undefined ? undefined : { width: `${pct}%` }}
          />
        </div>
      )}
      {live.notice && (
        <p role="status" className="text-xs text-amber-300">
          {live.notice}
          {wait !== undefined && wait > 0 ? ` (${wait} s)` : ''}
        </p>
      )}
    </div>
  );
}
