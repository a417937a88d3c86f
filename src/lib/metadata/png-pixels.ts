/**
 * The pixels of an 8-bit, non-interlaced RGB or RGBA PNG, decoded in full (inflate with a byte
 * cap, then the five row filters), for readers that look at pixel bits (stealth PNG info). Any
 * other layout gives undefined: those files cannot carry it in the way A1111's extension writes.
 */
import { concatBytes, inflateZlibLimited, readU32BE } from './bytes';
import { parsePngChunks } from './png';

export interface PngPixels {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA). */
  channels: number;
  /** Row-major, `channels` bytes per pixel, no filter bytes. */
  data: Uint8Array;
}

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

export function readPngHeader(bytes: Uint8Array): PngHeader | undefined {
  const ihdr = parsePngChunks(bytes, true).find((c) => c.type === 'IHDR');
  if (!ihdr || ihdr.data.length < 13) return undefined;
  const d = ihdr.data;
  return { width: readU32BE(d, 0), height: readU32BE(d, 4), bitDepth: d[8] ?? 0, colorType: d[9] ?? 0, interlace: d[12] ?? 0 };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Undefined for layouts other than 8-bit RGB/RGBA without interlacing, or more than `maxPixels`.
 * With `rows`, only the first rows are inflated and decoded (`data` is that much shorter).
 */
export function decodePngPixels(bytes: Uint8Array, maxPixels: number, rows?: number): PngPixels | undefined {
  const h = readPngHeader(bytes);
  if (!h || h.bitDepth !== 8 || (h.colorType !== 2 && h.colorType !== 6) || h.interlace !== 0) return undefined;
  if (h.width === 0 || h.height === 0 || h.width * h.height > maxPixels) return undefined;
  const channels = h.colorType === 6 ? 4 : 3;
  const stride = h.width * channels;
  const idat = concatBytes(parsePngChunks(bytes, true).filter((c) => c.type === 'IDAT').map((c) => c.data));
  const height = Math.min(h.height, rows ?? h.height);
  const filtered = inflateZlibLimited(idat, (stride + 1) * height, 'zlib', true);
  if (filtered.length < (stride + 1) * height) return undefined;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const raw = filtered[src + x] ?? 0;
      const a = x >= channels ? (data[row + x - channels] ?? 0) : 0;
      const b = y > 0 ? (data[row - stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (data[row - stride + x - channels] ?? 0) : 0;
      const predictor = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      data[row + x] = (raw + predictor) & 0xff;
    }
  }
  return { width: h.width, height: h.height, channels, data };
}
