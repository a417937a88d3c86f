/** One job as the playground shows it: status, progress, images with seeds, error and actions. */
import { getEndpoint, getProvider } from '../../providers/registry';
import { lazy, Suspense, useState } from 'react';
import type { JobImage, JobRecord } from '../../job-store/job-record';
import { useObjectUrl } from '../../job-store/object-urls';
import { getImageBlob } from '../../job-store/store';
import { downloadJobImage } from '../../job-store/image-file-name';
import { JobProgress } from '../../components/ui/job-progress';
import { StatusBadge } from '../../components/ui/status-badge';
import { Button } from '../../components/ui/button';
import { STOPPED_WATCHING } from '../../job-store/job-outcome';
import { useLive } from '../../job-store/live-state';
import { stitchRole } from '../../job-store/stitch-role';
import { canResume, describeSent } from '../../job-store/run-job';
import { describeUploads } from '../../job-store/upload-images';
import { ServerProgress } from './server-progress';
import { imageSeed, resultAlt, sampleNote } from './result-alt';

/** What a result card can do with one of its images; the app wires them (the card knows no other feature). */
export interface ResultActions {
  onSendTo(job: JobRecord, image: JobImage, kind: 'img2img' | 'inpaint'): void;
  onReuseParams(job: JobRecord): void;
  onReuseSeed(job: JobRecord, seed: number): void;
}

const small = '!px-2 !py-1 text-xs';
// Loaded when a result is first opened in it.
const Lightbox = lazy(() => import('./lightbox'));

function ResultImage({ job, image, index, actions, batchIds }: { job: JobRecord; image: JobImage; index: number; actions?: ResultActions; batchIds?: readonly string[] }) {
  const url = useObjectUrl(image.stored ? image.id : undefined, 'full');
  const [zoomed, setZoomed] = useState(false);
  const seed = imageSeed(job, image);
  const sample = sampleNote(job, image, index);
  const alt = resultAlt(job, image, index);
  const n = `result ${index + 1}`;
  return (
    <figure className="flex flex-col gap-1">
      {image.stored ? (
        url ? (
          <button type="button" className="block rounded-md focus-visible:outline-2 focus-visible:outline-amber-400" onClick={() => setZoomed(true)} aria-label={`Open ${n} in the lightbox`}>
            <img src={url} alt={alt} className="max-h-[60vh] w-full rounded-md bg-zinc-800 object-contain" />
          </button>
        ) : (
          <div className="aspect-square w-full animate-pulse rounded-md bg-zinc-800" aria-label="Loading image" />
        )
      ) : (
        <p className="rounded-md border border-amber-700 bg-amber-950 p-2 text-xs text-amber-200">
          {image.note} <a className="underline" href={image.sourceUrl} target="_blank" rel="noreferrer noopener">Open the link</a>
        </p>
      )}
      <figcaption className="flex flex-wrap gap-3 text-xs text-zinc-400">
        <span>
          seed <span className="font-mono text-zinc-200">{seed ?? '—'}</span>
          {sample}
        </span>
        {image.width && image.height ? <span>{image.width}×{image.height}</span> : null}
        {image.stored && image.note ? <span>{image.note}</span> : null}
        {image.stored && (
          <button
            type="button"
            className="ml-auto text-zinc-300 underline hover:text-zinc-100"
            aria-label={job.images.length > 1 ? `Download image ${index + 1}` : 'Download'}
            onClick={() => void getImageBlob(image.id).then((blob) => blob && downloadJobImage(job, image, blob))}
          >
            Download
          </button>
        )}
      </figcaption>
      {actions && (
        <div role="group" aria-label={`Actions for ${n}`} className="flex flex-wrap gap-1">
          <Button className={small} disabled={!image.stored} aria-label={`Send to img2img, ${n}`} onClick={() => actions.onSendTo(job, image, 'img2img')}>
            Send to img2img
          </Button>
          <Button className={small} disabled={!image.stored} aria-label={`Send to inpaint, ${n}`} onClick={() => actions.onSendTo(job, image, 'inpaint')}>
            Send to inpaint
          </Button>
          <Button className={small} aria-label={`Reuse parameters, ${n}`} title={sample ? `Seed ${seed}${sample}: the same parameters give this sample again` : undefined} onClick={() => actions.onReuseParams(job)}>
            Reuse parameters
          </Button>
          <Button className={small} disabled={seed === undefined} aria-label={`Reuse seed, ${n}`} onClick={() => seed !== undefined && actions.onReuseSeed(job, seed)}>
            Reuse seed
          </Button>
        </div>
      )}
      {zoomed && url && (
        <Suspense fallback={null}>
          <Lightbox jobIds={batchIds ?? [job.id]} imageId={image.id} onClose={() => setZoomed(false)} />
        </Suspense>
      )}
    </figure>
  );
}

/** The stitched result at display size while its full-size PNG is stored: no download yet, the caption says so. */
function PreviewImage({ preview }: { preview: { url: string; width: number; height: number; caption: string } }) {
  return (
    <figure className="flex flex-col gap-1">
      <img src={preview.url} alt="The stitched result (preview)" className="max-h-[60vh] w-full rounded-md bg-zinc-800 object-contain" />
      <figcaption className="flex flex-wrap gap-3 text-xs text-zinc-400">
        <span>
          {preview.width}×{preview.height}
        </span>
        <span>{preview.caption}</span>
      </figcaption>
    </figure>
  );
}

export function JobCard({
  job,
  onCancel,
  onRetry,
  onResume,
  actions,
  batchIds,
}: {
  job: JobRecord;
  actions?: ResultActions;
  /** The jobs of the run this one belongs to, in order: the lightbox steps through all their images. */
  batchIds?: readonly string[];
  onCancel(job: JobRecord): void;
  onRetry(job: JobRecord): void;
  onResume(job: JobRecord): void;
}) {
  const endpoint = getEndpoint(job.endpointId);
  const provider = getProvider(job.provider);
  const active = job.status === 'sending' || job.status === 'queued';
  const t = job.timings;
  const live = useLive(job.id);
  const preview = live.preview && !job.images.some((i) => stitchRole(job, i) === 'stitched') ? live.preview : undefined;
  return (
    <article aria-label={`Job ${job.status}`} className="flex flex-col gap-3 rounded-lg border border-zinc-800 bg-zinc-900/60 p-3">
      <header className="flex flex-wrap items-center gap-2 text-sm">
        <StatusBadge status={job.status} />
        <span className="text-zinc-200">{provider?.name ?? job.provider}</span>
        <span className="font-mono text-xs text-zinc-400">{endpoint?.name ?? job.endpointId}</span>
        {job.mode === 'sandbox' && <span className="rounded border border-zinc-700 px-1 text-[10px] uppercase text-zinc-400">sandbox</span>}
        <span className="ml-auto flex gap-2">
          {active && (
            <Button onClick={() => onCancel(job)}>
              Cancel
            </Button>
          )}
          {canResume(job) && (
            <Button variant="primary" onClick={() => onResume(job)}>
              Resume
            </Button>
          )}
          {(job.status === 'failed' || job.status === 'interrupted' || (job.status === 'cancelled' && !canResume(job))) && (
            <Button onClick={() => onRetry(job)}>
              Retry
            </Button>
          )}
        </span>
      </header>
      {/* While a server reports its own progress (A1111), its bar is the only one. */}
      <JobProgress job={job} bar={!(provider?.extra?.progress && job.status === 'sending')} />
      {job.sentImage && <p className="text-xs text-zinc-400">Init image sent: {describeSent(job.sentImage)}</p>}
      {job.uploads?.length ? <p className="text-xs text-zinc-400">Uploaded first: {describeUploads(job.uploads)}</p> : null}
      <ServerProgress job={job} />
      {/* A cancel is the user's own choice: said plainly, not as an error. */}
      {job.error && job.status === 'cancelled' && (
        <div role="status" className="rounded-md border border-zinc-700 bg-zinc-800/60 p-2 text-sm text-zinc-200">
          <p>{job.error.message}</p>
          {job.error.hint && <p className="mt-1 text-zinc-300">{job.error.hint}</p>}
        </div>
      )}
      {job.error && job.error.kind !== STOPPED_WATCHING && job.status !== 'cancelled' && job.status !== 'done' && (
        <div role="alert" className="rounded-md border border-red-800 bg-red-950/60 p-2 text-sm text-red-200">
          <p>{job.error.message}</p>
          {job.error.hint && <p className="mt-1 text-red-300/80">{job.error.hint}</p>}
          {job.error.status ? <p className="mt-1 text-xs text-red-400/80">HTTP {job.error.status}</p> : null}
        </div>
      )}
      {preview && <PreviewImage preview={preview} />}
      {job.images.length > 0 && (
        <div className={`grid gap-3 ${job.images.length > 1 ? 'sm:grid-cols-2' : ''}`}>
          {job.images.map((img, i) => (
            <ResultImage key={img.id} job={job} image={img} index={i} actions={actions} batchIds={batchIds} />
          ))}
        </div>
      )}
      {job.status === 'done' && (
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs text-zinc-400 sm:grid-cols-5">
          <div>
            <dt>seed</dt>
            <dd className="font-mono text-zinc-200" aria-label="Seed used">{job.seed ?? '—'}</dd>
          </div>
          <div>
            <dt>latency</dt>
            <dd className="text-zinc-200">{t.latencyMs !== undefined ? `${(t.latencyMs / 1000).toFixed(2)} s` : '—'}</dd>
          </div>
          <div>
            <dt>provider time</dt>
            <dd className="text-zinc-200">{t.generationTime !== undefined ? `${t.generationTime.toFixed(2)} s` : '—'}</dd>
          </div>
          <div>
            <dt>cost</dt>
            <dd className="text-zinc-200" aria-label="Cost">{job.cost ?? '—'}</dd>
          </div>
          <div>
            <dt>credits left</dt>
            <dd className="text-zinc-200">{job.credits ?? '—'}</dd>
          </div>
        </dl>
      )}
    </article>
  );
}
