/** PNG encoder and decoder on node:zlib (8-bit output; decodes the common non-interlaced forms). */
import { crc32 as zlibCrc32, deflateSync, inflateSync, constants as zlibConstants } from 'node:zlib';
import { createRaster } from './raster';
import type { Raster } from './raster';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** Largest image the decoder accepts (4096 x 4096 pixels). */
export const MAX_DECODE_PIXELS = 4096 * 4096;

/** CRC-32 of `bytes[start, end)`, as PNG chunks carry it: node's own (zlib.crc32, Node 20.15 and later). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return zlibCrc32(bytes.subarray(start, end)) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export type PngFilter = 0 | 1 | 2 | 3 | 4;

export interface PngLayout {
  width: number;
  height: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  /** RGB triples for colour type 3. */
  palette?: Uint8Array;
  /** tRNS chunk payload, written as is. */
  transparency?: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Low-level writer: `scanlines` holds the raw rows back to back (no filter bytes), each
 * ceil(width * channels * bitDepth / 8) bytes; every row is written with the one `filter` given.
 */
export function writePng(layout: PngLayout, scanlines: Uint8Array, filter: PngFilter = 1): Uint8Array {
  const { width, height, colorType, bitDepth } = layout;
  const channels = CHANNELS[colorType] ?? 1;
  const rowBytes = Math.ceil((width * channels * bitDepth) / 8);
  const bpp = Math.max(1, (channels * bitDepth) >> 3);
  const filtered = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    const src = y * rowBytes;
    const prev = src - rowBytes;
    let o = y * (rowBytes + 1);
    filtered[o++] = filter;
    for (let i = 0; i < rowBytes; i++) {
      const raw = scanlines[src + i] ?? 0;
      const left = i >= bpp ? (scanlines[src + i - bpp] ?? 0) : 0;
      const up = y > 0 ? (scanlines[prev + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= bpp ? (scanlines[prev + i - bpp] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      filtered[o++] = (raw - predicted) & 0xff;
    }
  }
  return assemble(layout, filtered);
}

/** Signature, IHDR, optional PLTE / tRNS, one IDAT (fast deflate) and IEND. */
function assemble(layout: PngLayout, filtered: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, layout.width);
  view.setUint32(4, layout.height);
  header[8] = layout.bitDepth;
  header[9] = layout.colorType;
  const parts = [SIGNATURE, chunk('IHDR', header)];
  if (layout.palette) parts.push(chunk('PLTE', layout.palette));
  if (layout.transparency) parts.push(chunk('tRNS', layout.transparency));
  parts.push(chunk('IDAT', deflateSync(filtered, { level: zlibConstants.Z_BEST_SPEED })));
  parts.push(chunk('IEND', new Uint8Array(0)));
  return concat(parts);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Encodes an RGBA raster as an 8-bit PNG, choosing the smallest lossless colour type:
 * gray when every pixel is opaque and neutral, RGB when opaque, RGBA otherwise.
 * Every row uses the Sub filter, computed straight from the RGBA pixels in one pass.
 */
export function encodePng(raster: Raster): Uint8Array {
  const { width, height, data } = raster;
  let opaque = true;
  let gray = true;
  for (let i = 0; i < data.length && (opaque || gray); i += 4) {
    if (data[i + 3] !== 255) opaque = false;
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) gray = false;
  }
  const colorType = !opaque ? 6 : gray ? 0 : 2;
  const channels = CHANNELS[colorType] ?? 4;
  // Which RGBA bytes go out, in order: gray keeps R, RGB drops alpha.
  const picks = colorType === 0 ? [0] : colorType === 2 ? [0, 1, 2] : [0, 1, 2, 3];
  const rowBytes = width * channels;
  const filtered = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    let o = y * (rowBytes + 1);
    filtered[o++] = 1;
    const row = y * width * 4;
    for (const [c, k] of picks.entries()) {
      let left = 0;
      for (let x = 0, i = row + k, at = o + c; x < width; x++, i += 4, at += channels) {
        const v = data[i] ?? 0;
        filtered[at] = (v - left) & 0xff;
        left = v;
      }
    }
  }
  return assemble({ width, height, colorType, bitDepth: 8 }, filtered);
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

interface ParsedPng extends PngLayout {
  idat: Uint8Array;
}

function parseChunks(bytes: Uint8Array): ParsedPng {
  if (!isPng(bytes)) throw new Error('not a PNG file (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let layout: PngLayout | undefined;
  const idat: Uint8Array[] = [];
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  let ended = false;
  while (at + 12 <= bytes.length && !ended) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const dataEnd = at + 8 + length;
    if (dataEnd + 4 > bytes.length) throw new Error(`PNG truncated inside the ${type} chunk`);
    if (crc32(bytes, at + 4, dataEnd) !== view.getUint32(dataEnd)) throw new Error(`PNG ${type} chunk has a bad CRC`);
    const data = bytes.subarray(at + 8, dataEnd);
    if (type === 'IHDR') {
      const d = new DataView(data.buffer, data.byteOffset, data.byteLength);
      if (data[10] !== 0 || data[11] !== 0) throw new Error('PNG uses an unknown compression or filter method');
      if (data[12] !== 0) throw new Error('interlaced (Adam7) PNG is not supported: save it non-interlaced');
      layout = {
        width: d.getUint32(0),
        height: d.getUint32(4),
        bitDepth: data[8] as PngLayout['bitDepth'],
        colorType: data[9] as PngLayout['colorType'],
      };
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    at = dataEnd + 4;
  }
  if (!layout) throw new Error('PNG has no IHDR chunk');
  if (idat.length === 0) throw new Error('PNG has no image data (IDAT)');
  return { ...layout, palette, transparency, idat: concat(idat) };
}

const ALLOWED_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/** Decodes a non-interlaced PNG of any standard colour type and bit depth into 8-bit RGBA. */
export function decodePng(bytes: Uint8Array): Raster {
  const png = parseChunks(bytes);
  const { width, height, colorType, bitDepth } = png;
  if (!ALLOWED_DEPTHS[colorType]?.includes(bitDepth)) {
    throw new Error(`unsupported PNG colour type ${colorType} with bit depth ${bitDepth}`);
  }
  if (width === 0 || height === 0) throw new Error('PNG has zero width or height');
  if (width * height > MAX_DECODE_PIXELS) throw new Error(`PNG too large: ${width}x${height} (limit ${MAX_DECODE_PIXELS} pixels)`);
  if (colorType === 3 && !png.palette) throw new Error('palette PNG without a PLTE chunk');
  const channels = CHANNELS[colorType] ?? 1;
  const rowBytes = Math.ceil((width * channels * bitDepth) / 8);
  const expected = height * (rowBytes + 1);
  let raw: Uint8Array;
  try {
    raw = inflateSync(png.idat, { maxOutputLength: expected + 1024 });
  } catch (err) {
    throw new Error(`PNG image data is corrupt: ${(err as Error).message}`, { cause: err });
  }
  if (raw.length < expected) throw new Error('PNG image data is shorter than its header says');
  const lines = unfilter(raw, height, rowBytes, Math.max(1, (channels * bitDepth) >> 3));
  return toRgba(png, lines, rowBytes);
}

function unfilter(raw: Uint8Array, height: number, rowBytes: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * rowBytes);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)];
    const src = y * (rowBytes + 1) + 1;
    const row = y * rowBytes;
    const prev = row - rowBytes;
    if (filter === undefined || filter > 4) throw new Error(`PNG row ${y} has an unknown filter type ${filter}`);
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= bpp ? (out[row + i - bpp] ?? 0) : 0;
      const up = y > 0 ? (out[prev + i] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, y > 0 && i >= bpp ? (out[prev + i - bpp] ?? 0) : 0);
      out[row + i] = ((raw[src + i] ?? 0) + predicted) & 0xff;
    }
  }
  return out;
}

/** Reads sample `index` of a row (any bit depth), scaled to 8 bits. */
function sampleReader(bitDepth: number): (lines: Uint8Array, rowStart: number, index: number) => number {
  if (bitDepth === 8) return (l, r, i) => l[r + i] ?? 0;
  if (bitDepth === 16) return (l, r, i) => l[r + i * 2] ?? 0;
  const perByte = 8 / bitDepth;
  const maxValue = (1 << bitDepth) - 1;
  return (l, r, i) => {
    const byte = l[r + Math.floor(i / perByte)] ?? 0;
    const shift = 8 - bitDepth * ((i % perByte) + 1);
    return (byte >> shift) & maxValue;
  };
}

function toRgba(png: ParsedPng, lines: Uint8Array, rowBytes: number): Raster {
  const { width, height, colorType, bitDepth, palette, transparency } = png;
  const out = createRaster(width, height);
  const d = out.data;
  const read = sampleReader(bitDepth);
  const channels = CHANNELS[colorType] ?? 1;
  // Palette indices and sub-8-bit gray stay unscaled; gray levels get scaled to 0..255.
  const grayScale = bitDepth < 8 ? 255 / ((1 << bitDepth) - 1) : 1;
  const key16 = (t: Uint8Array | undefined, i: number) => (t ? ((t[i * 2] ?? 0) << 8) | (t[i * 2 + 1] ?? 0) : -1);
  const fullSample = (r: number, i: number) =>
    bitDepth === 16 ? ((lines[r + i * 2] ?? 0) << 8) | (lines[r + i * 2 + 1] ?? 0) : read(lines, r, i);
  for (let y = 0; y < height; y++) {
    const r = y * rowBytes;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const base = x * channels;
      if (colorType === 3) {
        const index = read(lines, r, x);
        if (index * 3 + 2 >= (palette?.length ?? 0)) throw new Error(`PNG palette index ${index} out of range`);
        d[o] = palette?.[index * 3] ?? 0;
        d[o + 1] = palette?.[index * 3 + 1] ?? 0;
        d[o + 2] = palette?.[index * 3 + 2] ?? 0;
        d[o + 3] = transparency?.[index] ?? 255;
      } else if (colorType === 0 || colorType === 4) {
        const v = Math.round(read(lines, r, base) * grayScale);
        d[o] = d[o + 1] = d[o + 2] = v;
        if (colorType === 4) d[o + 3] = read(lines, r, base + 1);
        else d[o + 3] = fullSample(r, x) === key16(transparency, 0) ? 0 : 255;
      } else {
        d[o] = read(lines, r, base);
        d[o + 1] = read(lines, r, base + 1);
        d[o + 2] = read(lines, r, base + 2);
        if (colorType === 6) d[o + 3] = read(lines, r, base + 3);
        else {
          const keyed =
            transparency !== undefined &&
            fullSample(r, base) === key16(transparency, 0) &&
            fullSample(r, base + 1) === key16(transparency, 1) &&
            fullSample(r, base + 2) === key16(transparency, 2);
          d[o + 3] = keyed ? 0 : 255;
        }
      }
    }
  }
  return out;
}
