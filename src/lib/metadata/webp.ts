/**
 * WebP (RIFF) chunks: EXIF (infotext in `UserComment`) and XMP (this app's JSON) in an extended
 * (`VP8X`) container. A simple `VP8 `/`VP8L` file is converted to `VP8X` (canvas size and alpha
 * read from its bitstream header); the image chunks are copied byte for byte.
 */
import { asciiAt, concatBytes, latin1Encode, readU32LE, u32LE, utf8Decode, utf8Encode } from './bytes';
import { buildExif, readExif } from './exif';
import type { ExifFields } from './exif';
import { buildXmpPacket, readXmpJson } from './xmp';

export const VP8X_FLAGS = { icc: 0x20, alpha: 0x10, exif: 0x08, xmp: 0x04, animation: 0x02 } as const;

export interface RiffChunk {
  fourcc: string;
  data: Uint8Array;
}

export function isWebp(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && asciiAt(bytes, 0, 4) === 'RIFF' && asciiAt(bytes, 8, 4) === 'WEBP';
}

export function parseWebpChunks(bytes: Uint8Array): RiffChunk[] {
  if (!isWebp(bytes)) throw new Error('Not a WebP file');
  const end = Math.min(bytes.length, 8 + readU32LE(bytes, 4));
  const chunks: RiffChunk[] = [];
  let at = 12;
  while (at + 8 <= end) {
    const size = readU32LE(bytes, at + 4);
    if (at + 8 + size > end) throw new Error('Truncated WebP chunk');
    chunks.push({ fourcc: asciiAt(bytes, at, 4), data: bytes.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size & 1);
  }
  return chunks;
}

export function encodeRiffChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const parts = [latin1Encode(fourcc), u32LE(data.length), data];
  if (data.length & 1) parts.push(new Uint8Array([0]));
  return concatBytes(parts);
}

export function buildWebp(chunks: readonly RiffChunk[]): Uint8Array {
  const body = concatBytes(chunks.map((c) => encodeRiffChunk(c.fourcc, c.data)));
  return concatBytes([latin1Encode('RIFF'), u32LE(4 + body.length), latin1Encode('WEBP'), body]);
}

export interface WebpCanvas {
  width: number;
  height: number;
  alpha: boolean;
}

/** Canvas size and alpha of a simple file, from its `VP8 ` or `VP8L` bitstream header. */
export function simpleWebpCanvas(image: RiffChunk): WebpCanvas {
  const d = image.data;
  if (image.fourcc === 'VP8 ') {
    if (d[3] !== 0x9d || d[4] !== 0x01 || d[5] !== 0x2a) throw new Error('Bad VP8 start code');
    return {
      width: ((d[6] ?? 0) | ((d[7] ?? 0) << 8)) & 0x3fff,
      height: ((d[8] ?? 0) | ((d[9] ?? 0) << 8)) & 0x3fff,
      alpha: false,
    };
  }
  if (image.fourcc === 'VP8L') {
    if (d[0] !== 0x2f) throw new Error('Bad VP8L signature');
    const bits = readU32LE(d, 1);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
  }
  throw new Error(`Unknown WebP image chunk "${image.fourcc}"`);
}

function vp8xChunk(flags: number, canvas: { width: number; height: number }): RiffChunk {
  const w = canvas.width - 1;
  const h = canvas.height - 1;
  const data = new Uint8Array([flags, 0, 0, 0, w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff]);
  return { fourcc: 'VP8X', data };
}

export interface WebpMetadata {
  exif?: ExifFields;
  xmp?: string;
  json?: string;
}

export function readWebpMetadata(bytes: Uint8Array): WebpMetadata {
  const out: WebpMetadata = {};
  for (const c of parseWebpChunks(bytes)) {
    if (c.fourcc === 'EXIF' && !out.exif) out.exif = readExif(c.data);
    if (c.fourcc === 'XMP ' && out.xmp === undefined) {
      out.xmp = utf8Decode(c.data);
      out.json = readXmpJson(out.xmp);
    }
  }
  return out;
}

export interface WebpMetadataToWrite {
  infotext?: string;
  json?: string;
}

/**
 * The WebP as a `VP8X` file with a new `EXIF` chunk (infotext) and a new `XMP ` chunk (JSON), each
 * replacing the existing one (an existing EXIF's `Orientation` is kept), and the flags set.
 */
export function writeWebpMetadata(bytes: Uint8Array, meta: WebpMetadataToWrite): Uint8Array {
  let chunks = parseWebpChunks(bytes);
  const first = chunks[0];
  if (!first) throw new Error('WebP has no chunks');
  if (first.fourcc !== 'VP8X') {
    const canvas = simpleWebpCanvas(first);
    chunks = [vp8xChunk(canvas.alpha ? VP8X_FLAGS.alpha : 0, canvas), ...chunks];
  }
  const oldExif = chunks.find((c) => c.fourcc === 'EXIF');
  if (meta.infotext !== undefined) {
    const orientation = oldExif ? readExif(oldExif.data).orientation : undefined;
    chunks = [...chunks.filter((c) => c.fourcc !== 'EXIF'), { fourcc: 'EXIF', data: buildExif(meta.infotext, orientation) }];
  }
  if (meta.json !== undefined) {
    const xmp = { fourcc: 'XMP ', data: utf8Encode(buildXmpPacket(meta.json)) };
    chunks = [...chunks.filter((c) => c.fourcc !== 'XMP '), xmp];
  }
  // EXIF comes before XMP (the container spec's order).
  const exif = chunks.filter((c) => c.fourcc === 'EXIF');
  const xmp = chunks.filter((c) => c.fourcc === 'XMP ');
  chunks = [...chunks.filter((c) => c.fourcc !== 'EXIF' && c.fourcc !== 'XMP '), ...exif, ...xmp];
  const header = chunks[0] as RiffChunk;
  const data = header.data.slice();
  data[0] = ((data[0] ?? 0) & ~(VP8X_FLAGS.exif | VP8X_FLAGS.xmp)) | (exif.length ? VP8X_FLAGS.exif : 0) | (xmp.length ? VP8X_FLAGS.xmp : 0);
  chunks[0] = { fourcc: 'VP8X', data };
  return buildWebp(chunks);
}
