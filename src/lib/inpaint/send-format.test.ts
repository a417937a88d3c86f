import { describe, expect, it } from 'vitest';
import { initImageType, jpegOrientation, opaqueByHeader, sendableAsIs } from './send-format';

/** A JPEG head: SOI, an APP1 EXIF block with IFD0 Orientation (big-endian), then SOS. */
function jpegWithOrientation(orientation: number): Uint8Array {
  const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const len = payload.length + 2;
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, len >> 8, len & 255, ...payload, 0xff, 0xda, 0, 2, 0xff, 0xd9]);
}

describe('send format', () => {
  it('reads the EXIF orientation of a JPEG, 1 without one', () => {
    expect(jpegOrientation(jpegWithOrientation(6))).toBe(6);
    expect(jpegOrientation(jpegWithOrientation(1))).toBe(1);
    expect(jpegOrientation(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBe(1);
    expect(jpegOrientation(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe(1);
    // A head cut before the scan still gives its orientation.
    expect(jpegOrientation(jpegWithOrientation(8).subarray(0, 40))).toBe(8);
  });

  it('sends a PNG or an upright JPEG as it is, never a rotated JPEG or another type', () => {
    expect(sendableAsIs('image/jpeg', jpegWithOrientation(1))).toBe(true);
    expect(sendableAsIs('image/jpeg', jpegWithOrientation(6))).toBe(false);
    expect(sendableAsIs('image/png', new Uint8Array())).toBe(true);
    expect(sendableAsIs('image/webp', new Uint8Array())).toBe(false);
    expect(initImageType(true)).toBe('image/jpeg');
    expect(initImageType(false)).toBe('image/png');
  });
});

/** A PNG's first chunks (CRCs left 0: only the header is read). */
function pngHead(colorType: number, chunks: string[]): Uint8Array {
  const chunk = (type: string, data: number[]) => [...[0, 0, 0, data.length], ...[...type].map((c) => c.charCodeAt(0)), ...data, 0, 0, 0, 0];
  const ihdr = [0, 0, 0, 16, 0, 0, 0, 16, 8, colorType, 0, 0, 0];
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', ihdr), ...chunks.flatMap((t) => chunk(t, [1, 2, 3]))]);
}

describe('opaqueByHeader', () => {
  it('a JPEG is opaque', () => {
    expect(opaqueByHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe(true);
  });
  it('an RGB or grey PNG without tRNS is opaque; with tRNS, alpha or a palette it may not be', () => {
    expect(opaqueByHeader(pngHead(2, ['IDAT']))).toBe(true);
    expect(opaqueByHeader(pngHead(0, ['gAMA', 'IDAT']))).toBe(true);
    expect(opaqueByHeader(pngHead(2, ['tRNS', 'IDAT']))).toBe(false);
    expect(opaqueByHeader(pngHead(6, ['IDAT']))).toBe(false);
    expect(opaqueByHeader(pngHead(3, ['PLTE', 'IDAT']))).toBe(false);
  });
  it('a head cut before the pixels, or not an image, is not known to be opaque', () => {
    expect(opaqueByHeader(pngHead(2, ['gAMA']))).toBe(false);
    expect(opaqueByHeader(new Uint8Array(64))).toBe(false);
  });
});
