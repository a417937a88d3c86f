/**
 * Downloads a provider's result image, because provider links expire. A
 * cancelled download rejects with a cancelled NetworkError (never a "link only" result).
 */
import { NetworkError } from './http';
import { base64ToBytes, sniffImageMime, stripDataUrlPrefix } from '../providers/shared/base64';
import type { ResultImage } from '../providers/types';

export type Downloaded =
  | { ok: true; blob: Blob; mime: string; sourceUrl?: string }
  | { ok: false; sourceUrl: string; note: string };

function bytesBlob(bytes: Uint8Array, mime: string): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
}

export async function downloadImage(image: ResultImage, signal?: AbortSignal): Promise<Downloaded> {
  if (image.type === 'bytes') return { ok: true, blob: bytesBlob(image.bytes, image.mime), mime: image.mime };
  if (image.type === 'base64') {
    const bytes = base64ToBytes(image.data);
    const mime = sniffImageMime(bytes) ?? image.mime;
    return { ok: true, blob: bytesBlob(bytes, mime), mime };
  }
  let res: Response;
  try {
    res = await fetch(image.url, { credentials: 'omit', referrerPolicy: 'no-referrer', signal });
  } catch {
    // A cancel is a cancel, not a download the browser refused.
    if (signal?.aborted) throw new NetworkError('Cancelled.', true);
    return {
      ok: false,
      sourceUrl: image.url,
      note: 'The browser refused to download this image (the provider\'s file host does not allow cross-origin reads, or it is unreachable). The link is kept; it may expire, so open and save it soon.',
    };
  }
  if (!res.ok) {
    return { ok: false, sourceUrl: image.url, note: `The image link answered HTTP ${res.status}; the link is kept.` };
  }
  let bytes: Uint8Array;
  try {
    bytes = image.base64Text ? base64ToBytes(stripDataUrlPrefix((await res.text()).trim())) : new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    if (signal?.aborted) throw new NetworkError('Cancelled.', true);
    throw e;
  }
  if (image.base64Text) {
    const mime = sniffImageMime(bytes) ?? 'image/png';
    return { ok: true, blob: bytesBlob(bytes, mime), mime, sourceUrl: image.url };
  }
  const mime = sniffImageMime(bytes) ?? res.headers.get('content-type') ?? 'image/png';
  return { ok: true, blob: bytesBlob(bytes, mime), mime, sourceUrl: image.url };
}
