/**
 * The two entry points: `readImageMetadata` sniffs PNG/JPEG/WebP and turns whatever parameters
 * the image carries into one normalised `ReadResult`; `embedMetadata` writes infotext and this
 * app's JSON into a PNG, JPEG or WebP without touching the image data.
 */
import { unpackCarriedTexts } from './carriers';
import { readJpegMetadata, isJpeg, writeJpegMetadata } from './jpeg';
import type { ExifFields } from './exif';
import { readExif } from './exif';
import { INFOTEXT_KEY, interpretMetadata } from './interpret';
import { DEFAULT_LIMITS } from './limits';
import type { ReadLimits } from './limits';
import { OWN_METADATA_KEY } from './own-metadata';
import { isPng, readPngMetadata, writePngText } from './png';
import type { PngTextToWrite } from './png';
import { readStealthInfo } from './stealth';
import type { ImageFormat, ReadResult } from './types';
import { readWebpMetadata, isWebp, writeWebpMetadata } from './webp';

export { INFOTEXT_KEY, interpretMetadata };

export function sniffImageFormat(bytes: Uint8Array): ImageFormat {
  if (isPng(bytes)) return 'png';
  if (isJpeg(bytes)) return 'jpeg';
  if (isWebp(bytes)) return 'webp';
  return 'unknown';
}

function exifRaw(exif: ExifFields | undefined, raw: Record<string, string>): void {
  if (exif?.userComment) raw['UserComment'] = exif.userComment;
  if (exif?.imageDescription) raw['ImageDescription'] = exif.imageDescription;
  if (exif?.make) raw['Make'] = exif.make;
  if (exif?.model) raw['Model'] = exif.model;
}

/** Text keys that carry generation parameters in a PNG. */
const PARAMETER_KEYS = [INFOTEXT_KEY, 'prompt', 'Comment', 'invokeai_metadata', 'sd-metadata', 'Dream', OWN_METADATA_KEY, 'UserComment'];

function collectRaw(bytes: Uint8Array, format: ImageFormat, limits: ReadLimits, warnings: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  if (format === 'png') {
    const png = readPngMetadata(bytes, limits);
    for (const entry of png.texts) if (!(entry.keyword in raw)) raw[entry.keyword] = entry.text;
    if (png.exif) exifRaw(readExif(png.exif), raw);
    unpackCarriedTexts(raw);
    warnings.push(...png.problems);
    if (!PARAMETER_KEYS.some((k) => k in raw)) {
      // Like the extension, hidden info is looked for only when no text chunk carries parameters.
      const stealth = readStealthInfo(bytes, limits.maxStealthPixels, limits.maxInflatedBytes);
      if (stealth) raw[`${INFOTEXT_KEY} (stealth ${stealth.mode})`] = stealth.text;
    }
  } else if (format === 'jpeg') {
    const meta = readJpegMetadata(bytes);
    exifRaw(meta.exif, raw);
    if (meta.json !== undefined) raw[OWN_METADATA_KEY] = meta.json;
    if (meta.comments.length) raw['comment'] = meta.comments.join('\n');
    unpackCarriedTexts(raw, meta.xmp);
  } else if (format === 'webp') {
    const meta = readWebpMetadata(bytes);
    exifRaw(meta.exif, raw);
    if (meta.json !== undefined) raw[OWN_METADATA_KEY] = meta.json;
    unpackCarriedTexts(raw, meta.xmp);
  }
  return raw;
}

/** Reads whatever generation parameters the image carries. Never throws: a damaged file gives `source: 'none'` and a warning. */
export async function readImageMetadata(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<ReadResult> {
  const format = sniffImageFormat(bytes);
  const warnings: string[] = [];
  if (format === 'unknown') return { source: 'none', format, raw: {}, warnings: ['Not a PNG, JPEG or WebP image.'] };
  let raw: Record<string, string> = {};
  try {
    raw = collectRaw(bytes, format, limits, warnings);
  } catch (e) {
    warnings.push(`The file's metadata could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { ...interpretMetadata(raw, warnings, limits), format, raw, warnings };
}

export interface EmbedInput {
  /** A1111 infotext (see `buildInfotext`). */
  infotext?: string;
  /** This app's JSON (the stringified `OwnMetadata`, see `buildOwnMetadata`). */
  json?: string;
}

/**
 * The image with `infotext` and `json` embedded (PNG: `tEXt`/`iTXt parameters` and `iTXt
 * image-api-playground`; JPEG: EXIF `UserComment` and XMP; WebP: `EXIF` and `XMP ` chunks in a
 * VP8X container), replacing what a previous call wrote. The image data is copied unchanged.
 * Throws on a format it does not know, a damaged file, or (JPEG) a JSON over 64 KB.
 */
export function embedMetadata(bytes: Uint8Array, input: EmbedInput): Uint8Array {
  const format = sniffImageFormat(bytes);
  if (format === 'png') {
    const entries: PngTextToWrite[] = [];
    if (input.infotext !== undefined) entries.push({ keyword: INFOTEXT_KEY, text: input.infotext });
    if (input.json !== undefined) entries.push({ keyword: OWN_METADATA_KEY, text: input.json, kind: 'iTXt' });
    return writePngText(bytes, entries);
  }
  if (format === 'jpeg') return writeJpegMetadata(bytes, input);
  if (format === 'webp') return writeWebpMetadata(bytes, input);
  throw new Error('Metadata can only be embedded in PNG, JPEG or WebP images');
}
