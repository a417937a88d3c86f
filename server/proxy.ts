/**
 * The live proxy at /proxy/<provider>/…, a standard fetch handler (Request → Promise<Response>).
 * It exists because none of the hosted providers is known to answer CORS.
 *
 * It forwards to that provider's own hosts only, exactly (no subdomain; a provider without a
 * public host: any public https host the user configured), https on port 443 only, follows no redirect, refuses cross-site callers,
 * refuses loopback, private and link-local targets in every spelling before any connection and
 * connects to exactly the addresses it checked, streams the answer with a size cap and a time
 * limit, stops the upstream request when the browser goes away, passes back only the headers
 * the provider documents, and never logs a header or a body (keys travel in both).
 */
import { fetch as undiciFetch } from 'undici';
import { readCapped } from '../src/lib/read-capped';
import { classifyCaller } from './callers';
import { fetchImageForPage, ImageRefusal } from './image-fetch';
import { connectHost } from './net/address';
import { checkedAddresses, pinnedAgent, TargetRefused } from './net/pinned';
import type { AddressPolicy } from './net/pinned';
import type { FetchHandler } from './node-bridge';
import type { ProxyTarget } from './proxy-targets';

export const TARGET_HEADER = 'x-playground-target';
export const MAX_REQUEST_BYTES = 30 * 1024 * 1024;
/** Larger than any documented answer (four 1024² images as base64 JSON stay under 10 MB). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
export const TIMEOUT_MS = 180_000;

// `prefer`: Replicate's `Prefer: wait=N` holds a create until the prediction ends.
const FORWARD_REQUEST_HEADERS = ['content-type', 'accept', 'x-api-key', 'authorization', 'prefer'];
/** Passed back for every provider: what the client needs to read any answer. */
const BASE_RESPONSE_HEADERS = ['content-type', 'retry-after'];

/** What the proxy sends upstream once the target passed every check. */
export interface UpstreamRequest {
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  signal: AbortSignal;
}

/**
 * Sends the checked request to `url`, connecting only to `addresses` (the ones checked), never
 * following a redirect; `release` frees the connection once the answer is read or dropped.
 */
export type UpstreamFetch = (url: URL, request: UpstreamRequest, addresses: readonly string[]) => Promise<{ response: Response; release: () => void }>;

/** On Node: undici's own fetch with an Agent whose connect.lookup answers the checked addresses. */
export function pinnedUpstreamFetch(ca?: string | Buffer): UpstreamFetch {
  return async (url, request, addresses) => {
    const agent = pinnedAgent([...addresses], { ca });
    const release = () => void agent.destroy().catch(() => undefined);
    try {
      const response = await undiciFetch(url, { ...request, redirect: 'manual', dispatcher: agent });
      return { response: response as unknown as Response, release };
    } catch (err) {
      release();
      throw err;
    }
  };
}

export interface ProxyOptions {
  targets: Readonly<Record<string, ProxyTarget>>;
  /** How hosts resolve and which addresses are refused (tests inject a loopback upstream). */
  addresses?: AddressPolicy;
  /** Extra CA certificates to trust (tests' upstream); used by the default upstream fetch. */
  ca?: string | Buffer;
  /** How the checked request is sent (default: pinnedUpstreamFetch; an edge runtime passes its own). */
  fetchUpstream?: UpstreamFetch;
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  timeoutMs?: number;
  /** The one port a target may use (443; the tests' upstream listens on another). */
  targetPort?: number;
  /** The ports an image address may name for "Load URL" (default 80 and 443). */
  imagePorts?: { http: number; https: number };
  /** One line per forwarded request: method, provider, status. Never headers or bodies. */
  log?: (line: string) => void;
}

export class ProxyRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const REFUSED_TARGET = 'The proxy does not forward to loopback, private or link-local hosts.';

const HTTPS_PORT = 443;

/** Checks the base URL the browser asked for (no I/O); returns the URL to forward to and its host. */
export function checkTarget(targets: ProxyOptions['targets'], provider: string, target: string | null, rest: string, port = HTTPS_PORT): { url: URL; host: string } {
  const def = Object.hasOwn(targets, provider) ? targets[provider] : undefined;
  if (!def) throw new ProxyRefusal(404, `Unknown provider "${provider}".`);
  if (!target) throw new ProxyRefusal(400, `Missing the ${TARGET_HEADER} header (the provider's base URL).`);
  let base: URL;
  try {
    base = new URL(target);
  } catch {
    throw new ProxyRefusal(400, 'The base URL is not a valid URL.');
  }
  if (base.protocol !== 'https:') throw new ProxyRefusal(400, 'The proxy forwards to https hosts only.');
  if (base.username || base.password) throw new ProxyRefusal(400, 'The base URL may not carry credentials.');
  const host = connectHost(base);
  if (!def.anyPublicHttpsHost && !def.hosts.includes(host)) {
    throw new ProxyRefusal(403, `The proxy forwards ${provider} requests to ${def.hosts.join(' or ')} only, not ${host}.`);
  }
  if (Number(base.port || HTTPS_PORT) !== port) throw new ProxyRefusal(403, `The proxy forwards to port ${port} only, not ${base.port}.`);
  const url = new URL(base.href.replace(/\/+$/, '') + rest);
  if (url.origin !== base.origin) throw new ProxyRefusal(400, 'The path leaves the base URL.');
  return { url, host };
}

function readCappedRequest(request: Request, cap: number): Promise<Uint8Array> {
  const tooLarge = () => new ProxyRefusal(413, `the request body is larger than the proxy forwards (${cap / 1024 / 1024} MB).`);
  return readCapped(request.body, cap, tooLarge, request.headers.get('content-length'));
}

function refusal(status: number, message: string): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-playground-proxy': 'refused', 'cache-control': 'no-store' };
  if (status === 413) headers.connection = 'close';
  return new Response(JSON.stringify({ error: `Local proxy: ${message}` }), { status, headers });
}

/** Counts bytes through; past the cap it errors the stream, so a cut answer never looks complete. */
function capped(body: ReadableStream<Uint8Array>, cap: number, onDone: () => void): ReadableStream<Uint8Array> {
  let size = 0;
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          onDone();
          controller.close();
          return;
        }
        size += value.byteLength;
        if (size > cap) {
          onDone();
          await reader.cancel().catch(() => undefined);
          controller.error(new Error(`answer larger than ${cap} bytes`));
          return;
        }
        controller.enqueue(value);
      } catch (err) {
        onDone();
        controller.error(err);
      }
    },
    async cancel(reason) {
      onDone();
      await reader.cancel(reason).catch(() => undefined);
    },
  });
}

/**
 * The browser's signal plus a time limit, as one signal. Not AbortSignal.any with
 * AbortSignal.timeout: on Node 20 a timeout signal only the combined one refers to is garbage
 * collected with its timer, and the limit never fires. Here the timer holds the controller.
 */
function timeLimit(browser: AbortSignal, ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(browser.reason);
  const timer = setTimeout(() => controller.abort(new DOMException(`No answer within ${ms} ms`, 'TimeoutError')), ms);
  if (browser.aborted) onAbort();
  else browser.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      browser.removeEventListener('abort', onAbort);
    },
  };
}

/** "Load URL" of an image on another site (`server/image-fetch.ts`), for same-origin pages only. */
async function pageImage(request: Request, requestUrl: URL, options: ProxyOptions, fetchUpstream: UpstreamFetch): Promise<Response> {
  try {
    const caller = classifyCaller({ origin: request.headers.get('origin'), secFetchSite: request.headers.get('sec-fetch-site'), host: requestUrl.host });
    if (caller !== 'same-origin') throw new ImageRefusal(403, 'cross-site requests are refused.');
    const answer = await fetchImageForPage(request, { fetchUpstream, addresses: options.addresses, ports: options.imagePorts, maxBytes: options.maxResponseBytes });
    (options.log ?? console.log)(`[proxy] GET image → ${answer.status}`);
    return answer;
  } catch (e) {
    if (e instanceof ImageRefusal) return refusal(e.status, e.message);
    return refusal(502, "the image's server could not be reached.");
  }
}

export function createProxyHandler(options: ProxyOptions): FetchHandler {
  const maxRequest = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
  const maxResponse = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const timeoutMs = options.timeoutMs ?? TIMEOUT_MS;
  const log = options.log ?? ((line: string) => console.log(line));
  const fetchUpstream = options.fetchUpstream ?? pinnedUpstreamFetch(options.ca);

  return async (request) => {
    const requestUrl = new URL(request.url);
    const m = /^\/proxy\/([a-z0-9_-]+)(\/.*)?$/.exec(requestUrl.pathname);
    if (!m) return refusal(404, 'not a proxy path.');
    if (m[1] === '_ping') {
      return Response.json({ ok: true, providers: Object.keys(options.targets) }, { headers: { 'cache-control': 'no-store' } });
    }
    if (m[1] === '_image') return pageImage(request, requestUrl, options, fetchUpstream);
    const provider = m[1] ?? '';
    let done: (() => void) | undefined;
    let stopTimer: (() => void) | undefined;
    try {
      const caller = classifyCaller({ origin: request.headers.get('origin'), secFetchSite: request.headers.get('sec-fetch-site'), host: requestUrl.host });
      if (caller !== 'same-origin') throw new ProxyRefusal(403, 'cross-site requests are refused.');
      // PUT only to cancel (fal's queue: `PUT …/requests/{id}/cancel`).
      const isCancelPut = request.method === 'PUT' && /\/cancel$/.test(m[2] ?? '');
      if (request.method !== 'POST' && request.method !== 'GET' && !isCancelPut) throw new ProxyRefusal(405, 'only GET and POST are forwarded, and PUT to a …/cancel path.');
      const { url, host } = checkTarget(options.targets, provider, request.headers.get(TARGET_HEADER), (m[2] ?? '') + requestUrl.search, options.targetPort);
      const addresses = await checkedAddresses(host, options.addresses);
      const headers: Record<string, string> = {};
      for (const name of FORWARD_REQUEST_HEADERS) {
        const value = request.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      const body = request.method === 'GET' ? undefined : await readCappedRequest(request, maxRequest);
      const limit = timeLimit(request.signal, timeoutMs);
      stopTimer = limit.clear;
      const sent = await fetchUpstream(url, { method: request.method, headers, body, signal: limit.signal }, addresses);
      done = () => {
        done = undefined;
        limit.clear();
        sent.release();
      };
      const upstream = sent.response;
      log(`[proxy] ${request.method} ${provider} → ${upstream.status}`);
      if (upstream.status >= 300 && upstream.status < 400) {
        throw new ProxyRefusal(502, `the provider answered with a redirect (${upstream.status}), which the proxy does not follow.`);
      }
      if (Number(upstream.headers.get('content-length') ?? '0') > maxResponse) {
        throw new ProxyRefusal(502, `the provider's answer is larger than the proxy passes on (${maxResponse / 1024 / 1024} MB).`);
      }
      const passed = new Headers({ 'cache-control': 'no-store' });
      for (const name of [...BASE_RESPONSE_HEADERS, ...(options.targets[provider]?.responseHeaders ?? [])]) {
        const value = upstream.headers.get(name);
        if (value !== null) passed.set(name, value);
      }
      const nullBody = upstream.status === 204 || upstream.status === 205 || !upstream.body;
      const finish = done;
      if (nullBody) {
        finish();
        return new Response(null, { status: upstream.status, headers: passed });
      }
      return new Response(capped(upstream.body as ReadableStream<Uint8Array>, maxResponse, finish), { status: upstream.status, headers: passed });
    } catch (e) {
      done?.();
      stopTimer?.();
      if (e instanceof ProxyRefusal) return refusal(e.status, e.message);
      if (e instanceof TargetRefused) return e.reason === 'blocked' ? refusal(403, REFUSED_TARGET) : refusal(502, `${e.message}.`);
      const name = (e as Error).name;
      if (name === 'TimeoutError') return refusal(504, `the provider did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      if (name === 'AbortError') return refusal(499, 'the browser went away; the request to the provider was stopped.');
      return refusal(502, 'the provider could not be reached (network, DNS or TLS failure).');
    }
  };
}
