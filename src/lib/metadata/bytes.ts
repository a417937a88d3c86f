/** Byte helpers shared by the PNG, JPEG, WebP and EXIF code: text codecs, CRC-32, integers, inflate. */
import { Gunzip, Unzlib } from 'fflate';
import { LimitError, formatBytes } from './limits';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

export function utf8Encode(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function utf8Decode(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** True when every code point fits in one Latin-1 byte (what a PNG `tEXt` chunk can hold). */
export function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

export function latin1Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new RangeError(`Character U+${c.toString(16)} is not Latin-1`);
    out[i] = c;
  }
  return out;
}

const windows1252Decoder = new TextDecoder('windows-1252');

/** Whether any byte is 0x80 or above, and whether any lies in 0x80–0x9F (where windows-1252 differs from Latin-1). */
function highBytes(bytes: Uint8Array): { high: boolean; c1: boolean } {
  let high = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80) {
      high = true;
      if (b < 0xa0) return { high, c1: true };
    }
  }
  return { high, c1: false };
}

/** Latin-1 bytes to text: the platform decoders where they agree with Latin-1 (fast on megabytes), else byte by byte. */
export function latin1Decode(bytes: Uint8Array): string {
  const { high, c1 } = highBytes(bytes);
  if (!high) return utf8Decoder.decode(bytes);
  if (!c1) return windows1252Decoder.decode(bytes);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x2000) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x2000)));
  }
  return parts.join('');
}

export function asciiAt(bytes: Uint8Array, offset: number, length: number): string {
  return latin1Decode(bytes.subarray(offset, offset + length));
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function startsWith(bytes: Uint8Array, prefix: Uint8Array, offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
  return true;
}

export function readU32BE(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) * 0x1000000 + (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0))) >>> 0;
}

export function readU32LE(b: Uint8Array, at: number): number {
  return readU32BE(new Uint8Array([b[at + 3] ?? 0, b[at + 2] ?? 0, b[at + 1] ?? 0, b[at] ?? 0]), 0);
}

export function readU16BE(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

export function u32BE(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
}

export function u32LE(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]);
}

export function u16BE(n: number): Uint8Array {
  return new Uint8Array([(n >>> 8) & 0xff, n & 0xff]);
}

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32 (ISO 3309, as PNG uses) over the concatenation of `parts`. */
export function crc32(...parts: Uint8Array[]): number {
  const t = table();
  let c = 0xffffffff;
  for (const p of parts) for (let i = 0; i < p.length; i++) c = (t[(c ^ (p[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Inflates zlib-wrapped (or gzip-wrapped) deflate data (PNG `zTXt`/`iTXt`/`IDAT`), counting the output while it
 * inflates: past `maxBytes` it stops and throws a LimitError, so a small bomb never grows into
 * gigabytes. The input is fed in 16 KB pieces (deflate expands at most ~1032:1, so one piece
 * yields at most ~17 MB before the count is checked). With `truncate`, the first `maxBytes` come
 * back instead of an error (a reader that needs only the start).
 */
export function inflateZlibLimited(data: Uint8Array, maxBytes: number, wrapper: 'zlib' | 'gzip' = 'zlib', truncate = false): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const Stream = wrapper === 'gzip' ? Gunzip : Unzlib;
  const stream = new Stream((chunk) => {
    total += chunk.length;
    if (total > maxBytes) {
      over = true;
      if (truncate) parts.push(chunk.subarray(0, chunk.length - (total - maxBytes)));
    } else parts.push(chunk);
  });
  const PIECE = 16 * 1024;
  for (let at = 0; at < data.length && !over; at += PIECE) {
    const end = Math.min(data.length, at + PIECE);
    stream.push(data.subarray(at, end), end === data.length);
  }
  if (over && !truncate) throw new LimitError(`it inflates past ${formatBytes(maxBytes)}`);
  return concatBytes(parts);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A `tEXt`/`zTXt` body: Latin-1 by the PNG spec, but tools (Stability Matrix, some ComfyUI
 * savers) write UTF-8 there. Bytes that are valid UTF-8 and not plain ASCII are read as UTF-8.
 */
export function decodePngText(bytes: Uint8Array): string {
  if (!highBytes(bytes).high) return latin1Decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return latin1Decode(bytes);
  }
}
