/**
 * One target's result as a column: status and progress, the image(s) in a
 * synchronised frame, seed, latency, the provider's own generation time and
 * credits left; its error in plain words when it failed.
 */
import { getEndpoint, getProvider } from '../../providers/registry';
import type { JobRecord } from '../../job-store/job-record';
import { useObjectUrl } from '../../job-store/object-urls';
import { StatusBadge } from '../../components/ui/status-badge';
import { JobProgress } from '../../components/ui/job-progress';
import { useCancelJob, useRetryJob } from '../../job-store/use-job-actions';
import { useJob } from '../../job-store/use-jobs';
import { stitchRole } from '../../job-store/stitch-role';
import type { ComparisonCell } from './comparison-record';
import { SyncedImage } from './synced-image';
import type { ViewUpdate } from '../../components/ui/use-zoom-pan';
import type { ZoomView } from '../../lib/zoom-view';
import { Button } from '../../components/ui/button';

export function seconds(ms: number | undefined) {
  return ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`;
}

export function JobStats({ job }: { job: JobRecord }) {
  const t = job.timings;
  return (
    <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs text-zinc-400">
      <div>
        <dt>seed</dt>
        <dd className="font-mono text-zinc-200" aria-label="Seed used">
          {job.seed ?? '—'}
        </dd>
      </div>
      <div>
        <dt>latency</dt>
        <dd className="text-zinc-200" aria-label="Latency">
          {seconds(t.latencyMs)}
        </dd>
      </div>
      <div>
        <dt>provider time</dt>
        <dd className="text-zinc-200" aria-label="Provider generation time">
          {t.generationTime !== undefined ? `${t.generationTime.toFixed(2)} s` : '—'}
        </dd>
      </div>
      <div>
        <dt>credits left</dt>
        <dd className="text-zinc-200" aria-label="Credits left">
          {job.credits ?? '—'}
        </dd>
      </div>
    </dl>
  );
}

export function JobError({ job }: { job: JobRecord }) {
  if (!job.error || job.status === 'done') return null;
  return (
    <div role="alert" className="rounded-md border border-red-800 bg-red-950/60 p-2 text-sm text-red-200">
      <p>{job.error.message}</p>
      {job.error.hint && <p className="mt-1 text-red-300/80">{job.error.hint}</p>}
      {job.error.status ? <p className="mt-1 text-xs text-red-400/80">HTTP {job.error.status}</p> : null}
    </div>
  );
}

function ColumnImage({ job, image, label, view, onView }: { job: JobRecord; image: JobRecord['images'][number]; label: string; view: ZoomView; onView: ViewUpdate }) {
  const url = useObjectUrl(image.stored ? image.id : undefined, 'full');
  const seed = image.seed ?? job.seed;
  if (!image.stored) {
    return (
      <p className="rounded-md border border-amber-700 bg-amber-950 p-2 text-xs text-amber-200">
        {image.note}{' '}
        <a className="underline" href={image.sourceUrl} target="_blank" rel="noreferrer noopener">
          Open the link
        </a>
      </p>
    );
  }
  if (!url) return <div className="aspect-square w-full animate-pulse rounded-md bg-zinc-800" aria-label="Loading image" />;
  // A cropped job shows the stitched picture and the provider's own output: each says which it is.
  const role = stitchRole(job, image);
  const what = role === 'stitched' ? ', stitched into the full picture' : role === 'raw' ? ', as the provider returned it' : '';
  return <SyncedImage src={url} alt={`${label}, seed ${seed ?? 'unknown'}${what}`} view={view} onView={onView} />;
}

export function ResultColumn(props: { cell: ComparisonCell; view: ZoomView; onView: ViewUpdate; onJob(jobId: string): void; onProblem(text: string): void }) {
  const { cell, view, onView, onJob } = props;
  const job = useJob(cell.jobId).data ?? undefined;
  // Retry: the same parameters and seed as a new job; the cell then follows it.
  const retry = useRetryJob({ onCreated: (created) => onJob(created.id) });
  const cancel = useCancelJob();
  const endpoint = getEndpoint(cell.endpointId);
  const provider = endpoint && getProvider(endpoint.provider);
  const active = job?.status === 'sending' || job?.status === 'queued';
  const ended = job && (job.status === 'failed' || job.status === 'interrupted' || job.status === 'cancelled');
  return (
    <article aria-label={`Result: ${cell.label}`} className="flex min-w-0 flex-col gap-2 rounded-lg border border-zinc-800 bg-zinc-900/60 p-3">
      <header className="flex flex-wrap items-center gap-2">
        <h3 className="min-w-0 flex-1 truncate text-sm font-semibold text-zinc-100" title={cell.label}>
          {cell.label}
        </h3>
        {job ? <StatusBadge status={job.status} /> : <span className="rounded bg-zinc-800 px-1.5 py-0.5 text-xs text-zinc-300">{cell.skipped ? 'not sent' : 'waiting'}</span>}
      </header>
      <p className="text-xs text-zinc-400">
        {endpoint ? `${provider?.name ?? endpoint.provider} · ${endpoint.title}` : cell.endpointId}
        {job?.mode === 'sandbox' && <span className="ml-2 rounded border border-zinc-700 px-1 text-[10px] uppercase">sandbox</span>}
        {job?.mode === 'live' && <span className="ml-2 rounded border border-amber-700 px-1 text-[10px] uppercase text-amber-300">live</span>}
      </p>
      {cell.skipped && !job && (
        <p role="alert" className="rounded-md border border-orange-800 bg-orange-950/50 p-2 text-sm text-orange-200">
          Not sent: {cell.skipped}
        </p>
      )}
      {!job && !cell.skipped && <p className="text-xs text-zinc-400">Waiting for its turn…</p>}
      {job && <JobProgress job={job} />}
      {job && <JobError job={job} />}
      {(retry.error ?? cancel.error) && (
        <p role="alert" className="rounded-md border border-red-800 bg-red-950/60 p-2 text-sm text-red-200">
          {retry.error ?? cancel.error}
        </p>
      )}
      {job?.images.map((img) => (
        <ColumnImage key={img.id} job={job} image={img} label={cell.label} view={view} onView={onView} />
      ))}
      {job?.status === 'done' && <JobStats job={job} />}
      {(active || ended) && job && (
        <div className="flex gap-2">
          {active && (
            <Button onClick={() => cancel.cancel(job.id)}>
              Cancel
            </Button>
          )}
          {ended && (
            <Button
              onClick={() => retry.retry(job)}>
              Retry
            </Button>
          )}
        </div>
      )}
    </article>
  );
}
