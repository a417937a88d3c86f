/**
 * JPEG marker segments: read and write an APP1 EXIF segment (infotext in `UserComment`) and an
 * APP1 XMP packet (this app's JSON). Everything from the start-of-scan marker on (the
 * entropy-coded data) is copied byte for byte.
 */
import { asciiAt, concatBytes, latin1Encode, readU16BE, startsWith, u16BE, utf8Decode, utf8Encode } from './bytes';
import { buildExif, readExif } from './exif';
import type { ExifFields } from './exif';
import { buildXmpPacket, readXmpJson } from './xmp';

const EXIF_HEADER = latin1Encode('Exif\0\0');
const XMP_HEADER = latin1Encode('http://ns.adobe.com/xap/1.0/\0');
const APP0 = 0xe0;
const APP1 = 0xe1;
const COM = 0xfe;
const SOS = 0xda;
const MAX_PAYLOAD = 0xffff - 2;

export interface JpegSegment {
  marker: number;
  /** The payload after the two length bytes (a view into the file). */
  data: Uint8Array;
  /** Marker, length and payload (a view into the file). */
  raw: Uint8Array;
}

export interface JpegLayout {
  /** The marker segments between SOI and SOS. */
  segments: JpegSegment[];
  /** From the SOS marker to the end of the file: the scan(s) and EOI, never rewritten. */
  scan: Uint8Array;
}

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function parseJpeg(bytes: Uint8Array): JpegLayout {
  if (!isJpeg(bytes)) throw new Error('Not a JPEG file');
  const segments: JpegSegment[] = [];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) throw new Error(`Expected a JPEG marker at byte ${at}`);
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === SOS) return { segments, scan: bytes.subarray(at) };
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // standalone marker
      continue;
    }
    const length = readU16BE(bytes, at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new Error('Truncated JPEG segment');
    segments.push({ marker, data: bytes.subarray(at + 4, end), raw: bytes.subarray(at, end) });
    at = end;
  }
  throw new Error('JPEG has no start-of-scan marker');
}

function isExifSegment(s: JpegSegment): boolean {
  return s.marker === APP1 && startsWith(s.data, EXIF_HEADER);
}

function isXmpSegment(s: JpegSegment): boolean {
  return s.marker === APP1 && startsWith(s.data, XMP_HEADER);
}

export function encodeSegment(marker: number, payload: Uint8Array): Uint8Array {
  if (payload.length > MAX_PAYLOAD) {
    throw new RangeError(`JPEG segment payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD}`);
  }
  return concatBytes([new Uint8Array([0xff, marker]), u16BE(payload.length + 2), payload]);
}

export interface JpegMetadata {
  exif?: ExifFields;
  /** The standard XMP packet, as text. */
  xmp?: string;
  /** This app's JSON, from the XMP packet. */
  json?: string;
  /** COM segments, decoded as UTF-8. */
  comments: string[];
}

export function readJpegMetadata(bytes: Uint8Array): JpegMetadata {
  const out: JpegMetadata = { comments: [] };
  for (const s of parseJpeg(bytes).segments) {
    if (isExifSegment(s) && !out.exif) out.exif = readExif(s.data.subarray(EXIF_HEADER.length));
    else if (isXmpSegment(s) && out.xmp === undefined) {
      out.xmp = utf8Decode(s.data.subarray(XMP_HEADER.length));
      out.json = readXmpJson(out.xmp);
    } else if (s.marker === COM) out.comments.push(utf8Decode(s.data));
  }
  return out;
}

export interface JpegMetadataToWrite {
  /** A1111 infotext, written as EXIF `UserComment`. */
  infotext?: string;
  /** This app's JSON, written in an XMP packet. */
  json?: string;
}

/**
 * The JPEG with a new EXIF segment (infotext; an existing EXIF's `Orientation` is carried over) and
 * a new XMP segment (JSON), each replacing the existing one, placed after SOI and any APP0 (JFIF).
 * Throws a RangeError when one does not fit in a 64 KB segment.
 */
export function writeJpegMetadata(bytes: Uint8Array, meta: JpegMetadataToWrite): Uint8Array {
  const { segments, scan } = parseJpeg(bytes);
  const oldExif = segments.find(isExifSegment);
  const fresh: Uint8Array[] = [];
  if (meta.infotext !== undefined) {
    const orientation = oldExif ? readExif(oldExif.data.subarray(EXIF_HEADER.length)).orientation : undefined;
    fresh.push(encodeSegment(APP1, concatBytes([EXIF_HEADER, buildExif(meta.infotext, orientation)])));
  }
  if (meta.json !== undefined) {
    fresh.push(encodeSegment(APP1, concatBytes([XMP_HEADER, utf8Encode(buildXmpPacket(meta.json))])));
  }
  const kept = segments.filter(
    (s) => !(meta.infotext !== undefined && isExifSegment(s)) && !(meta.json !== undefined && isXmpSegment(s)),
  );
  let insertAt = 0;
  while (insertAt < kept.length && kept[insertAt]?.marker === APP0) insertAt++;
  const parts = [new Uint8Array([0xff, 0xd8]), ...kept.slice(0, insertAt).map((s) => s.raw), ...fresh];
  parts.push(...kept.slice(insertAt).map((s) => s.raw), scan);
  return concatBytes(parts);
}

/** Debug aid: the segment markers in order, e.g. `['APP0', 'APP1 Exif', 'DQT', ...]`. */
export function describeJpegSegments(bytes: Uint8Array): string[] {
  return parseJpeg(bytes).segments.map((s) => {
    if (isExifSegment(s)) return 'APP1 Exif';
    if (isXmpSegment(s)) return 'APP1 XMP';
    if (s.marker >= 0xe0 && s.marker <= 0xef) return `APP${s.marker - 0xe0} ${asciiAt(s.data, 0, 4).replace(/\0.*$/, '')}`;
    return `FF${s.marker.toString(16).toUpperCase()}`;
  });
}
