/**
 * A1111 "stealth" PNG info (the stealth-pnginfo extension): infotext hidden in the low bit of
 * each pixel's alpha (or of R, G and B), read column by column (x outer, y inner): a 15-byte
 * signature (`stealth_pnginfo`/`stealth_pngcomp` in alpha, `stealth_rgbinfo`/`stealth_rgbcomp`
 * in RGB; `comp` means gzip), a 32-bit length in bits, then the UTF-8 text.
 */
import { inflateZlibLimited, latin1Decode, utf8Decode } from './bytes';
import { decodePngPixels } from './png-pixels';
import type { PngPixels } from './png-pixels';

const SIGNATURE_BITS = 15 * 8;

type BitReader = { length: number; bit(i: number): number };

function alphaBits(p: PngPixels): BitReader {
  return {
    length: p.width * p.height,
    bit: (i) => (p.data[((i % p.height) * p.width + Math.floor(i / p.height)) * 4 + 3] ?? 0) & 1,
  };
}

function rgbBits(p: PngPixels): BitReader {
  return {
    length: p.width * p.height * 3,
    bit: (i) => {
      const pixel = Math.floor(i / 3);
      return (p.data[((pixel % p.height) * p.width + Math.floor(pixel / p.height)) * p.channels + (i % 3)] ?? 0) & 1;
    },
  };
}

function readBytes(r: BitReader, fromBit: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let b = 0; b < count; b++) {
    let v = 0;
    for (let k = 0; k < 8; k++) v = (v << 1) | r.bit(fromBit + b * 8 + k);
    out[b] = v;
  }
  return out;
}

function startsWithSignature(r: BitReader, prefix: string): boolean {
  return r.length >= SIGNATURE_BITS && latin1Decode(readBytes(r, 0, prefix.length)) === prefix;
}

export interface StealthInfo {
  text: string;
  mode: 'alpha' | 'rgb';
}

function read(r: BitReader, signatures: [string, string], maxBytes: number): string | undefined {
  if (r.length < SIGNATURE_BITS + 32) return undefined;
  const sig = latin1Decode(readBytes(r, 0, 15));
  if (sig !== signatures[0] && sig !== signatures[1]) return undefined;
  const lengthBytes = readBytes(r, SIGNATURE_BITS, 4);
  const bits = (((lengthBytes[0] ?? 0) << 24) >>> 0) + (((lengthBytes[1] ?? 0) << 16) | ((lengthBytes[2] ?? 0) << 8) | (lengthBytes[3] ?? 0));
  if (bits % 8 !== 0 || SIGNATURE_BITS + 32 + bits > r.length) return undefined;
  const data = readBytes(r, SIGNATURE_BITS + 32, bits / 8);
  return utf8Decode(sig === signatures[1] ? inflateZlibLimited(data, maxBytes, 'gzip') : data);
}

/** The hidden infotext, or undefined when the PNG carries none (or has a layout that cannot). */
export function readStealthInfo(bytes: Uint8Array, maxPixels: number, maxBytes: number): StealthInfo | undefined {
  // The signatures lie in the first 120 rows of the first column: decode those rows first.
  const head = decodePngPixels(bytes, maxPixels, SIGNATURE_BITS);
  if (!head) return undefined;
  const signed = (head.channels === 4 && startsWithSignature(alphaBits(head), 'stealth_png')) || startsWithSignature(rgbBits(head), 'stealth_rgb');
  if (!signed) return undefined;
  const pixels = decodePngPixels(bytes, maxPixels);
  if (!pixels) return undefined;
  if (pixels.channels === 4) {
    const text = read(alphaBits(pixels), ['stealth_pnginfo', 'stealth_pngcomp'], maxBytes);
    if (text !== undefined) return { text, mode: 'alpha' };
  }
  const text = read(rgbBits(pixels), ['stealth_rgbinfo', 'stealth_rgbcomp'], maxBytes);
  return text === undefined ? undefined : { text, mode: 'rgb' };
}
