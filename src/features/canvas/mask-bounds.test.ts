import { describe, expect, it } from 'vitest';
import { paintedBox } from './mask-bounds';
import type { MaskOp } from './mask-ops';
import { replaySamples, stampOrigin } from './stroke-geometry';

const stroke = (mode: 'paint' | 'erase', size: number, ...xy: number[]): MaskOp => {
  const points: number[] = [];
  for (let i = 0; i < xy.length; i += 2) points.push(xy[i]!, xy[i + 1]!, 1);
  return { kind: 'stroke', mode, size, points: new Float32Array(points) };
};

/** The box of every pixel the stamps cover, worked out stamp by stamp. */
function stampedBox(op: Extract<MaskOp, { kind: 'stroke' }>) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  replaySamples(op.points, op.size, (x, y, d) => {
    const { left, top } = stampOrigin(x, y, d);
    x0 = Math.min(x0, left);
    y0 = Math.min(y0, top);
    x1 = Math.max(x1, left + d);
    y1 = Math.max(y1, top + d);
  });
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

describe('paintedBox', () => {
  it('holds every stamp of a stroke, and nothing more', () => {
    const op = stroke('paint', 20, 100, 100, 300, 140) as Extract<MaskOp, { kind: 'stroke' }>;
    expect(paintedBox('empty', [op], 1000, 800)).toEqual(stampedBox(op));
    const box = paintedBox('empty', [op], 1000, 800)!;
    // Within the segment's box grown by the radius, starting at the first disc.
    expect(box.x).toBe(90);
    expect(box.y).toBe(90);
    expect(box.x + box.width).toBeLessThanOrEqual(310);
    expect(box.y + box.height).toBe(150);
  });

  it('joins strokes and shapes, clips to the image, and ignores erasing', () => {
    const ops: MaskOp[] = [
      stroke('paint', 10, 2, 2),
      { kind: 'shape', mode: 'paint', shape: { kind: 'rect', rect: { x: 500, y: 300, width: 200, height: 400 } } },
      stroke('erase', 50, 600, 600),
    ];
    expect(paintedBox('empty', ops, 640, 480)).toEqual({ x: 0, y: 0, width: 640, height: 480 });
  });

  it('starts again after Clear, and says null when nothing is painted', () => {
    expect(paintedBox('empty', [stroke('paint', 10, 50, 50), { kind: 'clear' }], 100, 100)).toBeNull();
    expect(paintedBox('empty', [stroke('erase', 10, 50, 50)], 100, 100)).toBeNull();
    expect(paintedBox('empty', [], 100, 100)).toBeNull();
  });

  it('cannot tell after invert, a replaced mask or a start that is not blank', () => {
    expect(paintedBox('empty', [stroke('paint', 10, 50, 50), { kind: 'invert' }], 100, 100)).toBeUndefined();
    expect(paintedBox('some', [stroke('paint', 10, 50, 50)], 100, 100)).toBeUndefined();
  });
});
