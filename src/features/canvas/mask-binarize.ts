/**
 * Mask binarisation: pure pixel math on RGBA arrays, no DOM. The providers repaint where
 * the mask is white and keep where it is black; anything in between is ambiguous (some
 * treat grey as partial strength), so every pixel that leaves the app is strictly 0 or 255.
 */

export type MaskChannel = 'alpha' | 'luminance';

/** Rec. 601 luma, the weighting most image libraries use for "convert to L". */
export function luminance(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/**
 * Writes an opaque black/white mask into `out` (RGBA, same length): white (repaint) where
 * the chosen channel is at least `threshold`, black (keep) elsewhere. For `luminance`,
 * transparent pixels count as black. Returns `out`.
 */
export function binarizeMask(
  rgba: Uint8ClampedArray,
  channel: MaskChannel,
  threshold = 128,
  out: Uint8ClampedArray<ArrayBuffer> = new Uint8ClampedArray(rgba.length),
): Uint8ClampedArray<ArrayBuffer> {
  if (out.length !== rgba.length) throw new RangeError('binarizeMask: output length differs from input');
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    const value = channel === 'alpha' ? a : (luminance(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!) * a) / 255;
    const v = value >= threshold ? 255 : 0;
    out[i] = v;
    out[i + 1] = v;
    out[i + 2] = v;
    out[i + 3] = 255;
  }
  return out;
}

/** True when every pixel is opaque and pure black or pure white: what a provider may receive. */
export function isBinaryMask(rgba: Uint8ClampedArray): boolean {
  for (let i = 0; i < rgba.length; i += 4) {
    const r = rgba[i]!;
    if ((r !== 0 && r !== 255) || rgba[i + 1] !== r || rgba[i + 2] !== r || rgba[i + 3] !== 255) return false;
  }
  return true;
}

/** True when any pixel of an alpha mask raster is painted (alpha above zero). */
export function hasPaintedPixel(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) return true;
  return false;
}

/**
 * A binary disc of diameter `d` as RGBA (white, alpha 0 or 255), rasterised with the usual
 * rule: a pixel is in when its centre is inside the circle. Each row is one run, computed
 * analytically, so even a 600 px tip takes well under a millisecond. A disc of one or two
 * pixels is filled completely (the centre rule would leave a 2 px disc empty).
 */
export function discTip(d: number): Uint8ClampedArray<ArrayBuffer> {
  const size = Math.max(1, Math.round(d));
  const out = new Uint8ClampedArray(size * size * 4);
  const words = new Uint32Array(out.buffer);
  // 0xffffffff is opaque white in either byte order.
  if (size <= 2) {
    words.fill(0xffffffff);
    return out;
  }
  const r = size / 2;
  for (let y = 0; y < size; y++) {
    const dy = y + 0.5 - r;
    const half = Math.sqrt(Math.max(0, r * r - dy * dy));
    // Pixels whose centre x + 0.5 lies within [r - half, r + half].
    const from = Math.max(0, Math.ceil(r - half - 0.5));
    const to = Math.min(size - 1, Math.floor(r + half - 0.5));
    if (to >= from) words.fill(0xffffffff, y * size + from, y * size + to + 1);
  }
  // White RGB under transparent pixels too, so nothing dark ever blends in.
  for (let i = 0; i < out.length; i += 4) {
    out[i] = 255;
    out[i + 1] = 255;
    out[i + 2] = 255;
  }
  return out;
}
