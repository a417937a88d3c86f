/**
 * Every running job, on every provider, with elapsed time and progress; and
 * the pollers that bring queued jobs home (mounted once, whatever the view).
 */
import { useEffect, useRef } from 'react';
import { getEndpoint, getProvider } from '../../providers/registry';
import type { JobRecord } from '../../job-store/job-record';
import { JobProgress } from '../../components/ui/job-progress';
import { markInterrupted } from '../../job-store/poll-job';
import { useCancelJob } from '../../job-store/use-job-actions';
import { useJobPolling } from './use-job-polling';
import { useActiveJobs } from '../../job-store/use-jobs';
import { Button } from '../../components/ui/button';

function JobPoller({ job }: { job: JobRecord }) {
  useJobPolling(job);
  return null;
}

/** Polls every queued job; after a reload, turns lost in-flight requests into "interrupted". */
export function JobPollers() {
  const active = useActiveJobs().data;
  const checked = useRef(false);
  useEffect(() => {
    if (checked.current || !active?.length) return;
    checked.current = true;
    void markInterrupted(active);
  }, [active]);
  return (
    <>
      {(active ?? [])
        .filter((j) => j.status === 'queued')
        .map((j) => (
          <JobPoller key={j.id} job={j} />
        ))}
    </>
  );
}

/** `cardIds`: jobs whose own card is on screen, with their progress: their rows here show no second bar. */
export function QueuePanel({ cardIds = [] }: { cardIds?: readonly string[] }) {
  const active = useActiveJobs().data ?? [];
  const cancel = useCancelJob();
  if (!active.length) return null;
  return (
    <section aria-label="Running jobs" className="flex flex-col gap-2 rounded-lg border border-zinc-800 bg-zinc-900/60 p-3">
      <h2 className="text-sm font-semibold text-zinc-200">Running jobs ({active.length})</h2>
      <ul className="flex flex-col gap-3">
        {active.map((j) => (
          <li key={j.id} className="flex flex-col gap-1">
            <div className="flex items-center gap-2 text-xs text-zinc-300">
              <span>{getProvider(j.provider)?.name ?? j.provider}</span>
              <span className="font-mono text-zinc-500">{getEndpoint(j.endpointId)?.name}</span>
              <span className="text-zinc-500">seed {j.seed ?? '—'}</span>
              <Button className="ml-auto !px-2 !py-0.5 text-xs" onClick={() => cancel.cancel(j.id)} aria-label={`Cancel job ${j.id.slice(0, 8)}`}>
                Cancel
              </Button>
            </div>
            <JobProgress job={j} bar={!cardIds.includes(j.id)} />
          </li>
        ))}
      </ul>
      {cancel.error && (
        <p role="alert" className="rounded-md border border-red-800 bg-red-950/60 p-2 text-sm text-red-200">
          {cancel.error}
        </p>
      )}
    </section>
  );
}
