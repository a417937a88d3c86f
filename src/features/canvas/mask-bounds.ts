/**
 * Where the mask can be painted, from its operations alone (no pixel read): the union of the
 * stamps' and filled shapes' boxes since a blank start, clipped to the image. An upper bound:
 * erasing never shrinks it. Undefined when the operations cannot tell (an inverted or replaced
 * mask, a loaded one). Prepare then reads only this box of the full-size mask to find the exact
 * bounds, instead of decoding and scanning the whole mask (issue 19).
 */
import type { Rect } from '../../lib/inpaint/types';
import type { Coverage, MaskOp } from './mask-ops';
import { shapeBounds } from './shape-geometry';
import { replaySamples, stampOrigin } from './stroke-geometry';

/** The box, or undefined when unknown; `null` when nothing can be painted. */
export function paintedBox(start: Coverage, ops: readonly MaskOp[], width: number, height: number): Rect | null | undefined {
  if (start !== 'empty') return undefined;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (left: number, top: number, right: number, bottom: number) => {
    x0 = Math.min(x0, left);
    y0 = Math.min(y0, top);
    x1 = Math.max(x1, right);
    y1 = Math.max(y1, bottom);
  };
  for (const op of ops) {
    switch (op.kind) {
      case 'clear':
        x0 = y0 = Infinity;
        x1 = y1 = -Infinity;
        break;
      case 'invert':
      case 'replace':
        return undefined;
      case 'stroke':
        if (op.mode === 'paint')
          replaySamples(op.points, op.size, (x, y, d) => {
            const { left, top } = stampOrigin(x, y, d);
            add(left, top, left + d, top + d);
          });
        break;
      case 'shape':
        if (op.mode === 'paint') {
          const box = shapeBounds(op.shape, width, height);
          if (box) add(box.x, box.y, box.x + box.width, box.y + box.height);
        }
        break;
    }
  }
  const left = Math.max(0, x0);
  const top = Math.max(0, y0);
  const right = Math.min(width, x1);
  const bottom = Math.min(height, y1);
  if (!(right > left && bottom > top)) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}
