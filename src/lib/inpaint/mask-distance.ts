/**
 * Distance-based mask operations: grow (dilate), shrink (erode) and feather by N pixels, with
 * exact Euclidean distances. A separable distance transform (a vertical scan, then the lower
 * envelope of parabolas along each row, after Felzenszwalb and Huttenlocher) costs O(pixels)
 * whatever N is, so 8192×6144 stays in the hundreds of milliseconds. Distances are capped at
 * N + 1, so the vertical pass fits in 16 bits.
 */
import type { MaskImage } from './types';
import { assertBuffer } from './types';

const SET = 128;

/**
 * Calls `onRow(y, sq)` for each row with the squared distance from every pixel of that row to
 * the nearest source pixel: a pixel ≥ 128, or < 128 when `outside` (capped: anything over cap²
 * reads as at least cap²). `sq` is reused between rows.
 */
function squaredDistanceRows(
  mask: MaskImage,
  outside: boolean,
  cap: number,
  onRow: (y: number, sq: Float64Array) => void,
): void {
  const { width, height, data } = mask;
  const limit = Math.min(65535, Math.max(1, Math.ceil(cap)));
  const g = new Uint16Array(width * height);
  // Vertical distances: down, then up.
  for (let x = 0; x < width; x++) g[x] = data[x]! >= SET !== outside ? 0 : limit;
  for (let y = 1; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i = row + x;
      const above = g[i - width]! + 1;
      g[i] = data[i]! >= SET !== outside ? 0 : above < limit ? above : limit;
    }
  }
  for (let y = height - 2; y >= 0; y--) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const below = g[row + x + width]! + 1;
      if (below < g[row + x]!) g[row + x] = below;
    }
  }
  // Along each row: the lower envelope of the parabolas (x - q)² + g(q)².
  const f = new Float64Array(width);
  const sq = new Float64Array(width);
  const v = new Int32Array(width);
  const z = new Float64Array(width + 1);
  const far = limit * limit;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let any = false;
    for (let q = 0; q < width; q++) {
      const d = g[row + q]!;
      f[q] = d * d;
      if (d < limit) any = true;
    }
    if (!any) {
      sq.fill(far);
      onRow(y, sq);
      continue;
    }
    // Only near parabolas: a far one (f = limit²) never gives less than limit², the cap.
    let k = -1;
    for (let q = 0; q < width; q++) {
      const fq = f[q]!;
      if (fq >= far) continue;
      if (k < 0) {
        k = 0;
        v[0] = q;
        z[0] = -Infinity;
        z[1] = Infinity;
        continue;
      }
      const hq = fq + q * q;
      let s = (hq - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * (q - v[k]!));
      // z[0] is -Infinity, so this stops at k = 0.
      while (s <= z[k]!) {
        k--;
        s = (hq - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * (q - v[k]!));
      }
      k++;
      v[k] = q;
      z[k] = s;
      z[k + 1] = Infinity;
    }
    k = 0;
    for (let x = 0; x < width; x++) {
      while (z[k + 1]! < x) k++;
      const dx = x - v[k]!;
      const d = dx * dx + f[v[k]!]!;
      sq[x] = d < far ? d : far;
    }
    onRow(y, sq);
  }
}

/** Grows the mask (pixels ≥ 128) by `px` pixels: every pixel within `px` of it becomes 255; the rest 0. */
export function growMask(mask: MaskImage, px: number): MaskImage {
  assertBuffer(mask, 1, 'growMask');
  if (px < 0) return shrinkMask(mask, -px);
  const out = new Uint8ClampedArray(mask.data.length);
  const r2 = px * px;
  squaredDistanceRows(mask, false, px + 1, (y, sq) => {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) out[row + x] = sq[x]! <= r2 ? 255 : 0;
  });
  return { width: mask.width, height: mask.height, data: out };
}

/**
 * Shrinks the mask (pixels ≥ 128) by `px` pixels: a pixel stays 255 when no unmasked pixel lies
 * within `px` of it. The picture's edge does not erode it (there is nothing outside).
 */
export function shrinkMask(mask: MaskImage, px: number): MaskImage {
  assertBuffer(mask, 1, 'shrinkMask');
  if (px < 0) return growMask(mask, -px);
  const out = new Uint8ClampedArray(mask.data.length);
  const r2 = px * px;
  squaredDistanceRows(mask, true, px + 1, (y, sq) => {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) out[row + x] = sq[x]! > r2 ? 255 : 0;
  });
  return { width: mask.width, height: mask.height, data: out };
}

/**
 * Feathers the mask's edge over `px` pixels, centred on the edge: a linear ramp from 255 at
 * px / 2 inside the mask (pixels ≥ 128) to 0 at px / 2 outside. Pixels farther than px / 2
 * from the edge keep 255 inside and 0 outside.
 */
export function featherMask(mask: MaskImage, px: number): MaskImage {
  assertBuffer(mask, 1, 'featherMask');
  const { width, height, data } = mask;
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! >= SET ? 255 : 0;
  if (!(px > 0)) return { width, height, data: out };
  const half = px / 2;
  const cap = Math.ceil(half) + 2;
  // Outside pixels: distance to the mask. Inside pixels: distance to the outside.
  squaredDistanceRows(mask, false, cap, (y, sq) => {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! >= SET) continue;
      const s = Math.sqrt(sq[x]!) - 0.5;
      out[row + x] = 255 * Math.min(1, Math.max(0, 0.5 - s / px));
    }
  });
  squaredDistanceRows(mask, true, cap, (y, sq) => {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]! < SET) continue;
      const s = -(Math.sqrt(sq[x]!) - 0.5);
      out[row + x] = 255 * Math.min(1, Math.max(0, 0.5 - s / px));
    }
  });
  return { width, height, data: out };
}
