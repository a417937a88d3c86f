/**
 * Outpainting ("Extend"): a bigger canvas with the picture placed inside, the new area filled
 * for context, and the mask to repaint (the new area plus an overlap into the old picture on
 * each extended side). The result goes through the same region, crop and stitch as inpainting.
 */
import type { MaskImage, RgbaImage } from './types';
import { assertBuffer } from './types';

export interface Extension {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type ExtendFill =
  /** Each new pixel repeats the nearest edge pixel of the picture. */
  | { kind: 'stretch' }
  /** Seeded uniform noise, mixed with the edge stretch: amount 1 (default) is pure noise, 0 pure stretch. */
  | { kind: 'noise'; seed: number; amount?: number };

export interface ExtendOptions {
  fill?: ExtendFill;
  /** How far the mask reaches into the old picture on each extended side, in pixels (default 16). */
  overlap?: number;
}

export interface ExtendedCanvas {
  image: RgbaImage;
  mask: MaskImage;
  /** Where the old picture sits in the new one. */
  offset: { x: number; y: number };
}

export const DEFAULT_OVERLAP = 16;

/** A small, fast seeded generator (mulberry32): the same seed gives the same noise. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function side(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`extendCanvas: ${what} must be a whole number ≥ 0, got ${n}`);
  return n;
}

/** Extends `img` by the given pixels on each side; see ExtendOptions for the fill and the mask. */
export function extendCanvas(img: RgbaImage, by: Extension, options: ExtendOptions = {}): ExtendedCanvas {
  assertBuffer(img, 4, 'extendCanvas');
  if (img.width < 1 || img.height < 1) throw new RangeError('extendCanvas: empty picture');
  const left = side(by.left, 'left');
  const top = side(by.top, 'top');
  const right = side(by.right, 'right');
  const bottom = side(by.bottom, 'bottom');
  const fill = options.fill ?? { kind: 'stretch' };
  const overlap = Math.max(0, Math.round(options.overlap ?? DEFAULT_OVERLAP));
  const W = img.width + left + right;
  const H = img.height + top + bottom;
  const out = new Uint8ClampedArray(W * H * 4);
  const src = img.data;
  const random = fill.kind === 'noise' ? seededRandom(fill.seed) : null;
  const amount = fill.kind === 'noise' ? Math.min(1, Math.max(0, fill.amount ?? 1)) : 0;
  for (let y = 0; y < H; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, y - top));
    const inside = y >= top && y < top + img.height;
    for (let x = 0; x < W; x++) {
      const o = (y * W + x) * 4;
      const sx = Math.min(img.width - 1, Math.max(0, x - left));
      const s = (sy * img.width + sx) * 4;
      if (inside && x >= left && x < left + img.width) {
        out[o] = src[s]!;
        out[o + 1] = src[s + 1]!;
        out[o + 2] = src[s + 2]!;
        out[o + 3] = src[s + 3]!;
        continue;
      }
      for (let c = 0; c < 3; c++) out[o + c] = random ? src[s + c]! * (1 - amount) + random() * 256 * amount : src[s + c]!;
      out[o + 3] = 255;
    }
  }
  const mask = new Uint8ClampedArray(W * H);
  // The old picture's rectangle minus the overlap on each extended side stays 0.
  const kx0 = left + (left > 0 ? overlap : 0);
  const ky0 = top + (top > 0 ? overlap : 0);
  const kx1 = left + img.width - (right > 0 ? overlap : 0);
  const ky1 = top + img.height - (bottom > 0 ? overlap : 0);
  mask.fill(255);
  for (let y = Math.max(0, ky0); y < Math.min(H, ky1); y++) {
    if (kx1 > kx0) mask.fill(0, y * W + Math.max(0, kx0), y * W + Math.min(W, kx1));
  }
  return { image: { width: W, height: H, data: out }, mask: { width: W, height: H, data: mask }, offset: { x: left, y: top } };
}
