/**
 * The two entry points: `readImageMetadata` sniffs PNG/JPEG/WebP and turns whatever parameters
 * the image carries into one normalised `ReadResult`; `embedMetadata` writes infotext and this
 * app's JSON into a PNG, JPEG or WebP without touching the image data.
 */
import { parseComfyPrompt } from './comfyui';
import { infotextToParameters, parseInfotext } from './infotext';
import { readJpegMetadata, isJpeg, writeJpegMetadata } from './jpeg';
import type { ExifFields } from './exif';
import { OWN_METADATA_KEY, parseOwnMetadata } from './own-metadata';
import { isPng, readPngText, writePngText } from './png';
import type { PngTextToWrite } from './png';
import { parseInvokeAiLegacyMetadata, parseInvokeAiMetadata, parseNovelAiMetadata } from './tool-metadata';
import type { GenerationParameters, ImageFormat, MetadataSource, ReadResult } from './types';
import { readWebpMetadata, isWebp, writeWebpMetadata } from './webp';

/** The PNG keyword A1111 writes its infotext under. */
export const INFOTEXT_KEY = 'parameters';

export function sniffImageFormat(bytes: Uint8Array): ImageFormat {
  if (isPng(bytes)) return 'png';
  if (isJpeg(bytes)) return 'jpeg';
  if (isWebp(bytes)) return 'webp';
  return 'unknown';
}

function exifRaw(exif: ExifFields | undefined, raw: Record<string, string>): void {
  if (exif?.userComment) raw['UserComment'] = exif.userComment;
  if (exif?.imageDescription) raw['ImageDescription'] = exif.imageDescription;
}

async function collectRaw(bytes: Uint8Array, format: ImageFormat): Promise<Record<string, string>> {
  const raw: Record<string, string> = {};
  if (format === 'png') {
    for (const entry of await readPngText(bytes)) if (!(entry.keyword in raw)) raw[entry.keyword] = entry.text;
  } else if (format === 'jpeg') {
    const meta = readJpegMetadata(bytes);
    exifRaw(meta.exif, raw);
    if (meta.json !== undefined) raw[OWN_METADATA_KEY] = meta.json;
    if (meta.comments.length) raw['comment'] = meta.comments.join('\n');
  } else if (format === 'webp') {
    const meta = readWebpMetadata(bytes);
    exifRaw(meta.exif, raw);
    if (meta.json !== undefined) raw[OWN_METADATA_KEY] = meta.json;
  }
  return raw;
}

/** Infotext that has a parameter line (the web UI's test: at least three pairs on the last line). */
function infotextParameters(text: string | undefined): GenerationParameters | undefined {
  if (!text?.trim()) return undefined;
  const info = parseInfotext(text);
  return Object.keys(info.params).length ? infotextToParameters(info) : undefined;
}

/** NovelAI writes `Software: NovelAI`; without it, a `Comment` JSON with NovelAI's own field names. */
function looksLikeNovelAi(raw: Record<string, string>): boolean {
  if (raw['Software'] === 'NovelAI') return true;
  const comment = raw['Comment']?.trim() ?? '';
  return comment.startsWith('{') && /"(uc|v4_prompt|noise_schedule)"\s*:/.test(comment);
}

/** The normalised parameters and their source, from the text fields alone (any format). */
export function interpretMetadata(raw: Record<string, string>, warnings: string[] = []): Omit<ReadResult, 'format' | 'raw' | 'warnings'> {
  // A JPEG comment segment counts as infotext only when it has a parameter line.
  const comment = raw['comment'];
  const infotext = raw[INFOTEXT_KEY] ?? raw['UserComment'] ?? (infotextParameters(comment) ? comment : undefined);
  const ownJson = raw[OWN_METADATA_KEY];
  if (ownJson !== undefined) {
    const own = parseOwnMetadata(ownJson);
    if (own.ok) {
      const fromInfotext = infotextParameters(infotext) ?? (infotext?.trim() ? { prompt: infotext.trim() } : {});
      const seed = own.value.seed ?? fromInfotext.seed;
      return { source: 'image-api-playground', ...fromInfotext, ...(seed !== undefined ? { seed } : {}), own: own.value };
    }
    warnings.push(`This app's metadata could not be used: ${own.error}`);
  }
  const tryRead = (source: MetadataSource, p: GenerationParameters | undefined) => (p ? { source, ...p } : undefined);
  const candidates: [string, () => ReturnType<typeof tryRead>][] = [
    ['invokeai_metadata', () => tryRead('invokeai', parseInvokeAiMetadata(raw['invokeai_metadata'] ?? ''))],
    ['sd-metadata', () => tryRead('invokeai', parseInvokeAiLegacyMetadata(raw['sd-metadata'] ?? ''))],
    [INFOTEXT_KEY, () => tryRead('a1111', infotextParameters(infotext))],
    ['UserComment', () => tryRead('a1111', infotextParameters(infotext))],
    ['comment', () => tryRead('a1111', infotextParameters(infotext))],
    ['prompt', () => tryRead('comfyui', parseComfyPrompt(raw['prompt'] ?? ''))],
    ['Comment', () => (looksLikeNovelAi(raw)
      ? tryRead('novelai', parseNovelAiMetadata(raw['Comment'], raw['Description'], raw['Source']))
      : undefined)],
  ];
  for (const [key, read] of candidates) {
    if (raw[key] === undefined) continue;
    const result = read();
    if (result) return result;
    if (key === 'prompt') warnings.push('A ComfyUI graph was found but no sampler node in it.');
  }
  // Infotext without a parameter line is still a prompt (the web UI reads it so).
  if (infotext?.trim()) return { source: 'a1111', ...infotextToParameters(parseInfotext(infotext)) };
  return { source: 'none' };
}

/** Reads whatever generation parameters the image carries. Never throws: a damaged file gives `source: 'none'` and a warning. */
export async function readImageMetadata(bytes: Uint8Array): Promise<ReadResult> {
  const format = sniffImageFormat(bytes);
  const warnings: string[] = [];
  if (format === 'unknown') return { source: 'none', format, raw: {}, warnings: ['Not a PNG, JPEG or WebP image.'] };
  let raw: Record<string, string> = {};
  try {
    raw = await collectRaw(bytes, format);
  } catch (e) {
    warnings.push(`The file's metadata could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { ...interpretMetadata(raw, warnings), format, raw, warnings };
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
