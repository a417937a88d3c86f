import { describe, expect, it } from 'vitest';
import { initImageType, jpegOrientation, sendableAsIs } from './send-format';

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
