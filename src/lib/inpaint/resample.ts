/**
 * Pure resampling of RGBA images and one-byte masks: an area average (each output pixel the
 * exact coverage-weighted mean of the source pixels under it) when an axis shrinks, bilinear
 * (pixel centres aligned, edges clamped) when it grows, a copy when it keeps its size. The two
 * axes are done separately, the shrinking one first. Channels are resampled independently
 * (straight alpha): right for the opaque photos and masks this library handles.
 */
import type { MaskImage, RgbaImage } from './types';
import { assertBuffer } from './types';

/** For each output index: the first source index, how many, and their weights. */
interface AxisWeights {
  start: Int32Array;
  count: Int32Array;
  offset: Int32Array;
  weights: Float32Array;
}

function axisWeights(src: number, dst: number): AxisWeights {
  const start = new Int32Array(dst);
  const count = new Int32Array(dst);
  const offset = new Int32Array(dst);
  const list: number[] = [];
  const scale = src / dst;
  for (let i = 0; i < dst; i++) {
    offset[i] = list.length;
    if (scale > 1) {
      // Area: the source interval [i·scale, (i+1)·scale).
      const a = i * scale;
      const b = Math.min(src, (i + 1) * scale);
      const first = Math.floor(a);
      const last = Math.min(src - 1, Math.ceil(b) - 1);
      start[i] = first;
      for (let s = first; s <= last; s++) list.push((Math.min(b, s + 1) - Math.max(a, s)) / scale);
      count[i] = last - first + 1;
    } else {
      // Bilinear between the two source centres around the output centre.
      const x = Math.min(src - 1, Math.max(0, (i + 0.5) * scale - 0.5));
      const x0 = Math.floor(x);
      const t = x - x0;
      start[i] = x0;
      if (t > 0 && x0 + 1 < src) {
        list.push(1 - t, t);
        count[i] = 2;
      } else {
        list.push(1);
        count[i] = 1;
      }
    }
  }
  return { start, count, offset, weights: Float32Array.from(list) };
}

type Plane = Float32Array | Uint8ClampedArray;

function resampleRows(src: Plane, w: number, h: number, c: number, dw: number, out: Plane): void {
  const wt = axisWeights(w, dw);
  for (let y = 0; y < h; y++) {
    const srow = y * w * c;
    const drow = y * dw * c;
    for (let x = 0; x < dw; x++) {
      const s0 = srow + wt.start[x]! * c;
      const n = wt.count[x]!;
      const o = wt.offset[x]!;
      for (let ch = 0; ch < c; ch++) {
        let acc = 0;
        for (let k = 0; k < n; k++) acc += src[s0 + k * c + ch]! * wt.weights[o + k]!;
        out[drow + x * c + ch] = acc;
      }
    }
  }
}

function resampleColumns(src: Plane, w: number, h: number, c: number, dh: number, out: Plane): void {
  const wt = axisWeights(h, dh);
  const rowLen = w * c;
  const acc = new Float64Array(rowLen);
  for (let y = 0; y < dh; y++) {
    acc.fill(0);
    const n = wt.count[y]!;
    const o = wt.offset[y]!;
    for (let k = 0; k < n; k++) {
      const weight = wt.weights[o + k]!;
      const srow = (wt.start[y]! + k) * rowLen;
      for (let i = 0; i < rowLen; i++) acc[i]! += src[srow + i]! * weight;
    }
    out.set(acc, y * rowLen);
  }
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
  if (!(dw >= 1 && dh >= 1 && Number.isInteger(dw) && Number.isInteger(dh))) throw new RangeError(`resample: target ${dw}×${dh}`);
  if (w < 1 || h < 1) throw new RangeError(`resample: source ${w}×${h}`);
  if (w === dw && h === dh) return new Uint8ClampedArray(data);
  const out = new Uint8ClampedArray(dw * dh * c);
  if (w === dw) {
    resampleColumns(data, w, h, c, dh, out);
    return out;
  }
  if (h === dh) {
    resampleRows(data, w, h, c, dw, out);
    return out;
  }
  // Shrink the axis that shrinks more first: the intermediate is the smaller one.
  if (dw / w <= dh / h) {
    const mid = new Float32Array(dw * h * c);
    resampleRows(data, w, h, c, dw, mid);
    resampleColumns(mid, dw, h, c, dh, out);
  } else {
    const mid = new Float32Array(w * dh * c);
    resampleColumns(data, w, h, c, dh, mid);
    resampleRows(mid, w, dh, c, dw, out);
  }
  return out;
}

export function resizeRgba(img: RgbaImage, width: number, height: number): RgbaImage {
  assertBuffer(img, 4, 'resizeRgba');
  return { width, height, data: resampleChannels(img.data, img.width, img.height, 4, width, height) };
}

export function resizeMask(mask: MaskImage, width: number, height: number): MaskImage {
  assertBuffer(mask, 1, 'resizeMask');
  return { width, height, data: resampleChannels(mask.data, mask.width, mask.height, 1, width, height) };
}
