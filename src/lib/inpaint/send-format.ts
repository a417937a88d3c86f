/**
 * Whether a picture can go to a provider as its own bytes, and in which format a scaled one goes.
 * Pure: the Worker (blob-ops.ts) decides with these, Node tests check them.
 */
import { readExif } from '../metadata/exif';
import { isJpeg, parseJpeg } from '../metadata/jpeg';

/** The types every provider with a size rule decodes (PNG, JPEG); WebP is not among the twins' formats. */
const AS_IS_TYPES = new Set(['image/png', 'image/jpeg']);

/** The EXIF orientation of a JPEG's first bytes (1 when it has none or it cannot be read). */
export function jpegOrientation(head: Uint8Array): number {
  if (!isJpeg(head)) return 1;
  let layout;
  try {
    layout = parseJpeg(head);
  } catch {
    // The head was cut before the scan: read what segments there are.
    return orientationFromSegments(head);
  }
  for (const s of layout.segments) {
    if (s.marker !== 0xe1) continue;
    try {
      const o = readExif(s.data).orientation;
      if (o) return o;
    } catch {
      // Not a readable EXIF block.
    }
  }
  return 1;
}

/** Walks the marker segments of a truncated JPEG head (APP1 comes first in camera files). */
function orientationFromSegments(bytes: Uint8Array): number {
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    if (end > bytes.length || length < 2) return 1;
    if (marker === 0xe1) {
      try {
        const o = readExif(bytes.subarray(at + 4, end)).orientation;
        if (o) return o;
      } catch {
        // Not EXIF (XMP): go on.
      }
    }
    at = end;
  }
  return 1;
}

/**
 * Whether the user's file can be sent as it is: a PNG, or a JPEG that a reader ignoring EXIF
 * orientation shows the right way up (providers decode the pixels, not the tag).
 */
export function sendableAsIs(type: string, head: Uint8Array): boolean {
  if (!AS_IS_TYPES.has(type)) return false;
  return type !== 'image/jpeg' || jpegOrientation(head) === 1;
}

/** How a scaled init image is encoded: JPEG (small, fast) when it has no transparency, else PNG. Masks are always PNG. */
export function initImageType(opaque: boolean): 'image/jpeg' | 'image/png' {
  return opaque ? 'image/jpeg' : 'image/png';
}

export const JPEG_QUALITY = 0.92;

/**
 * Whether an encoded picture is opaque by its header alone: a JPEG always; a PNG of grey or RGB
 * colour (type 0 or 2) with no tRNS chunk before its pixels. False when it may have alpha (the
 * pixels would have to be read to know).
 */
export function opaqueByHeader(head: Uint8Array): boolean {
  if (isJpeg(head)) return true;
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length < 33 || png.some((b, i) => head[i] !== b)) return false;
  const colorType = head[25]!;
  if (colorType !== 0 && colorType !== 2) return false;
  let at = 8;
  while (at + 8 <= head.length) {
    const length = ((head[at]! << 24) | (head[at + 1]! << 16) | (head[at + 2]! << 8) | head[at + 3]!) >>> 0;
    const type = String.fromCharCode(head[at + 4]!, head[at + 5]!, head[at + 6]!, head[at + 7]!);
    if (type === 'tRNS') return false;
    if (type === 'IDAT' || type === 'IEND') return true;
    at += 12 + length;
  }
  return false; // the head ends before the pixels: unknown
}

const PNG_COLOUR_CHUNKS = new Set(['iCCP', 'sRGB', 'gAMA', 'cHRM', 'cICP']);

/**
 * Whether a browser decodes these bytes to the same pixels with and without colour conversion:
 * a JPEG with no ICC profile (APP2 "ICC_PROFILE") before its scan, or a PNG with no colour chunk
 * before its pixels. Then a picture decoded for display (the probe) serves the stitch, which
 * reads the file's own values. False when unknown (the head ends first).
 */
export function decodesWithoutColourConversion(head: Uint8Array): boolean {
  if (isJpeg(head)) {
    let at = 2;
    while (at + 4 <= head.length && head[at] === 0xff) {
      const marker = head[at + 1]!;
      if (marker === 0xda) return true; // start of scan: no profile before it
      const length = (head[at + 2]! << 8) | head[at + 3]!;
      if (length < 2) return false;
      if (marker === 0xe2 && at + 15 <= head.length && String.fromCharCode(...head.subarray(at + 4, at + 15)) === 'ICC_PROFILE') return false;
      at += 2 + length;
    }
    return false;
  }
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length < 16 || png.some((b, i) => head[i] !== b)) return false;
  let at = 8;
  while (at + 8 <= head.length) {
    const length = ((head[at]! << 24) | (head[at + 1]! << 16) | (head[at + 2]! << 8) | head[at + 3]!) >>> 0;
    const type = String.fromCharCode(head[at + 4]!, head[at + 5]!, head[at + 6]!, head[at + 7]!);
    if (PNG_COLOUR_CHUNKS.has(type)) return false;
    if (type === 'IDAT') return true;
    at += 12 + length;
  }
  return false;
}
