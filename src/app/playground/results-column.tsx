/**
 * The playground's results column: running jobs, session costs, history, the canvas of an image
 * endpoint, the last run's results (one job, or a batch as a grid) and the request.
 */
import { Suspense, useEffect } from 'react';
import type { ReactNode } from 'react';
import { QueuePanel } from '../../features/jobs/queue-panel';
import type { ResultActions } from '../../features/jobs/job-card';
import type { JobRecord } from '../../job-store/job-record';
import { useJob } from '../../job-store/use-jobs';
import { useCancelJob, useResumeJob } from '../../job-store/use-job-actions';
import { useFollowResult } from './use-follow-result';

import { loadImageStep } from '../../job-store/run-job';
import { preloadable, whenIdle } from './preloadable';

// Shown once there is a job: loaded after the first page, when the page is idle (so the first
// Generate does not wait for them), or at the first job.
const JobCard = preloadable(() => import('../../features/jobs/job-card').then((m) => m.JobCard));
const HistoryStrip = preloadable(() => import('../../features/jobs/history-strip').then((m) => m.HistoryStrip));
const SessionCosts = preloadable(() => import('../session-costs').then((m) => m.SessionCosts));

/** Loads what the first Generate needs while nobody is waiting for it. */
function usePreloadResults() {
  useEffect(
    () =>
      whenIdle(() => {
        for (const load of [JobCard.preload, HistoryStrip.preload, SessionCosts.preload, loadImageStep]) load().catch(() => undefined);
      }),
    [],
  );
}

const panel = 'rounded-lg border border-zinc-800 bg-zinc-900/60 p-6 text-sm text-zinc-400';

function RunJob(props: { id: string; runIds: string[]; actions: ResultActions; onRetry(job: JobRecord): void; onCancel(id: string): void; onResume(id: string): void }) {
  const job = useJob(props.id).data ?? undefined;
  if (!job) return <p className={panel}>Loading…</p>;
  return <JobCard.Component job={job} batchIds={props.runIds} actions={props.actions} onCancel={(j) => props.onCancel(j.id)} onResume={(j) => props.onResume(j.id)} onRetry={props.onRetry} />;
}

export function ResultsColumn(props: {
  runIds: string[];
  /** The last job of the run (read by the view for the request as sent). */
  lastJob: JobRecord | undefined;
  sending: boolean;
  actions: ResultActions;
  onShow(id: string): void;
  onRetry(job: JobRecord): void;
  /** The canvas and the init-size notice of an image endpoint. */
  canvas?: ReactNode;
  request?: ReactNode;
}) {
  const { runIds, lastJob, sending, actions } = props;
  const cancel = useCancelJob();
  const resume = useResumeJob();
  // Each new result comes into view: in the results column (wide screens) or the page (narrow ones).
  const resultRef = useFollowResult(lastJob ? `${runIds.length}:${lastJob.id}:${lastJob.images.length}` : undefined);
  const intentError = cancel.error ?? resume.error;
  usePreloadResults();
  return (
    <section
      aria-label="Results"
      tabIndex={0}
      className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-16 lg:max-h-[calc(100dvh-5rem)] lg:overflow-y-auto lg:pr-1"
    >
      <QueuePanel cardIds={runIds} />
      <Suspense fallback={null}>
        <SessionCosts.Component />
        <HistoryStrip.Component currentId={runIds.at(-1)} onShow={(j) => props.onShow(j.id)} />
      </Suspense>
      {props.canvas}
      <div ref={resultRef} className="scroll-mt-16">
        {intentError && (
          <p role="alert" className="mb-2 rounded-md border border-red-800 bg-red-950/60 p-2 text-sm text-red-200">
            {intentError}
          </p>
        )}
        {runIds.length ? (
          <Suspense fallback={<p className={panel}>Loading…</p>}>
            <div className={runIds.length > 1 ? 'grid gap-3 xl:grid-cols-2' : ''} aria-label={runIds.length > 1 ? `Batch of ${runIds.length} jobs` : undefined} role={runIds.length > 1 ? 'group' : undefined}>
              {runIds.map((id) => (
                <RunJob key={id} id={id} runIds={runIds} actions={actions} onRetry={props.onRetry} onCancel={cancel.cancel} onResume={resume.resume} />
              ))}
            </div>
          </Suspense>
        ) : sending ? (
          <p className={panel} role="status">
            Sending…
          </p>
        ) : (
          <div className="rounded-lg border border-dashed border-zinc-700 p-8 text-center text-sm text-zinc-400">
            <p className="text-zinc-200">No image yet.</p>
            <p>Press Generate (or Ctrl/⌘ + Enter): the image, the seed it used and the exact request appear here.</p>
          </div>
        )}
      </div>
      {props.request}
    </section>
  );
}
