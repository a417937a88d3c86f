/** Data-URL and base64 helpers. Pure; atob/btoa exist in browsers and in Node 20. */

const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*?)(;base64)?,/i;

export function isDataUrl(value: string): boolean {
  return DATA_URL.test(value);
}

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** The parts of a base64 data URL, or undefined when `value` is not one. */
export function parseDataUrl(value: string): { mime: string; data: string } | undefined {
  const m = DATA_URL.exec(value);
  if (!m || !m[3]) return undefined;
  return { mime: (m[1] ?? '').toLowerCase() || 'application/octet-stream', data: value.slice(m[0].length) };
}

/** Raw base64 from a data URL; any other string is returned unchanged. */
export function stripDataUrlPrefix(value: string): string {
  return parseDataUrl(value)?.data ?? value;
}

/** The image type from the first bytes, or undefined when it is no known image format. */
export function sniffImageMime(bytes: Uint8Array): string | undefined {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'image/png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x38) return 'image/gif';
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) {
    return 'image/webp';
  }
  return undefined;
}

/** The image type of base64 data, from its first characters (`/9j/` is JPEG, `iVBOR` PNG...). */
export function sniffBase64Mime(data: string): string | undefined {
  if (data.startsWith('/9j/')) return 'image/jpeg';
  if (data.startsWith('iVBOR')) return 'image/png';
  if (data.startsWith('R0lGOD')) return 'image/gif';
  if (data.startsWith('UklGR')) return 'image/webp';
  return undefined;
}

/** Whether a string looks like a long base64 payload (not a URL, not prose). */
export function looksLikeBase64(value: string): boolean {
  const v = value.replace(/\s+/g, '');
  return v.length >= 16 && /^[A-Za-z0-9+/]+={0,2}$/.test(v);
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data.replace(/\s+/g, ''));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
