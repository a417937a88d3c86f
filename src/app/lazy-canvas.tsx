/** The image editor (the canvas feature and its bridge to the form), loaded when first shown. */
import { lazy, Suspense } from 'react';
import type { ImageEditorBridgeProps } from './image-editor';

const ImageEditorBridge = lazy(() => import('./image-editor'));

export function LazyImageEditor(props: ImageEditorBridgeProps) {
  return (
    <Suspense fallback={<div className="h-64 animate-pulse rounded-lg bg-zinc-900" aria-label="Loading canvas" />}>
      <ImageEditorBridge {...props} />
    </Suspense>
  );
}
