/** A result at full size: zoom (wheel, + / −, buttons) and pan (drag, arrow keys); 0 fits it again (components/ui/use-zoom-pan). */
import { useEffect, useRef } from 'react';
import { Button } from '../../components/ui/button';
import { useZoomPan, useZoomView } from '../../components/ui/use-zoom-pan';
import { IDENTITY, viewTransform, ZOOM_STEP, zoomAt } from '../../lib/zoom-view';

export default function Lightbox({ url, alt, onClose }: { url: string; alt: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [view, onView] = useZoomView();
  const { frame, onKeyDown } = useZoomPan(view, onView);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const zoom = (factor: number) => onView((v) => zoomAt(v, factor));

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
          <span className="text-xs text-zinc-400">Wheel or + / − to zoom, drag or arrow keys to pan, 0 to fit.</span>
          <Button className="ml-auto" autoFocus onClick={() => ref.current?.close()}>
            Close
          </Button>
        </div>
        <div {...frame} className={`relative min-h-0 flex-1 touch-none overflow-hidden select-none ${view.scale > 1 ? 'cursor-grab active:cursor-grabbing' : 'cursor-zoom-in'}`}>
          <img
            src={url}
            alt={alt}
            draggable={false}
            data-scale={view.scale}
            className="absolute inset-0 h-full w-full select-none object-contain"
            style={{ transform: viewTransform(view), transformOrigin: '0 0' }}
          />
        </div>
      </div>
    </dialog>
  );
}
