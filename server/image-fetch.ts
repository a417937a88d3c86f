/**
 * `GET /proxy/_image` with the image's address in `x-playground-target`: "Load URL" of an image on
 * another site. The page's policy lets it connect only to the providers' hosts and the user's own
 * servers, and most image hosts send no CORS header, so the server fetches the image for the page,
 * with the proxy's rules: a same-origin caller only, a public address only (resolved once, every
 * address checked, the connection pinned to them), http or https on their default ports, no
 * redirect followed, no cookie or credential sent, a size cap and a time limit; and the answer is
 * passed on only when its bytes are a PNG, JPEG, WebP, GIF or AVIF, with that type.
 */
import { sniffImageMime } from '../src/providers/shared/base64';
import { readCapped } from '../src/lib/read-capped';
import { connectHost } from './net/address';
import { checkedAddresses, TargetRefused } from './net/pinned';
import type { AddressPolicy } from './net/pinned';
import type { UpstreamFetch } from './proxy';

export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;
export const IMAGE_TIMEOUT_MS = 30_000;

export interface ImageFetchOptions {
  fetchUpstream: UpstreamFetch;
  addresses?: AddressPolicy;
  maxBytes?: number;
  timeoutMs?: number;
  /** The ports an address may name (80 for http, 443 for https; the tests' upstream listens on another). */
  ports?: { http: number; https: number };
}

export class ImageRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The address to fetch, checked without I/O. */
export function checkImageAddress(target: string | null, ports = { http: 80, https: 443 }): URL {
  if (!target) throw new ImageRefusal(400, 'missing the image address.');
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ImageRefusal(400, 'the image address is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ImageRefusal(400, 'only http(s) image addresses are fetched.');
  if (url.username || url.password) throw new ImageRefusal(400, 'the image address may not carry a user or password.');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const allowed = url.protocol === 'https:' ? ports.https : ports.http;
  if (port !== allowed) throw new ImageRefusal(403, `images are fetched from the usual port (${allowed} for ${url.protocol.slice(0, -1)}) only, not ${port}.`);
  return url;
}

function refusalFor(e: unknown, timeoutMs: number): ImageRefusal {
  if (e instanceof ImageRefusal) return e;
  if (e instanceof TargetRefused) {
    return e.reason === 'blocked'
      ? new ImageRefusal(403, 'that address is on this machine or a private network, which the server never fetches from.')
      : new ImageRefusal(502, 'that host name could not be resolved.');
  }
  if ((e as Error | undefined)?.name === 'TimeoutError') return new ImageRefusal(504, `the image's server did not answer within ${Math.round(timeoutMs / 1000)} s.`);
  return new ImageRefusal(502, "the image's server could not be reached (network, DNS or TLS failure).");
}

/**
 * The image in an answer: its bytes, or the image a base64 text holds (ModelsLab's `base64: "yes"`
 * results are `.base64` text files), with the sniffed type; undefined for anything else.
 */
function imageBytes(bytes: Uint8Array): { bytes: Uint8Array; mime: string } | undefined {
  const mime = sniffImageMime(bytes);
  if (mime) return { bytes, mime };
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart();
  if (!/^(data:image\/[a-z+.-]+;base64,)?[A-Za-z0-9+/]{16}/.test(text)) return undefined;
  const payload = Buffer.from(bytes).toString('latin1').trim().replace(/^data:[^,]*,/, '');
  if (!/^[A-Za-z0-9+/\s]*={0,2}$/.test(payload)) return undefined;
  const decoded = new Uint8Array(Buffer.from(payload, 'base64'));
  const decodedMime = sniffImageMime(decoded);
  return decodedMime ? { bytes: decoded, mime: decodedMime } : undefined;
}

/** Fetches the image for the page; throws ImageRefusal with a plain reason otherwise. */
export async function fetchImageForPage(request: Request, options: ImageFetchOptions): Promise<Response> {
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  const timeoutMs = options.timeoutMs ?? IMAGE_TIMEOUT_MS;
  if (request.method !== 'GET') throw new ImageRefusal(405, 'images are fetched with GET only.');
  const url = checkImageAddress(request.headers.get('x-playground-target'), options.ports);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), timeoutMs);
  const onAbort = () => controller.abort(request.signal.reason);
  request.signal.addEventListener('abort', onAbort, { once: true });
  let release: (() => void) | undefined;
  try {
    const addresses = await checkedAddresses(connectHost(url), options.addresses);
    const sent = await options.fetchUpstream(url, { method: 'GET', headers: { accept: 'image/*' }, signal: controller.signal }, addresses);
    release = sent.release;
    const answer = sent.response;
    if (answer.status >= 300 && answer.status < 400) {
      await answer.body?.cancel().catch(() => undefined);
      const location = (answer.headers.get('location') ?? '').slice(0, 200);
      throw new ImageRefusal(502, `the address redirects (HTTP ${answer.status})${location ? ` to ${location}` : ''}; load that address instead.`);
    }
    if (!answer.ok) {
      await answer.body?.cancel().catch(() => undefined);
      throw new ImageRefusal(502, `the image's server answered HTTP ${answer.status}.`);
    }
    const tooLarge = () => new ImageRefusal(413, `the image is larger than ${maxBytes / 1024 / 1024} MB.`);
    const bytes = await readCapped(answer.body, maxBytes, tooLarge, answer.headers.get('content-length'));
    const image = imageBytes(bytes);
    if (!image) throw new ImageRefusal(415, 'that address does not hold a PNG, JPEG, WebP, GIF or AVIF image.');
    return new Response(image.bytes as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'content-type': image.mime, 'cache-control': 'no-store' } });
  } catch (e) {
    if (controller.signal.aborted && !(e instanceof ImageRefusal)) throw refusalFor(controller.signal.reason, timeoutMs);
    throw refusalFor(e, timeoutMs);
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onAbort);
    release?.();
  }
}
