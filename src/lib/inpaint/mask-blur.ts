/**
 * "Mask blur": a Gaussian blur of a one-byte mask, approximated by three box blurs (each one
 * separable, with running sums, so the cost does not depend on the radius). Edges are
 * extended (clamped), so a mask that touches the picture's edge stays fully opaque there.
 * Exactness the stitch relies on: where the mask is 0 within `blurReach(sigma)` pixels
 * (Chebyshev distance), the blurred mask is exactly 0; where it is 255 within that reach, exactly 255.
 */
import type { MaskImage } from './types';
import { assertBuffer } from './types';

/** Box widths (odd) whose three passes approximate a Gaussian of standard deviation `sigma`. */
export function gaussianBoxes(sigma: number, passes = 3): number[] {
  if (!(sigma > 0)) return [];
  const ideal = Math.sqrt((12 * sigma * sigma) / passes + 1);
  let lower = Math.floor(ideal);
  if (lower % 2 === 0) lower--;
  const upper = lower + 2;
  const m = Math.round((12 * sigma * sigma - passes * lower * lower - 4 * passes * lower - 3 * passes) / (-4 * lower - 4));
  return Array.from({ length: passes }, (_, i) => (i < m ? lower : upper));
}

/** How far (in pixels, on each axis) a blur of `sigma` spreads a value: the sum of the box radii. */
export function blurReach(sigma: number): number {
  return gaussianBoxes(sigma).reduce((sum, w) => sum + (w - 1) / 2, 0);
}

/** One horizontal box pass of radius r over every row, edges clamped. */
function boxRows(src: Uint8ClampedArray, dst: Uint8ClampedArray, width: number, height: number, r: number): void {
  const size = 2 * r + 1;
  const last = width - 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let i = -r; i <= r; i++) sum += src[row + Math.min(last, Math.max(0, i))]!;
    for (let x = 0; x < width; x++) {
      dst[row + x] = sum / size;
      const add = x + r + 1;
      const drop = x - r;
      sum += src[row + (add > last ? last : add)]! - src[row + (drop < 0 ? 0 : drop)]!;
    }
  }
}

/** One vertical box pass of radius r, row by row with a running sum per column (cache-friendly). */
function boxColumns(src: Uint8ClampedArray, dst: Uint8ClampedArray, width: number, height: number, r: number, sums: Float64Array): void {
  const size = 2 * r + 1;
  const last = height - 1;
  sums.fill(0);
  for (let i = -r; i <= r; i++) {
    const row = Math.min(last, Math.max(0, i)) * width;
    for (let x = 0; x < width; x++) sums[x]! += src[row + x]!;
  }
  for (let y = 0; y < height; y++) {
    const out = y * width;
    const add = Math.min(last, y + r + 1) * width;
    const drop = Math.max(0, y - r) * width;
    for (let x = 0; x < width; x++) {
      dst[out + x] = sums[x]! / size;
      sums[x]! += src[add + x]! - src[drop + x]!;
    }
  }
}

/** A new mask: `mask` blurred with standard deviation `sigma` ("Mask blur"; 0 copies). */
export function blurMask(mask: MaskImage, sigma: number): MaskImage {
  assertBuffer(mask, 1, 'blurMask');
  const { width, height } = mask;
  const a = new Uint8ClampedArray(mask.data);
  if (width === 0 || height === 0) return { width, height, data: a };
  const b = new Uint8ClampedArray(a.length);
  const sums = new Float64Array(width);
  for (const box of gaussianBoxes(sigma)) {
    const r = (box - 1) / 2;
    if (r < 1) continue;
    boxRows(a, b, width, height, r);
    boxColumns(b, a, width, height, r, sums);
  }
  // Each full pass ends in a; b is scratch.
  return { width, height, data: a };
}
