/**
 * The stitched result's PNG, written strip by strip: read back (chunks, zlib, Sub filter undone) it
 * gives exactly the pixels it was given, as RGB for an opaque picture and RGBA otherwise, whatever
 * the strip height, with IDAT chunks whose CRCs are right.
 */
import { crc32 } from 'node:zlib';
import { unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parsePngChunks } from '../metadata/png';
import { encodePngStrips, subScanlines } from './png-stream';

/** A deterministic, busy RGBA picture (opaque unless `alpha`). */
function picture(width: number, height: number, alpha: boolean): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  let s = 12345;
  for (let i = 0; i < data.length; i++) {
    // xorshift32: noise that does not compress, like a photo's fine detail.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = i % 4 === 3 && !alpha ? 255 : s & 255;
  }
  return data;
}

/** The PNG's pixels as RGBA, read the long way. */
function decode(bytes: Uint8Array): { width: number; height: number; colourType: number; rgba: Uint8ClampedArray } {
  const chunks = parsePngChunks(bytes);
  for (const c of chunks) {
    const typeAndData = c.raw.subarray(4, c.raw.length - 4);
    const stored = new DataView(c.raw.buffer, c.raw.byteOffset + c.raw.length - 4, 4).getUint32(0);
    expect(crc32(typeAndData) >>> 0).toBe(stored);
  }
  const ihdr = chunks[0]!.data;
  const view = new DataView(ihdr.buffer, ihdr.byteOffset, ihdr.length);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const colourType = ihdr[9]!;
  const bpp = colourType === 6 ? 4 : 3;
  const idat = chunks.filter((c) => c.type === 'IDAT');
  const joined = new Uint8Array(idat.reduce((n, c) => n + c.data.length, 0));
  let at = 0;
  for (const c of idat) {
    joined.set(c.data, at);
    at += c.data.length;
  }
  const raw = unzlibSync(joined);
  const line = 1 + width * bpp;
  expect(raw.length).toBe(line * height);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * line]).toBe(1);
    const prev = [0, 0, 0, 0];
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < bpp; k++) {
        const v = (raw[y * line + 1 + x * bpp + k]! + prev[k]!) & 255;
        prev[k] = v;
        rgba[(y * width + x) * 4 + k] = v;
      }
      if (bpp === 3) rgba[(y * width + x) * 4 + 3] = 255;
    }
  }
  return { width, height, colourType, rgba };
}

const strips = (data: Uint8ClampedArray, width: number) => (y: number, rows: number) => data.slice(y * width * 4, (y + rows) * width * 4);

describe('encodePngStrips', () => {
  it('writes an opaque picture as RGB, exactly, whatever the strip height', async () => {
    const width = 37;
    const height = 23;
    const data = picture(width, height, false);
    for (const stripRows of [1, 5, 23, 64]) {
      const blob = await encodePngStrips({ width, height, alpha: false, stripRows, readStrip: strips(data, width) });
      expect(blob.type).toBe('image/png');
      const png = decode(new Uint8Array(await blob.arrayBuffer()));
      expect([png.width, png.height, png.colourType]).toEqual([width, height, 2]);
      expect(Buffer.from(png.rgba).equals(Buffer.from(data))).toBe(true);
    }
  });

  it('writes RGBA when asked, exactly, and in several IDAT chunks for a large picture', async () => {
    const width = 600;
    const height = 700;
    const data = picture(width, height, true);
    const blob = await encodePngStrips({ width, height, alpha: true, stripRows: 128, readStrip: strips(data, width) });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(parsePngChunks(bytes).filter((c) => c.type === 'IDAT').length).toBeGreaterThan(1);
    const png = decode(bytes);
    expect(png.colourType).toBe(6);
    expect(Buffer.from(png.rgba).equals(Buffer.from(data))).toBe(true);
  });

  it('fails with the strip reader, and writes nothing more', async () => {
    let asked = 0;
    const readStrip = () => {
      if (++asked === 2) throw new Error('the picture is gone');
      return new Uint8ClampedArray(4 * 4 * 2);
    };
    await expect(encodePngStrips({ width: 4, height: 6, alpha: false, stripRows: 2, readStrip })).rejects.toThrow('the picture is gone');
    expect(asked).toBe(2);
  });
});

describe('subScanlines', () => {
  it('starts each line with the Sub filter and keeps only RGB of an opaque picture', () => {
    const rgba = new Uint8ClampedArray([10, 20, 30, 255, 15, 18, 40, 255]);
    expect([...subScanlines(rgba, 2, 1, false)]).toEqual([1, 10, 20, 30, 5, 254, 10]);
    expect([...subScanlines(rgba, 1, 2, true)]).toEqual([1, 10, 20, 30, 255, 1, 15, 18, 40, 255]);
  });
});
