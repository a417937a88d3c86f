/**
 * A result at full size: zoom (wheel, + / −, buttons) and pan (drag, arrow keys); 0 fits it again
 * (components/ui/use-zoom-pan). With several images (a batch, or a job with several samples), ← / →
 * at fit and the Previous / Next buttons step through them; zoomed in, the arrow keys pan.
 */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Button } from '../../components/ui/button';
import { useZoomPan, useZoomView } from '../../components/ui/use-zoom-pan';
import { useObjectUrl } from '../../job-store/object-urls';
import { useJobs } from '../../job-store/use-jobs';
import { IDENTITY, viewTransform, ZOOM_STEP, zoomAt } from '../../lib/zoom-view';
import { resultAlt } from './result-alt';


interface Shown {
  imageId: string;
  alt: string;
}

/** The stored images of these jobs, in order. */
function useShownImages(jobIds: readonly string[]): Shown[] {
  return useJobs(jobIds).flatMap((job) => (job ? job.images.flatMap((image, i) => (image.stored ? [{ imageId: image.id, alt: resultAlt(job, image, i) }] : [])) : []));
}

export default function Lightbox({ jobIds, imageId, onClose }: { jobIds: readonly string[]; imageId: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [view, onView] = useZoomView();
  const { frame, onKeyDown: zoomKeys } = useZoomPan(view, onView);
  const images = useShownImages(jobIds);
  const [currentId, setCurrentId] = useState(imageId);
  const index = images.findIndex((s) => s.imageId === currentId);
  const current = images[index];
  const url = useObjectUrl(currentId, 'full');

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const zoom = (factor: number) => onView((v) => zoomAt(v, factor));
  const step = (delta: -1 | 1) => {
    const next = images[index + delta];
    if (index < 0 || !next) return;
    setCurrentId(next.imageId);
    onView(() => IDENTITY);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (view.scale === 1 && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
      e.preventDefault();
      return step(e.key === 'ArrowLeft' ? -1 : 1);
    }
    zoomKeys(e);
  };
  const many = images.length > 1 && index >= 0;

  return (
    <dialog
      ref={ref}
      aria-label="Lightbox"
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      onKeyDown={onKeyDown}
      className="m-auto h-[94dvh] w-[96vw] max-w-none overflow-hidden rounded-xl border border-zinc-700 bg-zinc-950 p-0 text-zinc-100 backdrop:bg-black/80"
    >
      <div className="flex h-full flex-col">
        <div role="toolbar" aria-label="Zoom" className="flex flex-wrap items-center gap-2 border-b border-zinc-800 px-3 py-2">
          <Button onClick={() => zoom(1 / ZOOM_STEP)} aria-label="Zoom out" disabled={view.scale <= 1}>
            −
          </Button>
          <span className="w-14 text-center font-mono text-sm text-zinc-300" aria-live="polite">
            {Math.round(view.scale * 100)} %
          </span>
          <Button onClick={() => zoom(ZOOM_STEP)} aria-label="Zoom in">
            +
          </Button>
          <Button onClick={() => onView(() => IDENTITY)}>Fit</Button>
          {many && (
            <span className="flex items-center gap-1">
              {/* aria-disabled, not disabled: the button keeps the focus at the first or last image, and the keys keep working. */}
              <Button onClick={() => step(-1)} aria-disabled={index === 0}>
                <span aria-hidden="true">← </span>Previous
              </Button>
              <span className="px-1 font-mono text-xs text-zinc-300" aria-live="polite">
                image {index + 1} of {images.length}
              </span>
              <Button onClick={() => step(1)} aria-disabled={index === images.length - 1}>
                Next<span aria-hidden="true"> →</span>
              </Button>
            </span>
          )}
          <span className="text-xs text-zinc-400">
            Wheel or + / − to zoom, drag or arrow keys to pan, 0 to fit{many ? '; at fit, ← / → step through the images' : ''}.
          </span>
          <Button className="ml-auto" autoFocus onClick={() => ref.current?.close()}>
            Close
          </Button>
        </div>
        <div {...frame} className={`relative min-h-0 flex-1 touch-none overflow-hidden select-none ${view.scale > 1 ? 'cursor-grab active:cursor-grabbing' : 'cursor-zoom-in'}`}>
          {url && (
            <img
              src={url}
              alt={current?.alt ?? 'Result'}
              draggable={false}
              data-scale={view.scale}
              className="absolute inset-0 h-full w-full select-none object-contain"
              style={{ transform: viewTransform(view), transformOrigin: '0 0' }}
            />
          )}
        </div>
      </div>
    </dialog>
  );
}
