/**
 * A minimal EXIF (TIFF) writer and reader for what parameters need: the Exif IFD's `UserComment`
 * (how AUTOMATIC1111 stores infotext in JPEG and WebP: an 8-byte `UNICODE\0` charset header, then
 * UTF-16, as piexif writes it) and IFD0's `Orientation`, kept when an EXIF block is replaced.
 */
import { concatBytes, latin1Decode, readU32BE, readU32LE, startsWith, u16BE, u32BE, utf8Decode } from './bytes';

const TAG_IMAGE_DESCRIPTION = 0x010e;
const TAG_MAKE = 0x010f;
const TAG_MODEL = 0x0110;
const TAG_ORIENTATION = 0x0112;
const TAG_EXIF_IFD = 0x8769;
const TAG_USER_COMMENT = 0x9286;

const UNICODE_PREFIX = new Uint8Array([0x55, 0x4e, 0x49, 0x43, 0x4f, 0x44, 0x45, 0x00]);
const ASCII_PREFIX = new Uint8Array([0x41, 0x53, 0x43, 0x49, 0x49, 0x00, 0x00, 0x00]);

/** `UNICODE\0` + the text in UTF-16 big-endian (piexif's `UserComment.dump(..., encoding="unicode")`). */
export function encodeUserComment(text: string): Uint8Array {
  const out = new Uint8Array(8 + text.length * 2);
  out.set(UNICODE_PREFIX, 0);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[8 + 2 * i] = c >> 8;
    out[9 + 2 * i] = c & 0xff;
  }
  return out;
}

function utf16(bytes: Uint8Array, littleEndian: boolean): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const hi = littleEndian ? bytes[i + 1] : bytes[i];
    const lo = littleEndian ? bytes[i] : bytes[i + 1];
    s += String.fromCharCode(((hi ?? 0) << 8) | (lo ?? 0));
  }
  return s;
}

/**
 * Decodes a `UserComment` value. UTF-16 byte order is guessed from the zero bytes (piexif writes
 * big-endian whatever the TIFF order; some writers follow the TIFF order), falling back to
 * `tiffLittleEndian`. Trailing NULs are dropped.
 */
export function decodeUserComment(value: Uint8Array, tiffLittleEndian = false): string {
  const body = value.subarray(8);
  let text: string;
  if (startsWith(value, UNICODE_PREFIX)) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i + 1 < body.length; i += 2) {
      if (body[i] === 0) evenZeros++;
      if (body[i + 1] === 0) oddZeros++;
    }
    const littleEndian = evenZeros === oddZeros ? tiffLittleEndian : oddZeros > evenZeros;
    text = utf16(body, littleEndian);
  } else if (startsWith(value, ASCII_PREFIX)) {
    text = latin1Decode(body);
  } else if (value.length >= 8 && value.subarray(0, 8).every((b) => b === 0)) {
    text = utf8Decode(body);
  } else {
    text = utf8Decode(value);
  }
  return text.replace(/\0+$/, '');
}

export interface ExifFields {
  userComment?: string;
  imageDescription?: string;
  /** IFD0 `Make` and `Model`: where ComfyUI's WebP/JPEG savers put `workflow:{…}` and `prompt:{…}`. */
  make?: string;
  model?: string;
  orientation?: number;
}

/**
 * A big-endian TIFF block (no `Exif\0\0` header) with IFD0 (`Orientation` if given, the Exif IFD
 * pointer) and an Exif IFD holding `UserComment`.
 */
export function buildExif(userComment: string, orientation?: number): Uint8Array {
  const comment = encodeUserComment(userComment);
  const ifd0Count = orientation === undefined ? 1 : 2;
  const ifd0Size = 2 + 12 * ifd0Count + 4;
  const exifIfdAt = 8 + ifd0Size;
  const commentAt = exifIfdAt + 2 + 12 + 4;
  const entry = (tag: number, type: number, count: number, value: Uint8Array) =>
    concatBytes([u16BE(tag), u16BE(type), u32BE(count), value]);
  const ifd0: Uint8Array[] = [u16BE(ifd0Count)];
  if (orientation !== undefined) ifd0.push(entry(TAG_ORIENTATION, 3, 1, concatBytes([u16BE(orientation), u16BE(0)])));
  ifd0.push(entry(TAG_EXIF_IFD, 4, 1, u32BE(exifIfdAt)), u32BE(0));
  const exifIfd = [u16BE(1), entry(TAG_USER_COMMENT, 7, comment.length, u32BE(commentAt)), u32BE(0)];
  const header = new Uint8Array([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]);
  return concatBytes([header, ...ifd0, ...exifIfd, comment]);
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };

interface IfdEntry {
  type: number;
  count: number;
  /** The value's bytes (inline or at its offset). */
  value: Uint8Array;
}

function readIfd(tiff: Uint8Array, at: number, le: boolean): Map<number, IfdEntry> {
  const u16 = (o: number) => (le ? (tiff[o] ?? 0) | ((tiff[o + 1] ?? 0) << 8) : ((tiff[o] ?? 0) << 8) | (tiff[o + 1] ?? 0));
  const u32 = (o: number) => (le ? readU32LE(tiff, o) : readU32BE(tiff, o));
  const entries = new Map<number, IfdEntry>();
  if (at + 2 > tiff.length) return entries;
  const n = u16(at);
  for (let i = 0; i < n; i++) {
    const e = at + 2 + 12 * i;
    if (e + 12 > tiff.length) break;
    const type = u16(e + 2);
    const count = u32(e + 4);
    const size = (TYPE_SIZES[type] ?? 1) * count;
    const start = size <= 4 ? e + 8 : u32(e + 8);
    if (start + size > tiff.length) continue;
    entries.set(u16(e), { type, count, value: tiff.subarray(start, start + size) });
  }
  return entries;
}

/** Reads `UserComment`, `ImageDescription`, `Make`, `Model` and `Orientation` from a TIFF block (an `Exif\0\0` header is skipped). */
export function readExif(block: Uint8Array): ExifFields {
  const tiff = startsWith(block, new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0])) ? block.subarray(6) : block;
  const le = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!le && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return {};
  const u32 = (o: number) => (le ? readU32LE(tiff, o) : readU32BE(tiff, o));
  const ifd0 = readIfd(tiff, u32(4), le);
  const out: ExifFields = {};
  const orientation = ifd0.get(TAG_ORIENTATION);
  if (orientation && orientation.type === 3) {
    const v = orientation.value;
    out.orientation = le ? (v[0] ?? 0) | ((v[1] ?? 0) << 8) : ((v[0] ?? 0) << 8) | (v[1] ?? 0);
  }
  const description = ifd0.get(TAG_IMAGE_DESCRIPTION);
  if (description) out.imageDescription = utf8Decode(description.value).replace(/\0+$/, '');
  const make = ifd0.get(TAG_MAKE);
  if (make) out.make = utf8Decode(make.value).replace(/\0+$/, '');
  const model = ifd0.get(TAG_MODEL);
  if (model) out.model = utf8Decode(model.value).replace(/\0+$/, '');
  const pointer = ifd0.get(TAG_EXIF_IFD);
  if (pointer && pointer.value.length >= 4) {
    const exifIfd = readIfd(tiff, le ? readU32LE(pointer.value, 0) : readU32BE(pointer.value, 0), le);
    const comment = exifIfd.get(TAG_USER_COMMENT);
    if (comment) out.userComment = decodeUserComment(comment.value, le);
  }
  return out;
}
