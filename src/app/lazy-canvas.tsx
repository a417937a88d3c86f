/** The canvas feature, loaded when first shown; handed to the views that need an image editor. */
import { lazy, Suspense } from 'react';
import type { CanvasPanelProps } from '../features/canvas/canvas-panel';

const CanvasPanel = lazy(() => import('../features/canvas/canvas-panel'));

export function LazyCanvas(props: CanvasPanelProps) {
  return (
    <Suspense fallback={<div className="h-64 animate-pulse rounded-lg bg-zinc-900" aria-label="Loading canvas" />}>
      <CanvasPanel {...props} />
    </Suspense>
  );
}
