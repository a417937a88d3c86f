import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, decodePng, encodePng, writePng } from './png';
import type { PngFilter } from './png';
import { createRaster } from './raster';
import type { Raster } from './raster';

function pattern(width: number, height: number, alpha: (x: number, y: number) => number = () => 255): Raster {
  const r = createRaster(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      r.data.set([(x * 7 + y) & 255, (y * 5) & 255, (x ^ y) & 255, alpha(x, y)], i);
    }
  }
  return r;
}

const header = (bytes: Uint8Array) => ({ colorType: bytes[25], bitDepth: bytes[24] });

describe('PNG encoder', () => {
  it('round-trips RGB exactly and writes colour type 2', () => {
    const image = pattern(37, 19);
    const png = encodePng(image);
    expect(header(png)).toEqual({ colorType: 2, bitDepth: 8 });
    expect(decodePng(png)).toEqual(image);
  });

  it('keeps alpha (colour type 6) and writes neutral opaque images as gray (colour type 0)', () => {
    const rgba = pattern(16, 16, (x, y) => (x + y) * 8);
    expect(header(encodePng(rgba)).colorType).toBe(6);
    expect(decodePng(encodePng(rgba))).toEqual(rgba);
    const gray = createRaster(9, 4);
    for (let i = 0; i < gray.data.length; i += 4) gray.data.set([i & 255, i & 255, i & 255, 255], i);
    expect(header(encodePng(gray)).colorType).toBe(0);
    expect(decodePng(encodePng(gray))).toEqual(gray);
  });

  it('has correct CRCs on every chunk', () => {
    const png = encodePng(pattern(8, 8));
    const view = new DataView(png.buffer, png.byteOffset);
    for (let at = 8; at < png.length; ) {
      const length = view.getUint32(at);
      expect(crc32(png, at + 4, at + 8 + length)).toBe(view.getUint32(at + 8 + length));
      at += 12 + length;
    }
  });
});

describe('PNG decoder', () => {
  const rgb = (() => {
    const p = pattern(13, 7);
    const out = new Uint8Array(13 * 7 * 3);
    for (let i = 0, o = 0; i < p.data.length; i += 4, o += 3) out.set(p.data.subarray(i, i + 3), o);
    return { raster: p, lines: out };
  })();

  it.each([0, 1, 2, 3, 4] as PngFilter[])('undoes filter type %i', (filter) => {
    const png = writePng({ width: 13, height: 7, colorType: 2, bitDepth: 8 }, rgb.lines, filter);
    expect(decodePng(png)).toEqual(rgb.raster);
  });

  it('reads palette images with tRNS, including 1, 2 and 4 bits per pixel', () => {
    const palette = Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9);
    for (const bitDepth of [1, 2, 4, 8] as const) {
      const maxIndex = Math.min(3, (1 << bitDepth) - 1);
      const indices = Array.from({ length: 10 }, (_, i) => i % (maxIndex + 1));
      const perByte = 8 / bitDepth;
      const line = new Uint8Array(Math.ceil(10 / perByte));
      indices.forEach((v, i) => (line[Math.floor(i / perByte)]! |= v << (8 - bitDepth * ((i % perByte) + 1))));
      const png = writePng({ width: 10, height: 1, colorType: 3, bitDepth, palette, transparency: Uint8Array.of(255, 128) }, line, 0);
      const image = decodePng(png);
      indices.forEach((v, i) => {
        expect([...image.data.subarray(i * 4, i * 4 + 4)]).toEqual([...palette.subarray(v * 3, v * 3 + 3), v === 1 ? 128 : 255]);
      });
    }
  });

  it('reads gray at 1 and 16 bits, gray+alpha, 16-bit RGBA and colour-key transparency', () => {
    const g1 = decodePng(writePng({ width: 8, height: 1, colorType: 0, bitDepth: 1 }, Uint8Array.of(0b10100000)));
    expect([...g1.data.subarray(0, 12)]).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
    const g16 = decodePng(writePng({ width: 2, height: 1, colorType: 0, bitDepth: 16 }, Uint8Array.of(0x12, 0x34, 0xff, 0x00)));
    expect([...g16.data]).toEqual([0x12, 0x12, 0x12, 255, 0xff, 0xff, 0xff, 255]);
    const ga = decodePng(writePng({ width: 1, height: 1, colorType: 4, bitDepth: 8 }, Uint8Array.of(77, 99)));
    expect([...ga.data]).toEqual([77, 77, 77, 99]);
    const rgba16 = decodePng(writePng({ width: 1, height: 1, colorType: 6, bitDepth: 16 }, Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)));
    expect([...rgba16.data]).toEqual([1, 3, 5, 7]);
    const keyed = decodePng(
      writePng({ width: 2, height: 1, colorType: 2, bitDepth: 8, transparency: Uint8Array.of(0, 10, 0, 20, 0, 30) }, Uint8Array.of(10, 20, 30, 10, 20, 31)),
    );
    expect([keyed.data[3], keyed.data[7]]).toEqual([0, 255]);
  });

  it('rejects interlaced images, bad CRCs, truncation and non-PNG data with clear messages', () => {
    const png = encodePng(pattern(4, 4));
    const interlaced = png.slice();
    interlaced[28] = 1;
    const view = new DataView(interlaced.buffer);
    view.setUint32(29, crc32(interlaced, 12, 29));
    expect(() => decodePng(interlaced)).toThrow(/interlaced/);
    const corrupt = png.slice();
    corrupt[20] = (corrupt[20] ?? 0) ^ 1;
    expect(() => decodePng(corrupt)).toThrow(/CRC/);
    expect(() => decodePng(png.subarray(0, 40))).toThrow(/truncated|IDAT/);
    expect(() => decodePng(Uint8Array.of(1, 2, 3))).toThrow(/not a PNG/);
  });

  it('rejects image data shorter than the header promises', () => {
    const png = writePng({ width: 4, height: 4, colorType: 0, bitDepth: 8 }, new Uint8Array(16));
    const short = deflateSync(new Uint8Array(3));
    const idatAt = 33;
    const parts = [png.subarray(0, idatAt), Uint8Array.of(0, 0, 0, short.length), Buffer.from('IDAT'), short, new Uint8Array(4)];
    const bytes = Buffer.concat(parts);
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(idatAt + 8 + short.length, crc32(bytes, idatAt + 4, idatAt + 8 + short.length));
    const withEnd = Buffer.concat([bytes, png.subarray(png.length - 12)]);
    expect(() => decodePng(withEnd)).toThrow(/shorter/);
  });
});
