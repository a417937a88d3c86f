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

/**
 * The tile's star: a toggle beside the tile's own button (a button cannot hold one). Its name is
 * "Star", the glyph is decoration; pressed says whether the job is starred.
 */
function StarButton({ starred, onStar }: { starred: boolean; onStar(): void }) {
  return (
    <button
      type="button"
      aria-label="Star"
      aria-pressed={starred}
      title={starred ? 'Starred: click to unstar' : 'Star this job'}
      onClick={onStar}
      className={`absolute bottom-0.5 right-0.5 flex h-8 w-8 items-center justify-center rounded-md text-lg leading-none focus-visible:outline-2 focus-visible:outline-amber-400 ${
        starred ? 'text-amber-300 hover:text-amber-200' : 'text-zinc-500 hover:text-zinc-200'
      }`}
    >
      <span aria-hidden="true">{starred ? '★' : '☆'}</span>
    </button>
  );
}

export const GalleryTile = memo(function GalleryTile({
  tile,
  index,
  onOpen,
  onStar,
  deferThumb = false,
}: {
  tile: Tile;
  index: number;
  onOpen(tile: Tile): void;
  /** Toggles the job's star. */
  onStar(jobId: string, starred: boolean): void;
  /** The grid is scrolling fast: do not start reading the thumbnail yet. */
  deferThumb?: boolean;
}) {
  const { job, image } = tile;
  return (
    <div className="relative h-full w-full">
      <button
        type="button"
        data-index={index}
        data-gallery-tile
        aria-label={tileLabel(tile)}
        onClick={() => onOpen(tile)}
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
        {/* Padding outside the clamped box: inside it, the padding showed a sliver of a third line. The right side leaves room for the star. */}
        <span className="block shrink-0 py-1 pl-2 pr-9">
          <span className={`line-clamp-2 text-xs leading-snug ${jobPrompts(job).prompt.trim() ? 'text-zinc-200' : 'text-zinc-500 italic'}`}>{tileCaption(job)}</span>
        </span>
      </button>
      <StarButton starred={job.starred} onStar={() => onStar(job.id, !job.starred)} />
    </div>
  );
});
