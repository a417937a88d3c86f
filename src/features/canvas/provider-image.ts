/**
 * Per-provider image adapters: turn what the canvas produces (a PNG data URL, or an
 * http(s) URL kept as is when the browser cannot read its pixels) into what each
 * provider's JSON body expects. Pure string work, no DOM, no Konva: safe to import
 * from anywhere without pulling the canvas bundle in.
 */

const DATA_URL = /^data:([^,;]*)((?:;[^,;]*)*),(.*)$/s;

/** True for an absolute http(s) URL: the provider can fetch it itself. */
export function isRemoteImageUrl(value: string): boolean {
  return /^https?:\/\//i.test(value.trim());
}

export interface ParsedDataUrl {
  mime: string;
  /** The payload as base64, whatever encoding the data URL used. */
  base64: string;
}

function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Parses a `data:` URL; throws a plain-words error for anything else. */
export function parseDataUrl(dataUrl: string): ParsedDataUrl {
  const match = DATA_URL.exec(dataUrl.trim());
  if (!match) throw new Error('Expected a data: URL or an http(s) URL for the image.');
  const mime = (match[1] || 'text/plain').toLowerCase();
  const params = (match[2] ?? '').toLowerCase().split(';');
  const payload = match[3] ?? '';
  const base64 = params.includes('base64')
    ? payload.replace(/\s+/g, '')
    : utf8ToBase64(decodeURIComponent(payload));
  return { mime, base64 };
}

function toRawBase64OrUrl(value: string, provider: string): string {
  if (isRemoteImageUrl(value)) return value.trim();
  const { mime, base64 } = parseDataUrl(value);
  if (!mime.startsWith('image/')) throw new Error(`${provider} needs an image, got ${mime}.`);
  if (base64.length === 0) throw new Error(`${provider} needs an image, got an empty data URL.`);
  return base64;
}

/**
 * ModelsLab `init_image` / `mask_image`: raw base64 (no `data:` prefix), sent together with
 * `base64: "yes"`; an http(s) URL passes through unchanged (then send `base64: "no"`, see
 * `isRemoteImageUrl`).
 */
export function toModelsLabImage(dataUrlOrUrl: string): string {
  return toRawBase64OrUrl(dataUrlOrUrl, 'ModelsLab');
}

/** Segmind `image` / `mask`: raw base64 without the `data:` prefix; an http(s) URL passes through. */
export function toSegmindImage(dataUrlOrUrl: string): string {
  return toRawBase64OrUrl(dataUrlOrUrl, 'Segmind');
}
