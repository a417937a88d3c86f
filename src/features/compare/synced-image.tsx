/**
 * One result image in a frame that shares its zoom and pan with every other
 * frame: wheel zooms, drag pans, keys (+ − 0 and arrows) do both; whatever
 * one frame does, all follow.
 */
import { useZoomPan } from '../../components/ui/use-zoom-pan';
import type { ViewUpdate } from '../../components/ui/use-zoom-pan';
import { viewTransform } from '../../lib/zoom-view';
import type { ZoomView } from '../../lib/zoom-view';

export function SyncedImage({ src, alt, view, onView }: { src: string; alt: string; view: ZoomView; onView: ViewUpdate }) {
  const { frame, onKeyDown } = useZoomPan(view, onView);
  return (
    <div
      {...frame}
      tabIndex={0}
      role="group"
      aria-label={`${alt}. Wheel or + and − zoom, drag or arrow keys pan; every result follows.`}
      className={`relative aspect-square w-full touch-none overflow-hidden rounded-md bg-zinc-950 outline-none select-none focus-visible:ring-2 focus-visible:ring-amber-400 ${view.scale > 1 ? 'cursor-grab active:cursor-grabbing' : 'cursor-zoom-in'}`}
      onKeyDown={onKeyDown}
    >
      <img
        src={src}
        alt={alt}
        draggable={false}
        className="pointer-events-none h-full w-full object-contain"
        style={{ transform: viewTransform(view), transformOrigin: '0 0' }}
      />
    </div>
  );
}
