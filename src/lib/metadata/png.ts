/**
 * PNG chunks: read every text chunk (`tEXt`, `zTXt`, `iTXt`, compressed or not) and write text
 * chunks before the first `IDAT`, replacing chunks of the same keywords. Every other chunk is
 * copied byte for byte, so the image data is untouched.
 */
import {
  asciiAt,
  concatBytes,
  crc32,
  decodePngText,
  inflateZlibLimited,
  isLatin1,
  latin1Decode,
  latin1Encode,
  readU32BE,
  startsWith,
  u32BE,
  utf8Decode,
  utf8Encode,
} from './bytes';
import { DEFAULT_LIMITS, LimitError, formatBytes } from './limits';
import type { ReadLimits } from './limits';

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngChunk {
  type: string;
  /** The chunk's data (a view into the file). */
  data: Uint8Array;
  /** The whole chunk: length, type, data and CRC (a view into the file). */
  raw: Uint8Array;
}

export type PngTextKind = 'tEXt' | 'zTXt' | 'iTXt';

export interface PngTextEntry {
  keyword: string;
  text: string;
  kind: PngTextKind;
  compressed: boolean;
  /** `iTXt` only. */
  languageTag?: string;
  translatedKeyword?: string;
}

export function isPng(bytes: Uint8Array): boolean {
  return startsWith(bytes, PNG_SIGNATURE);
}

/**
 * The chunks up to and including `IEND`; throws on a bad signature, and on a truncated file unless
 * `lenient` (then the whole chunks before the cut are returned). CRCs are not checked.
 */
export function parsePngChunks(bytes: Uint8Array, lenient = false): PngChunk[] {
  if (!isPng(bytes)) throw new Error('Not a PNG file');
  const chunks: PngChunk[] = [];
  let at = PNG_SIGNATURE.length;
  while (at + 12 <= bytes.length) {
    const length = readU32BE(bytes, at);
    const end = at + 12 + length;
    if (end > bytes.length) {
      if (lenient) return chunks;
      throw new Error('Truncated PNG chunk');
    }
    const type = asciiAt(bytes, at + 4, 4);
    chunks.push({ type, data: bytes.subarray(at + 8, at + 8 + length), raw: bytes.subarray(at, end) });
    at = end;
    if (type === 'IEND') return chunks;
  }
  if (lenient) return chunks;
  throw new Error('PNG has no IEND chunk');
}

/** One chunk with its length and CRC. */
export function encodePngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = latin1Encode(type);
  if (typeBytes.length !== 4) throw new Error(`Bad chunk type "${type}"`);
  return concatBytes([u32BE(data.length), typeBytes, data, u32BE(crc32(typeBytes, data))]);
}

function checkKeyword(keyword: string): Uint8Array {
  if (keyword.length < 1 || keyword.length > 79 || !isLatin1(keyword) || keyword.includes('\0') || keyword.trim() !== keyword) {
    throw new Error(`Bad PNG text keyword "${keyword}"`);
  }
  return latin1Encode(keyword);
}

/** A `tEXt` chunk (Latin-1 text). */
export function textChunk(keyword: string, text: string): Uint8Array {
  return encodePngChunk('tEXt', concatBytes([checkKeyword(keyword), new Uint8Array([0]), latin1Encode(text)]));
}

/** An uncompressed `iTXt` chunk (UTF-8 text, no language tag). */
export function itxtChunk(keyword: string, text: string): Uint8Array {
  const head = concatBytes([checkKeyword(keyword), new Uint8Array([0, 0, 0, 0, 0])]);
  return encodePngChunk('iTXt', concatBytes([head, utf8Encode(text)]));
}

function nul(data: Uint8Array, from: number): number {
  const i = data.indexOf(0, from);
  if (i < 0) throw new Error('Missing NUL separator');
  return i;
}

function decodeTextChunk(chunk: PngChunk, limits: ReadLimits): PngTextEntry {
  const d = chunk.data;
  const k = nul(d, 0);
  const keyword = latin1Decode(d.subarray(0, k));
  /** Checked before decoding: a text's bytes bound its length (one byte per Latin-1 character, one or more in UTF-8). */
  const sized = (body: Uint8Array) => {
    if (body.length > limits.maxTextChars) throw new LimitError(`The text "${keyword}" was not read: it is over ${formatBytes(limits.maxTextChars)}`);
    return body;
  };
  const inflateSized = (body: Uint8Array) => sized(inflate(body));
  const inflate = (body: Uint8Array) => {
    try {
      // A text longer than maxTextChars is refused anyway: inflating further would only cost time.
      return inflateZlibLimited(body, Math.min(limits.maxInflatedBytes, limits.maxTextChars));
    } catch (e) {
      throw e instanceof LimitError ? new LimitError(`The text "${keyword}" was not read: ${e.message}`) : e;
    }
  };
  if (chunk.type === 'tEXt') return { keyword, text: decodePngText(sized(d.subarray(k + 1))), kind: 'tEXt', compressed: false };
  if (chunk.type === 'zTXt') {
    if (d[k + 1] !== 0) throw new Error('Unknown zTXt compression method');
    const text = decodePngText(inflateSized(d.subarray(k + 2)));
    return { keyword, text, kind: 'zTXt', compressed: true };
  }
  const compressed = d[k + 1] === 1;
  if (compressed && d[k + 2] !== 0) throw new Error('Unknown iTXt compression method');
  const l = nul(d, k + 3);
  const t = nul(d, l + 1);
  const body = d.subarray(t + 1);
  return {
    keyword,
    text: utf8Decode(compressed ? inflateSized(body) : sized(body)),
    kind: 'iTXt',
    compressed,
    languageTag: latin1Decode(d.subarray(k + 3, l)),
    translatedKeyword: utf8Decode(d.subarray(l + 1, t)),
  };
}

const TEXT_TYPES = new Set(['tEXt', 'zTXt', 'iTXt']);

export interface PngMetadata {
  texts: PngTextEntry[];
  /** The `eXIf` chunk's TIFF block, when there is one. */
  exif?: Uint8Array;
  /** Texts skipped for a limit (too long, inflating too far, too many chunks). */
  problems: string[];
}

/**
 * Every readable text chunk, in file order, and the `eXIf` block; a malformed or undecodable
 * chunk is skipped, a truncated file gives what came before the cut, and a text over a limit is
 * skipped with the reason in `problems`.
 */
export function readPngMetadata(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): PngMetadata {
  const out: PngMetadata = { texts: [], problems: [] };
  let seen = 0;
  for (const chunk of parsePngChunks(bytes, true)) {
    if (chunk.type === 'eXIf' && !out.exif) out.exif = chunk.data;
    if (!TEXT_TYPES.has(chunk.type)) continue;
    if (++seen > limits.maxTextChunks) {
      out.problems.push(`Only the first ${limits.maxTextChunks} text chunks were read.`);
      break;
    }
    try {
      out.texts.push(decodeTextChunk(chunk, limits));
    } catch (e) {
      // A damaged text chunk must not hide the others; one over a limit is named.
      if (e instanceof LimitError) out.problems.push(`${e.message}.`);
    }
  }
  return out;
}

/** The text chunks alone (see `readPngMetadata`). */
export async function readPngText(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<PngTextEntry[]> {
  return readPngMetadata(bytes, limits).texts;
}

export interface PngTextToWrite {
  keyword: string;
  text: string;
  /** `auto` (default): `tEXt` when the text is Latin-1, else `iTXt`. */
  kind?: 'auto' | 'iTXt';
}

function keywordOf(chunk: PngChunk): string | undefined {
  if (!TEXT_TYPES.has(chunk.type)) return undefined;
  const k = chunk.data.indexOf(0);
  return k < 0 ? undefined : latin1Decode(chunk.data.subarray(0, k));
}

/**
 * The PNG with `entries` written as text chunks just before the first `IDAT`; any existing text
 * chunk (of any of the three kinds) with one of those keywords is removed. Other chunks are kept
 * byte for byte, in order.
 */
export function writePngText(bytes: Uint8Array, entries: readonly PngTextToWrite[]): Uint8Array {
  const chunks = parsePngChunks(bytes);
  const replaced = new Set(entries.map((e) => e.keyword));
  const fresh = entries.map((e) =>
    e.kind !== 'iTXt' && isLatin1(e.text) ? textChunk(e.keyword, e.text) : itxtChunk(e.keyword, e.text),
  );
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  let inserted = false;
  for (const chunk of chunks) {
    const keyword = keywordOf(chunk);
    if (keyword !== undefined && replaced.has(keyword)) continue;
    if (chunk.type === 'IDAT' && !inserted) {
      parts.push(...fresh);
      inserted = true;
    }
    parts.push(chunk.raw);
  }
  if (!inserted) throw new Error('PNG has no IDAT chunk');
  return concatBytes(parts);
}
