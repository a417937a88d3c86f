/** The detail dialog: the full image, every parameter, seed, timings, the provider's report, the request, and actions. */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { ParamList, ProviderReport, RequestView, Section, smallButton, TimingList } from './detail-sections';
import { downloadJobImage } from '../../job-store/image-file-name';
import { jobTitle, STATUS_LABELS } from './gallery-tiles';
import type { GalleryTile } from './gallery-tiles';
import { StatusBadge } from '../../components/ui/status-badge';
import type { JobRecord } from '../../job-store/job-record';
import { useObjectUrlState } from '../../job-store/object-urls';
import { galleryStore } from '../../job-store/store';
import { Button } from '../../components/ui/button';

export interface DetailActions {
  onReuseParams(job: JobRecord): void;
  onReuseSeed(job: JobRecord, seed: number): void;
  onUseAsInit(image: { blob: Blob; job: JobRecord }): void;
  onSendToInpaint(image: { blob: Blob; job: JobRecord }): void;
  onRetry?(job: JobRecord): void;
  onOpenComparison?(compareGroupId: string): void;
}


function ImagePane({ tile }: { tile: GalleryTile }) {
  const { job, image } = tile;
  const { url, status } = useObjectUrlState(image?.stored ? image.id : undefined, 'full');
  if (!image) {
    return (
      <div className="flex min-h-64 flex-col items-center justify-center gap-3 rounded-lg bg-zinc-950 p-6 text-center">
        <StatusBadge status={job.status} label={STATUS_LABELS[job.status]} className="text-sm" />
        {job.error ? (
          <div className="flex max-w-md flex-col gap-1 text-sm">
            <p className="text-red-200">{job.error.message}</p>
            {job.error.hint && <p className="text-zinc-400">{job.error.hint}</p>}
            <p className="text-xs text-zinc-500">
              {[job.error.kind, job.error.status && `HTTP ${job.error.status}`, job.error.retryAfter !== undefined && `retry after ${job.error.retryAfter} s`]
                .filter(Boolean)
                .join(' · ')}
            </p>
          </div>
        ) : (
          <p className="text-sm text-zinc-400">{job.status === 'done' ? 'The provider returned no image.' : 'No image yet.'}</p>
        )}
      </div>
    );
  }
  if (!image.stored) {
    return (
      <div className="flex min-h-64 flex-col justify-center gap-3 rounded-lg border border-amber-800/60 bg-amber-950/30 p-6 text-sm">
        <p className="font-medium text-amber-200">Only the link was kept</p>
        {image.note && <p className="text-zinc-300">{image.note}</p>}
        {image.sourceUrl && (
          <a href={image.sourceUrl} target="_blank" rel="noreferrer noopener" className="break-all text-amber-300 underline hover:text-amber-200">
            {image.sourceUrl}
          </a>
        )}
      </div>
    );
  }
  if (url) {
    return (
      <img
        src={url}
        alt={`Generated image, seed ${tile.seed ?? 'unknown'}`}
        className="mx-auto max-h-[72dvh] w-full rounded-lg bg-zinc-950 object-contain"
      />
    );
  }
  return (
    <div className="flex aspect-square items-center justify-center rounded-lg bg-zinc-950 text-sm text-zinc-500">
      {status === 'missing' || status === 'error' ? 'This image is missing from storage.' : 'Loading…'}
    </div>
  );
}

/** What can be done with the image shown; its notice and delete confirmation are its own (keyed by tile). */
function DetailActionBar({ tile, actions, onDeleted }: { tile: GalleryTile; actions: DetailActions; onDeleted(): void }) {
  const { job, image, seed } = tile;
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const withBlob = async (take: (blob: Blob) => void) => {
    if (!image?.stored) return;
    try {
      const blob = await galleryStore().getImageBlob(image.id);
      if (blob) take(blob);
      else setNotice('This image is not in storage any more.');
    } catch (error) {
      setNotice(`The image could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const remove = async () => {
    try {
      await galleryStore().deleteJob(job.id);
      onDeleted();
    } catch (error) {
      setNotice(`Could not delete: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const stored = image?.stored === true;
  const noBlob = stored ? undefined : image ? 'Only the link to this image was kept' : 'This job has no image';
  const retryable = job.status === 'failed' || job.status === 'cancelled' || job.status === 'interrupted';
  return (
    <>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={() => actions.onReuseParams(job)}>
          Reuse parameters
        </Button>
        <Button disabled={seed === undefined} title={seed === undefined ? 'No seed was recorded' : undefined} onClick={() => seed !== undefined && actions.onReuseSeed(job, seed)}>
          Reuse seed
        </Button>
        <Button disabled={!stored} title={noBlob} onClick={() => void withBlob((blob) => actions.onUseAsInit({ blob, job }))}>
          Send to img2img
        </Button>
        <Button disabled={!stored} title={noBlob} onClick={() => void withBlob((blob) => actions.onSendToInpaint({ blob, job }))}>
          Send to inpaint
        </Button>
        <Button
          disabled={!stored}
          title={noBlob}
          onClick={() => void withBlob((blob) => image && void downloadJobImage(job, image, blob))}>
          Download
        </Button>
        {retryable && actions.onRetry && (
          <Button onClick={() => actions.onRetry?.(job)}>
            Retry
          </Button>
        )}
        {job.compareGroupId && actions.onOpenComparison && (
          <Button onClick={() => job.compareGroupId && actions.onOpenComparison?.(job.compareGroupId)}>
            Open comparison{job.compareLabel ? ` (${job.compareLabel})` : ''}
          </Button>
        )}
        {!confirmDelete ? (
          <Button variant="danger" className="ml-auto" onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        ) : (
          <span role="group" aria-label="Confirm delete" className="ml-auto flex items-center gap-2 text-sm">
            <span className="text-red-200">
              Delete this job{job.images.length > 0 ? ` and its ${job.images.length === 1 ? 'image' : `${job.images.length} images`}` : ''}?
            </span>
            <Button autoFocus variant="danger" onClick={() => void remove()}>
              Yes, delete
            </Button>
            <Button onClick={() => setConfirmDelete(false)}>
              Keep
            </Button>
          </span>
        )}
      </div>
      {notice && (
        <p role="alert" className="rounded-md border border-red-800 bg-red-950/60 px-3 py-2 text-sm text-red-200">
          {notice}
        </p>
      )}
    </>
  );
}

export function ImageDetailDialog({
  tile,
  position,
  actions,
  onClose,
  onMove,
}: {
  tile: GalleryTile;
  position: { index: number; total: number };
  actions: DetailActions;
  onClose(): void;
  onMove(delta: -1 | 1): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const { job, image, seed } = tile;

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  // React StrictMode (npm run dev) mounts, cleans up and mounts again: the cleanup's close() fires a
  // 'close' event after the dialog is open again. Only a close that leaves it closed is the user's.
  const onDialogClose = () => {
    if (!ref.current?.open) onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    const tag = (event.target as HTMLElement).tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    if (event.key === 'ArrowLeft' && position.index > 0) onMove(-1);
    else if (event.key === 'ArrowRight' && position.index < position.total - 1) onMove(1);
  };

  return (
    <dialog
      ref={ref}
      aria-label="Image details"
      onClose={onDialogClose}
      onKeyDown={onKeyDown}
      onClick={(event) => event.target === ref.current && ref.current?.close()}
      className="m-auto max-h-[94dvh] w-[min(96vw,72rem)] overflow-hidden rounded-xl border border-zinc-700 bg-zinc-900 p-0 text-zinc-100 shadow-2xl backdrop:bg-black/70"
    >
      <div className="flex max-h-[94dvh] flex-col">
        <header className="flex flex-wrap items-center gap-2 border-b border-zinc-800 px-4 py-2.5">
          <h2 className="text-base font-semibold">{jobTitle(job)}</h2>
          <StatusBadge status={job.status} />
          {job.mode === 'sandbox' && <span className="rounded border border-zinc-700 px-1 text-[10px] uppercase text-zinc-400">sandbox</span>}
          {job.images.length > 1 && image && (
            <span className="text-xs text-zinc-400">
              image {tile.imageIndex + 1} of {job.images.length}
            </span>
          )}
          <span className="ml-auto flex items-center gap-1">
            <button type="button" className={smallButton} onClick={() => onMove(-1)} disabled={position.index === 0} aria-label="Previous image">
              ← Prev
            </button>
            <span className="px-1 text-xs text-zinc-500">
              {position.index + 1} / {position.total}
            </span>
            <button type="button" className={smallButton} onClick={() => onMove(1)} disabled={position.index >= position.total - 1} aria-label="Next image">
              Next →
            </button>
            <button type="button" autoFocus className={`${smallButton} ml-2`} onClick={() => ref.current?.close()}>
              Close
            </button>
          </span>
        </header>
        <div className="grid min-h-0 flex-1 gap-4 overflow-y-auto p-4 md:grid-cols-[minmax(0,1.15fr)_minmax(0,1fr)]">
          <div className="flex flex-col gap-3">
            <ImagePane tile={tile} />
            <DetailActionBar key={tile.key} tile={tile} actions={actions} onDeleted={onClose} />
          </div>
          <div className="flex min-w-0 flex-col gap-4">
            <Section title="Seed">
              <p className="font-mono text-2xl text-amber-300">{seed ?? '—'}</p>
              {seed === undefined && <p className="text-xs text-zinc-500">The provider chose the seed and did not report it.</p>}
            </Section>
            <Section title="Parameters">
              <ParamList job={job} />
            </Section>
            <Section title="Timings">
              <TimingList job={job} />
            </Section>
            <Section title="Provider report">
              <ProviderReport job={job} />
            </Section>
            {job.request && (
              <Section title="Request (redacted)">
                <RequestView request={job.request} />
              </Section>
            )}
            <p className="text-xs text-zinc-500">
              {STATUS_LABELS[job.status]} · created {new Date(job.createdAt).toLocaleString()} · job <span className="font-mono">{job.id}</span>
            </p>
          </div>
        </div>
      </div>
    </dialog>
  );
}
