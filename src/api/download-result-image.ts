/**
 * Downloads a provider's result image, because provider links expire. A
 * cancelled download rejects with a cancelled NetworkError (never a "link only" result).
 * Only images are kept: the bytes must be PNG, JPEG, WebP, GIF or AVIF by their
 * magic bytes, whatever the Content-Type or a data URL claims, and the Blob
 * carries the sniffed type. Anything else (SVG, HTML, text) rejects with NotAnImageError.
 */
import { DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES, NetworkError, readCappedBody, tooLargeError, withTimeout } from './http';
import { base64ToBytes, sniffImageMime, stripDataUrlPrefix } from '../providers/shared/base64';
import type { ResultImage } from '../providers/types';
import { pageCanConnect } from './page-policy';
import { proxyAvailable } from './proxy-status';

export type Downloaded =
  | { ok: true; blob: Blob; mime: string; sourceUrl?: string }
  | { ok: false; sourceUrl: string; note: string };

/** The provider's answer is not an image this app keeps; the job fails with this plain message. */
export class NotAnImageError extends NetworkError {
  constructor(claimed: string | undefined) {
    super(
      `The provider's answer is not an image (PNG, JPEG, WebP, GIF or AVIF)${claimed ? `; it claimed to be ${claimed.slice(0, 60)}` : ''}, so nothing was kept.`,
      false,
      { kind: 'unknown', hint: 'Nothing to fix on your side: other formats (SVG, HTML, text) can carry scripts and are never stored. Retry, or try another model.' },
    );
    this.name = 'NotAnImageError';
  }
}

export interface DownloadOptions {
  maxBytes?: number;
  timeoutMs?: number;
}

/** A Blob of the bytes with their sniffed type; NotAnImageError when they are no kept image type. */
export function imageBlob(bytes: Uint8Array, claimed?: string): { blob: Blob; mime: string } {
  const mime = sniffImageMime(bytes);
  if (!mime) throw new NotAnImageError(claimed);
  return { blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }), mime };
}

function decodeBase64(data: string, maxBytes: number): Uint8Array {
  // Four characters make three bytes: refuse before decoding an oversized payload.
  if ((data.length * 3) / 4 > maxBytes + 3) throw tooLargeError(maxBytes);
  try {
    return base64ToBytes(data);
  } catch {
    return new Uint8Array(0); // not base64 at all: not an image either
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

export async function downloadImage(image: ResultImage, signal?: AbortSignal, opts: DownloadOptions = {}): Promise<Downloaded> {
  const maxBytes = opts.maxBytes ?? MAX_RESPONSE_BYTES;
  if (image.type === 'bytes') {
    if (image.bytes.byteLength > maxBytes) throw tooLargeError(maxBytes);
    return { ok: true, ...imageBlob(image.bytes, image.mime) };
  }
  if (image.type === 'base64') return { ok: true, ...imageBlob(decodeBase64(image.data, maxBytes), image.mime) };
  const url = image.url;
  // A file host the page's policy does not list (ModelsLab's CDN, say) is read through the server,
  // which passes on only image bytes (base64 text decoded); where there is no server, directly.
  const viaServer = !pageCanConnect(originOf(url)) && (await proxyAvailable());
  return withTimeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal, async (both): Promise<Downloaded> => {
    let res: Response;
    try {
      res = viaServer
        ? await fetch(`${location.origin}/proxy/_image`, { headers: { 'x-playground-target': url }, credentials: 'omit', signal: both })
        : await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', signal: both });
    } catch (e) {
      // A cancel or a timeout is not a download the browser refused.
      if (both.aborted) throw e;
      return {
        ok: false,
        sourceUrl: url,
        note: 'The browser refused to download this image (the provider\'s file host does not allow cross-origin reads, or it is unreachable). The link is kept; it may expire, so open and save it soon.',
      };
    }
    if (!res.ok) {
      const refused = viaServer && res.headers.get('x-playground-proxy') === 'refused';
      const why = refused ? ((await res.json().catch(() => undefined)) as { error?: unknown } | undefined)?.error : undefined;
      await res.body?.cancel().catch(() => undefined);
      const note = typeof why === 'string' ? `${why.slice(0, 300)} The link is kept.` : `The image link answered HTTP ${res.status}; the link is kept.`;
      return { ok: false, sourceUrl: url, note };
    }
    if (image.base64Text && !viaServer) {
      // Base64 text is a third larger than the image it holds.
      const text = new TextDecoder().decode(await readCappedBody(res, Math.ceil(maxBytes * 1.4)));
      return { ok: true, sourceUrl: url, ...imageBlob(decodeBase64(stripDataUrlPrefix(text.trim()), maxBytes), 'base64 text') };
    }
    const bytes = await readCappedBody(res, maxBytes);
    return { ok: true, sourceUrl: url, ...imageBlob(bytes, res.headers.get('content-type') ?? undefined) };
  });
}
