/**
 * The mask's committed operations, as plain data, and what can be known about the mask's
 * coverage from them without reading a pixel (reading 2048×2048 pixels back costs ~50 ms).
 */

import type { MaskShape } from './shape-geometry';

export type StrokeMode = 'paint' | 'erase';

export type MaskOp =
  /** points: [x, y, pressure, …] in image pixels; size: brush diameter in image pixels. */
  | { kind: 'stroke'; mode: StrokeMode; size: number; points: Float32Array }
  | { kind: 'clear' }
  | { kind: 'invert' }
  /** A rectangle or lasso filled (paint) or cleared (erase), in image pixels. */
  | { kind: 'shape'; mode: StrokeMode; shape: MaskShape }
  /**
   * The whole mask replaced (grow, shrink, feather, a mask file, a loaded mask): `display` holds
   * it at the display raster's size as the raster does (white, the mask value as alpha), so undo
   * and redo draw it at once; `full` is the image-size mask until it is handed to the mask Worker
   * (`mask-export.ts`), which keeps it under `id` from then on.
   */
  | { kind: 'replace'; id: number; display: HTMLCanvasElement; full?: FullMask; painted: boolean };

/** A whole mask at the image's size, white with the mask value as alpha. */
export type FullMask = ImageBitmap | HTMLCanvasElement;

let lastReplaceId = 0;
/** A page-wide id for a replaced mask (the Worker keeps it under this id). */
export const nextReplaceId = () => ++lastReplaceId;

/** What is known about the mask: nothing painted, everything painted, something painted, or unknown. */
export type Coverage = 'empty' | 'full' | 'some' | 'unknown';

export function nextCoverage(before: Coverage, op: MaskOp): Coverage {
  switch (op.kind) {
    case 'clear':
      return 'empty';
    case 'invert':
      return before === 'empty' ? 'full' : before === 'full' ? 'empty' : 'unknown';
    case 'stroke':
      if (op.points.length < 3) return before;
      if (op.mode === 'paint') return before === 'full' ? 'full' : 'some';
      return before === 'empty' ? 'empty' : 'unknown';
    case 'shape':
      if (op.mode === 'paint') return before === 'full' ? 'full' : 'some';
      return before === 'empty' ? 'empty' : 'unknown';
    case 'replace':
      return op.painted ? 'some' : 'empty';
  }
}

export function coverageAfter(start: Coverage, ops: readonly MaskOp[]): Coverage {
  return ops.reduce(nextCoverage, start);
}

/** Memory an operation holds (the points; a whole mask for 'replace'): the history bounds their sum. */
export function opBytes(op: MaskOp): number {
  if (op.kind === 'stroke') return op.points.byteLength;
  if (op.kind === 'shape') return op.shape.kind === 'polygon' ? op.shape.points.byteLength : 0;
  if (op.kind === 'replace') return op.display.width * op.display.height * 4 + (op.full ? op.full.width * op.full.height * 4 : 0);
  return 0;
}
