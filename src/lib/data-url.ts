/** Data URLs ↔ Blobs, in the browser and in Node: the one pair of converters of the app. */
import { base64ToBytes, bytesToBase64 } from '../providers/shared/base64';

export function dataUrlToBlob(dataUrl: string): Blob {
  const comma = dataUrl.indexOf(',');
  if (!dataUrl.startsWith('data:') || comma < 0) throw new Error('not a data URL');
  const header = dataUrl.slice(5, comma);
  const payload = dataUrl.slice(comma + 1);
  const parts = header.split(';');
  const mime = parts[0] || 'text/plain';
  if (parts.includes('base64')) return new Blob([base64ToBytes(payload) as Uint8Array<ArrayBuffer>], { type: mime });
  return new Blob([decodeURIComponent(payload)], { type: mime });
}

export async function blobToDataUrl(blob: Blob): Promise<string> {
  return `data:${blob.type || 'application/octet-stream'};base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}

export function dataUrlMime(dataUrl: string): string | undefined {
  return dataUrl.match(/^data:([^;,]+)/)?.[1];
}
