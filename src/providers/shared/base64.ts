/** Data-URL and base64 helpers. Pure; atob/btoa exist in browsers and in Node 20. */

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,/i;

/** The one data-URL parser: its type (lower case; text/plain when none), whether it is base64, and the payload as written. */
export function splitDataUrl(value: string): { mime: string; base64: boolean; payload: string } | undefined {
  const m = DATA_URL.exec(value);
  if (!m) return undefined;
  return { mime: (m[1] ?? '').toLowerCase() || 'text/plain', base64: !!m[3], payload: value.slice(m[0].length) };
}

export function isDataUrl(value: string): boolean {
  return DATA_URL.test(value);
}

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** The parts of a base64 data URL, or undefined when `value` is not one. */
export function parseDataUrl(value: string): { mime: string; data: string } | undefined {
  const parts = splitDataUrl(value);
  if (!parts?.base64) return undefined;
  return { mime: /^data:[;,]/i.test(value) ? 'application/octet-stream' : parts.mime, data: parts.payload };
}

/** Raw base64 from a data URL; any other string is returned unchanged. */
export function stripDataUrlPrefix(value: string): string {
  return parseDataUrl(value)?.data ?? value;
}

/** The image types a result may be kept as: raster formats that cannot carry script. */
export const KEPT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif'] as const;

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));

/**
 * The image type from the magic bytes (PNG, JPEG, GIF, WebP, AVIF), or undefined
 * for anything else — SVG, HTML and text included, whatever a header or a data URL claims.
 */
export function sniffImageMime(bytes: Uint8Array): string | undefined {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'image/png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  // ISO-BMFF: a `ftyp` box first, whose major or a compatible brand is `avif` (still) or `avis` (sequence).
  if (ascii(bytes, 4, 4) === 'ftyp') {
    const boxSize = ((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0;
    const end = Math.min(boxSize, bytes.length, 64);
    for (let at = 8; at + 4 <= end; at += 4) {
      if (at === 12) continue; // the minor version, not a brand
      const brand = ascii(bytes, at, 4);
      if (brand === 'avif' || brand === 'avis') return 'image/avif';
    }
  }
  return undefined;
}

/** The image type of base64 data, from its decoded first bytes (undefined when they are no kept image type). */
export function sniffBase64Mime(data: string): string | undefined {
  const head = data.replace(/\s+/g, '').slice(0, 88);
  try {
    return sniffImageMime(base64ToBytes(head.slice(0, head.length - (head.length % 4))));
  } catch {
    return undefined;
  }
}

/** Whether a string looks like a long base64 payload (not a URL, not prose). */
export function looksLikeBase64(value: string): boolean {
  const v = value.replace(/\s+/g, '');
  return v.length >= 16 && /^[A-Za-z0-9+/]+={0,2}$/.test(v);
}

/**
 * The engine's own base64 codec (Uint8Array.fromBase64 / toBase64: Chromium 140, Firefox 133,
 * Safari 18.2), where it has one: a result of a few megabytes decodes in milliseconds instead of
 * a main-thread loop over every byte (over 70 ms for a ModelsLab answer on a slow machine).
 */
const native = Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array };
const nativeTo = Uint8Array.prototype as unknown as { toBase64?: () => string };

export function bytesToBase64(bytes: Uint8Array): string {
  if (nativeTo.toBase64) return nativeTo.toBase64.call(bytes);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(data: string): Uint8Array {
  if (native.fromBase64) {
    try {
      return native.fromBase64(data); // skips whitespace, padding optional: as below
    } catch {
      // Not base64 by the native reading: the loop below says so the same way as before.
    }
  }
  const binary = atob(data.replace(/\s+/g, ''));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
