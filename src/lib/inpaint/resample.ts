/**
 * Pure resampling of RGBA images and one-byte masks: an area average (each output pixel the
 * exact coverage-weighted mean of the source pixels under it) when an axis shrinks, bilinear
 * (pixel centres aligned, edges clamped) when it grows, a copy when it keeps its size. The two
 * axes are done separately (rows, then columns), and a window of the output can be computed
 * alone (the stitch needs only the part under the blurred mask). Channels are resampled independently
 * (straight alpha): right for the opaque photos and masks this library handles.
 */
import type { MaskImage, Rect, RgbaImage } from './types';
import { assertBuffer } from './types';

/** For each output index: the first source index, how many, and their weights. */
interface AxisWeights {
  start: Int32Array;
  count: Int32Array;
  offset: Int32Array;
  weights: Float32Array;
}

/** The weights for output indices first … first + n − 1 of a src → dst resampling. */
function axisWeights(src: number, dst: number, first = 0, n = dst): AxisWeights {
  const start = new Int32Array(n);
  const count = new Int32Array(n);
  const offset = new Int32Array(n);
  const list: number[] = [];
  const scale = src / dst;
  for (let j = 0; j < n; j++) {
    const i = first + j;
    offset[j] = list.length;
    if (scale > 1) {
      // Area: the source interval [i·scale, (i+1)·scale).
      const a = i * scale;
      const b = Math.min(src, (i + 1) * scale);
      const lo = Math.floor(a);
      const hi = Math.min(src - 1, Math.ceil(b) - 1);
      start[j] = lo;
      for (let s = lo; s <= hi; s++) list.push((Math.min(b, s + 1) - Math.max(a, s)) / scale);
      count[j] = hi - lo + 1;
    } else {
      // Bilinear between the two source centres around the output centre.
      const x = Math.min(src - 1, Math.max(0, (i + 0.5) * scale - 0.5));
      const x0 = Math.floor(x);
      const t = x - x0;
      start[j] = x0;
      if (t > 0 && x0 + 1 < src) {
        list.push(1 - t, t);
        count[j] = 2;
      } else {
        list.push(1);
        count[j] = 1;
      }
    }
  }
  return { start, count, offset, weights: Float32Array.from(list) };
}

type Plane = Float32Array | Uint8ClampedArray;

/** Horizontal pass over `rows` source rows starting at `row0`: each row of width w → xw.start.length. */
function resampleRows(src: Plane, w: number, row0: number, rows: number, c: number, xw: AxisWeights, out: Plane): void {
  const dw = xw.start.length;
  for (let y = 0; y < rows; y++) {
    const srow = (row0 + y) * w * c;
    const drow = y * dw * c;
    for (let x = 0; x < dw; x++) {
      const s0 = srow + xw.start[x]! * c;
      const n = xw.count[x]!;
      const o = xw.offset[x]!;
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < n; k++) acc += src[s0 + k * c + ch]! * xw.weights[o + k]!;
        out[drow + x * c + ch] = acc;
      }
    }
  }
}

/** Vertical pass: output row y mixes source rows yw.start[y] − row0 …, each `rowLen` values long. */
function resampleColumns(src: Plane, rowLen: number, row0: number, yw: AxisWeights, out: Plane): void {
  const acc = new Float64Array(rowLen);
  for (let y = 0; y < yw.start.length; y++) {
    acc.fill(0);
    const n = yw.count[y]!;
    const o = yw.offset[y]!;
    for (let k = 0; k < n; k++) {
      const weight = yw.weights[o + k]!;
      const srow = (yw.start[y]! - row0 + k) * rowLen;
      for (let i = 0; i < rowLen; i++) acc[i]! += src[srow + i]! * weight;
    }
    out.set(acc, y * rowLen);
  }
}

/**
 * The part `win` of a `w`×`h` image of `c` channels resampled to `dw`×`dh`, computed without
 * the rest of the output: equal to cropping the whole resampled image to `win`.
 */
export function resampleWindow(
  data: Uint8ClampedArray,
  w: number,
  h: number,
  c: number,
  dw: number,
  dh: number,
  win: Rect,
): Uint8ClampedArray<ArrayBuffer> {
  if (!(dw >= 1 && dh >= 1 && Number.isInteger(dw) && Number.isInteger(dh))) throw new RangeError(`resample: target ${dw}×${dh}`);
  if (w < 1 || h < 1) throw new RangeError(`resample: source ${w}×${h}`);
  const inside = win.x >= 0 && win.y >= 0 && win.width >= 1 && win.height >= 1 && win.x + win.width <= dw && win.y + win.height <= dh;
  if (!inside || ![win.x, win.y, win.width, win.height].every(Number.isInteger)) throw new RangeError(`resample: window outside ${dw}×${dh}`);
  const out = new Uint8ClampedArray(win.width * win.height * c);
  if (w === dw && h === dh) {
    for (let y = 0; y < win.height; y++) {
      const from = ((win.y + y) * w + win.x) * c;
      out.set(data.subarray(from, from + win.width * c), y * win.width * c);
    }
    return out;
  }
  const xw = axisWeights(w, dw, win.x, win.width);
  const yw = axisWeights(h, dh, win.y, win.height);
  // Only the source rows the window reads.
  const last = win.height - 1;
  const row0 = yw.start[0]!;
  const rows = yw.start[last]! + yw.count[last]! - row0;
  const mid = new Float32Array(win.width * rows * c);
  resampleRows(data, w, row0, rows, c, xw, mid);
  resampleColumns(mid, win.width * c, row0, yw, out);
  return out;
}

/** Resamples a `w`×`h` image of `c` channels to `dw`×`dh`. */
export function resampleChannels(
  data: Uint8ClampedArray,
  w: number,
  h: number,
  c: number,
  dw: number,
  dh: number,
): Uint8ClampedArray<ArrayBuffer> {
  return resampleWindow(data, w, h, c, dw, dh, { x: 0, y: 0, width: dw, height: dh });
}

export function resizeRgba(img: RgbaImage, width: number, height: number): RgbaImage {
  assertBuffer(img, 4, 'resizeRgba');
  return { width, height, data: resampleChannels(img.data, img.width, img.height, 4, width, height) };
}

export function resizeMask(mask: MaskImage, width: number, height: number): MaskImage {
  assertBuffer(mask, 1, 'resizeMask');
  return { width, height, data: resampleChannels(mask.data, mask.width, mask.height, 1, width, height) };
}

/** The part `win` of `img` resized to width×height (see resampleWindow). */
export function resizeRgbaWindow(img: RgbaImage, width: number, height: number, win: Rect): RgbaImage {
  assertBuffer(img, 4, 'resizeRgbaWindow');
  return { width: win.width, height: win.height, data: resampleWindow(img.data, img.width, img.height, 4, width, height, win) };
}
