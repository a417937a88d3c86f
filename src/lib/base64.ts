/** Base64 and data URLs ↔ bytes and Blobs, in the browser and in Node. */

export function base64ToBytes(b64: string): Uint8Array {
  const clean = b64.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Sniffs PNG, JPEG, WebP and GIF signatures; falls back to the given type. */
export function sniffImageMime(bytes: Uint8Array, fallback = 'application/octet-stream'): string {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45) return 'image/webp';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'image/gif';
  return fallback;
}

export function dataUrlMime(dataUrl: string): string | undefined {
  return dataUrl.match(/^data:([^;,]+)/)?.[1];
}
