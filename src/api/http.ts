/**
 * The single fetch wrapper: the only place the app performs HTTP. It takes the
 * plain request a provider adapter planned and returns the plain response,
 * with a size cap on the answer and a time limit on the whole exchange.
 */
import { readCapped } from '../lib/read-capped';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../providers/shared/limits';
import type { ErrorKind, HttpRequest, HttpResponse } from '../providers/types';

/** The most the client reads of one answer (JSON or image), like the local proxy. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** How long a request may take, answer included, unless the provider or endpoint says otherwise (the proxy's limit). */
export const DEFAULT_TIMEOUT_MS = DEFAULT_REQUEST_TIMEOUT_MS;
/** The header the local proxy puts on its own answers (refusals and failures), never passed on from a provider. */
export const PROXY_MARK_HEADER = 'x-playground-proxy';

export class NetworkError extends Error {
  readonly cancelled: boolean;
  readonly kind: ErrorKind;
  readonly hint?: string;
  readonly status?: number;
  constructor(message: string, cancelled = false, details: { kind?: ErrorKind; hint?: string; status?: number } = {}) {
    super(message);
    this.name = 'NetworkError';
    this.cancelled = cancelled;
    this.kind = cancelled ? 'cancelled' : (details.kind ?? 'network');
    this.hint = details.hint;
    this.status = details.status;
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export function tooLargeError(maxBytes: number): NetworkError {
  return new NetworkError(`The answer was larger than ${mb(maxBytes)}, more than the playground accepts, so it was not kept.`, false, {
    kind: 'server',
    hint: 'Ask for fewer or smaller images (samples, width, height), then retry.',
  });
}

export function timeoutError(ms: number): NetworkError {
  const seconds = ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1);
  return new NetworkError(`No complete answer within ${seconds} s, so the playground stopped waiting.`, false, {
    kind: 'network',
    hint: 'The provider may be busy or the host unreachable. Retry sends the same parameters and seed again.',
  });
}

/** The body, read chunk by chunk and stopped (not buffered) past `maxBytes`. */
export async function readCappedBody(res: Response, maxBytes = MAX_RESPONSE_BYTES): Promise<Uint8Array> {
  if (Number(res.headers.get('content-length') ?? '0') > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLargeError(maxBytes);
  }
  return readCapped(res.body, maxBytes, () => tooLargeError(maxBytes));
}

/** What to check after the local proxy failed, by its status and words. */
function proxyHint(status: number, detail: string): string {
  if (/larger than/i.test(detail)) return 'Ask for fewer or smaller images (samples, width, height), or use a smaller init image, then retry.';
  if (/redirect/i.test(detail)) return "Check the base URL in Settings: the provider answered with a redirect, which means the URL is not the API's own.";
  if (status === 403) return "Check the base URL in Settings: the proxy forwards a provider's requests only to that provider's own public https hosts, never to this machine or your network.";
  if (status === 400) return 'Check the base URL in Settings: https://, a host name, no user:password in it.';
  if (status === 413) return 'The request is larger than the proxy forwards: use a smaller init image or mask.';
  if (status === 504) return 'The provider took longer than the proxy waits. Retry, or ask for fewer or smaller images.';
  if (status === 502) return "Check the base URL's host name in Settings (spelling, DNS), that the host is up with a valid https certificate, and this machine's internet connection. The provider itself did not answer with an error.";
  return "Check that the playground's server (npm start) is running and up to date, then retry.";
}

/** The local proxy's own failure (it marks its answers), told as the proxy's, never as the provider's. */
async function proxyFailure(res: Response): Promise<NetworkError> {
  let detail = `HTTP ${res.status}`;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(await readCappedBody(res, 64 * 1024))) as { error?: unknown };
    if (typeof parsed.error === 'string') detail = parsed.error.replace(/^Local proxy:\s*/i, '');
  } catch {
    // keep the status
  }
  return new NetworkError(`The local proxy (this playground's server, not the provider) could not complete the request: ${detail}`, false, {
    kind: 'network',
    hint: proxyHint(res.status, detail),
    status: res.status,
  });
}

function toFetchBody(req: HttpRequest): BodyInit | undefined {
  switch (req.body.type) {
    case 'json':
      return JSON.stringify(req.body.value);
    case 'multipart': {
      const form = new FormData();
      for (const [name, value] of req.body.fields) form.append(name, value);
      return form;
    }
    case 'file': {
      const blob = new Blob([req.body.bytes as Uint8Array<ArrayBuffer>], { type: req.body.mime });
      if (!req.body.part) return blob;
      const form = new FormData();
      form.append(req.body.part, blob, req.body.fileName);
      return form;
    }
    case 'none':
      return undefined;
  }
}

export function headersToRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

export interface SendOptions {
  /** Where to send, when it differs from req.url (through the proxy). */
  url?: string;
  extraHeaders?: Record<string, string>;
  signal?: AbortSignal;
  /** The request goes through the local proxy: its own failures are told as its own. */
  viaProxy?: boolean;
  /** Default DEFAULT_TIMEOUT_MS; the whole exchange, answer included. */
  timeoutMs?: number;
  /** Default MAX_RESPONSE_BYTES. */
  maxBytes?: number;
}

/**
 * Runs `work` with a signal that aborts on the caller's signal or after `timeoutMs`;
 * a timeout becomes timeoutError, a caller's abort a cancelled NetworkError.
 */
export async function withTimeout<T>(timeoutMs: number, signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const timer = new AbortController();
  const t = setTimeout(() => timer.abort(), timeoutMs);
  const both = signal ? AbortSignal.any([signal, timer.signal]) : timer.signal;
  try {
    return await work(both);
  } catch (e) {
    if (signal?.aborted) throw new NetworkError('Cancelled.', true);
    if (timer.signal.aborted) throw timeoutError(timeoutMs);
    throw e;
  } finally {
    clearTimeout(t);
  }
}

/** Sends `req` to `url` (which may differ from req.url when routed through the proxy). */
export async function send(req: HttpRequest, opts: SendOptions = {}): Promise<HttpResponse> {
  return withTimeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, opts.signal, async (signal) => {
    let res: Response;
    try {
      res = await fetch(opts.url ?? req.url, {
        method: req.method,
        headers: { ...req.headers, ...opts.extraHeaders },
        body: toFetchBody(req),
        signal,
        redirect: 'error',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch (e) {
      if (signal.aborted) throw e;
      const detail = e instanceof Error ? e.message : String(e);
      if (opts.viaProxy) {
        throw new NetworkError(
          `The local proxy gave no answer (${detail}): is the playground's server still running? It also cuts the connection when a provider's answer grows past what it passes on.`,
          false,
          { hint: "Check that the playground's server (npm start) is still running, then retry; if it is, ask for fewer or smaller images." },
        );
      }
      throw new NetworkError(`The request could not reach the provider (${detail}). The host may be down, unreachable, or refusing cross-origin requests.`);
    }
    if (opts.viaProxy && res.headers.has(PROXY_MARK_HEADER)) throw await proxyFailure(res);
    let body: Uint8Array;
    try {
      body = await readCappedBody(res, opts.maxBytes ?? MAX_RESPONSE_BYTES);
    } catch (e) {
      if (signal.aborted || e instanceof NetworkError) throw e;
      throw new NetworkError(
        opts.viaProxy
          ? `The answer was cut off on its way through the local proxy (${e instanceof Error ? e.message : String(e)}): it was larger than the proxy passes on, or the connection broke.`
          : `The answer was cut off (${e instanceof Error ? e.message : String(e)}).`,
      );
    }
    return { status: res.status, headers: headersToRecord(res.headers), body };
  });
}
