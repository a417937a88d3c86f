import { describe, expect, it } from 'vitest';
import { base64ToBytes, dataUrlMime, sniffImageMime } from './base64';

describe('base64ToBytes', () => {
  it('decodes raw base64, data URLs and wrapped lines', () => {
    expect([...base64ToBytes('AAEC/w==')]).toEqual([0, 1, 2, 255]);
    expect([...base64ToBytes('data:image/png;base64,AAEC/w==')]).toEqual([0, 1, 2, 255]);
    expect([...base64ToBytes('AAEC\n/w==\n')]).toEqual([0, 1, 2, 255]);
  });
});

describe('sniffImageMime', () => {
  it('knows PNG and JPEG by their first bytes', () => {
    expect(sniffImageMime(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10]))).toBe('image/png');
    expect(sniffImageMime(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageMime(new Uint8Array([1, 2, 3]), 'x/y')).toBe('x/y');
  });
  it('reads a data URL type', () => {
    expect(dataUrlMime('data:image/png;base64,AA')).toBe('image/png');
  });
});
