import { describe, expect, it } from 'vitest';
import { bytesToBase64, sniffBase64Mime, sniffImageMime } from './base64';
import { imageFromString } from './images';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
const GIF = bytes('GIF89a', [1, 0, 1, 0]);
const WEBP = bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 ');
const AVIF = bytes([0, 0, 0, 28], 'ftypavif', [0, 0, 0, 0], 'avifmif1miaf');
const AVIF_COMPAT = bytes([0, 0, 0, 24], 'ftypmif1', [0, 0, 0, 0], 'mif1avif');
const HEIC = bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic');
const SVG = bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const SVG_BOM = bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0"?><svg/>');
const HTML = bytes('<!doctype html><script>alert(1)</script>');

describe('sniffImageMime', () => {
  it('knows PNG, JPEG, GIF, WebP and AVIF by their magic bytes', () => {
    expect(sniffImageMime(PNG)).toBe('image/png');
    expect(sniffImageMime(JPEG)).toBe('image/jpeg');
    expect(sniffImageMime(GIF)).toBe('image/gif');
    expect(sniffImageMime(WEBP)).toBe('image/webp');
    expect(sniffImageMime(AVIF)).toBe('image/avif');
    expect(sniffImageMime(AVIF_COMPAT)).toBe('image/avif');
  });

  it('calls nothing else an image: SVG, HTML, text, other ISO-BMFF brands, a truncated signature', () => {
    for (const b of [SVG, SVG_BOM, HTML, bytes('{"error":"x"}'), HEIC, PNG.subarray(0, 3), bytes('RIFF', [0, 0, 0, 0], 'WAVE'), new Uint8Array(0)]) {
      expect(sniffImageMime(b)).toBeUndefined();
    }
  });

  it('reads base64 by decoding its first bytes', () => {
    expect(sniffBase64Mime(bytesToBase64(AVIF))).toBe('image/avif');
    expect(sniffBase64Mime(bytesToBase64(PNG))).toBe('image/png');
    expect(sniffBase64Mime(bytesToBase64(SVG))).toBeUndefined();
    expect(sniffBase64Mime('not base64 at all!')).toBeUndefined();
  });

  it('does not trust a data URL: an SVG data URL keeps its claim only until the bytes are sniffed', () => {
    const img = imageFromString(`data:image/png;base64,${bytesToBase64(SVG)}`, 'image/png');
    expect(img?.type).toBe('base64');
    // The claim travels on; downloadImage sniffs the bytes and refuses them (see download-result-image.test.ts).
    expect(img && img.type === 'base64' && sniffImageMime(Uint8Array.from(atob(img.data), (c) => c.charCodeAt(0)))).toBeUndefined();
  });
});
