/** One tile of the grid: a thumbnail (or the job's status) and the prompt's start. */
import { memo, useState } from 'react';
import { STATUS_LABELS, statusLines, tileCaption, tileLabel } from './gallery-tiles';
import { jobPrompts } from './job-prompt';
import type { GalleryTile as Tile } from './gallery-tiles';
import { hasObjectUrl, useObjectUrlState } from '../../job-store/object-urls';
import { StatusBadge } from '../../components/ui/status-badge';

/**
 * The thumbnail. `defer` (the grid is scrolling fast): a tile that arrives then shows a plain
 * placeholder and reads nothing, unless its URL is ready in the cache; it loads once the
 * scrolling slows down, if it is still there. Once loading, it stays loading.
 */
function Thumb({ imageId, defer }: { imageId: string; defer: boolean }) {
  const [armed, setArmed] = useState(() => !defer || hasObjectUrl(imageId, 'thumb'));
  if (!armed && !defer) setArmed(true);
  const { url, status } = useObjectUrlState(armed ? imageId : undefined, 'thumb');
  if (url) return <img data-thumb src={url} alt="" draggable={false} decoding="async" className="h-full w-full object-cover" />;
  if (status === 'missing' || status === 'error') {
    return <span className="flex h-full items-center justify-center p-2 text-center text-xs text-zinc-500">Image missing from storage</span>;
  }
  // No animation: while scrolling fast a screenful of these mounts every frame.
  return <span data-thumb-pending className="block h-full w-full bg-zinc-800/60" />;
}

function StatusPanel({ tile }: { tile: Tile }) {
  const { job } = tile;
  const active = job.status === 'sending' || job.status === 'queued';
  const [status, ...more] = statusLines(job);
  return (
    <span className="flex h-full flex-col items-center justify-center gap-2 p-3 text-center">
      <span className={`text-sm font-semibold ${job.status === 'failed' ? 'text-red-300' : active ? 'text-sky-200' : 'text-zinc-300'}`}>{status}</span>
      {more.map((line) => (
        <span key={line} className="line-clamp-3 text-xs text-zinc-400">
          {line}
        </span>
      ))}
    </span>
  );
}

export const GalleryTile = memo(function GalleryTile({
  tile,
  index,
  onOpen,
  deferThumb = false,
}: {
  tile: Tile;
  index: number;
  onOpen(index: number): void;
  /** The grid is scrolling fast: do not start reading the thumbnail yet. */
  deferThumb?: boolean;
}) {
  const { job, image } = tile;
  return (
    <button
      type="button"
      data-index={index}
      data-gallery-tile
      aria-label={tileLabel(tile)}
      onClick={() => onOpen(index)}
      className="group flex h-full w-full flex-col overflow-hidden rounded-lg border border-zinc-800 bg-zinc-900 text-left transition-colors hover:border-zinc-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-400"
    >
      <span className="relative block min-h-0 w-full flex-1 bg-zinc-950">
        {image ? (
          image.stored ? (
            <Thumb imageId={image.id} defer={deferThumb} />
          ) : (
            <span className="flex h-full flex-col items-center justify-center gap-1 p-3 text-center text-xs text-amber-200/90">
              <span className="font-medium">Link only</span>
              <span className="text-zinc-400">not stored in the browser</span>
            </span>
          )
        ) : (
          <StatusPanel tile={tile} />
        )}
        {job.status !== 'done' && image && <StatusBadge status={job.status} label={STATUS_LABELS[job.status]} className="absolute left-1.5 top-1.5 text-[11px]" />}
        {job.images.length > 1 && (
          <span className="absolute right-1.5 top-1.5 rounded bg-zinc-950/80 px-1.5 py-0.5 text-[11px] text-zinc-300">
            {tile.imageIndex + 1} of {job.images.length}
          </span>
        )}{' '}
        {job.compareLabel && (
          <span className="absolute bottom-1.5 left-1.5 rounded bg-amber-500/90 px-1.5 py-0.5 text-[11px] font-medium text-zinc-950">{job.compareLabel}</span>
        )}{' '}
      </span>{' '}
      {/* The prompt's start; seed and endpoint are in the name, the filters and the detail dialog. */}
      <span className={`line-clamp-2 shrink-0 px-2 py-1 text-xs leading-snug ${jobPrompts(job).prompt.trim() ? 'text-zinc-200' : 'text-zinc-500 italic'}`}>{tileCaption(job)}</span>
    </button>
  );
});
