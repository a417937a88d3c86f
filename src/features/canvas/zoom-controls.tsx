/** Zoom buttons over the stage; the percentage is written imperatively by the editor. */
import type { Ref } from 'react';

const small =
  'inline-flex h-8 min-w-8 items-center justify-center rounded-md px-2 text-sm text-zinc-100 hover:bg-zinc-700 ' +
  'focus-visible:outline-2 focus-visible:outline-amber-400';

export function ZoomControls({ onZoomIn, onZoomOut, onFit, labelRef }: { onZoomIn(): void; onZoomOut(): void; onFit(): void; labelRef: Ref<HTMLSpanElement> }) {
  return (
    <div
      role="group"
      aria-label="Zoom"
      className="absolute right-2 bottom-2 flex items-center gap-0.5 rounded-lg border border-zinc-700 bg-zinc-900/90 p-0.5 shadow-lg backdrop-blur"
    >
      <button type="button" className={small} onClick={onZoomOut} aria-label="Zoom out" title="Zoom out (−)">
        −
      </button>
      <span ref={labelRef} className="w-12 text-center font-mono text-xs text-zinc-300" aria-hidden="true">
        100%
      </span>
      <button type="button" className={small} onClick={onZoomIn} aria-label="Zoom in" title="Zoom in (+)">
        +
      </button>
      <button type="button" className={small} onClick={onFit} title="Fit the image (0)">
        Fit
      </button>
    </div>
  );
}
