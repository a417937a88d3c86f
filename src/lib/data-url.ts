/** Data URLs ↔ Blobs, in the browser and in Node: the one pair of converters of the app. */
import { base64ToBytes, bytesToBase64, splitDataUrl } from '../providers/shared/base64';

export function dataUrlToBlob(dataUrl: string): Blob {
  const parts = splitDataUrl(dataUrl);
  if (!parts) throw new Error('not a data URL');
  if (parts.base64) return new Blob([base64ToBytes(parts.payload) as Uint8Array<ArrayBuffer>], { type: parts.mime });
  return new Blob([decodeURIComponent(parts.payload)], { type: parts.mime });
}

export async function blobToDataUrl(blob: Blob): Promise<string> {
  return `data:${blob.type || 'application/octet-stream'};base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}
