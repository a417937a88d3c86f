/**
 * One request and its answer, as every step of a job sends it: routed (directly or through the
 * local proxy) with its time limit; a failure of the wrapper turned into a ProviderError that
 * says what to check; a rate limit's wait, capped.
 */
import { NetworkError, send } from '../api/http';
import { routedUrl, withPageOrigin } from '../api/route';
import type { Route } from '../api/route';
import { maxOutputs, requestTimeoutMs } from '../providers/shared/limits';
import type { EndpointDef, HttpRequest, ProviderDef, ProviderError, ProviderResult } from '../providers/types';

/** Longest wait the client accepts from a rate limit before giving up on its own. */
export const MAX_RATE_LIMIT_WAIT_S = 60;

export function networkError(e: unknown, provider?: ProviderDef): ProviderError {
  if (e instanceof NetworkError && e.cancelled) {
    return { kind: 'cancelled', message: 'Cancelled while the request was in flight: the provider may have received it and may still bill it.' };
  }
  // The fetch wrapper's own failures (proxy, timeout, size cap, not an image) say what to check.
  if (e instanceof NetworkError && e.hint) {
    return { kind: e.kind, message: e.message, hint: e.hint, ...(e.status !== undefined ? { status: e.status } : {}) };
  }
  return {
    kind: 'network',
    message: e instanceof Error ? e.message : String(e),
    hint: provider?.networkHint ? withPageOrigin(provider.networkHint) : 'Check the base URL and your connection; in Live mode try routing through the local proxy (Settings).',
  };
}

export function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new NetworkError('Cancelled.', true));
    });
  });
}

/** Per request: its time limit; when proxied, a little longer than the proxy's so its own plain answer arrives first. */
const PROXY_MARGIN_MS = 5_000;

export async function exchange(req: HttpRequest, route: Route, parse: (r: Awaited<ReturnType<typeof send>>) => ProviderResult, signal: AbortSignal | undefined, timeoutMs: number) {
  const { url, extraHeaders } = routedUrl(route, req.url);
  const viaProxy = url !== req.url;
  const res = await send(req, { url, extraHeaders, signal, viaProxy, timeoutMs: timeoutMs + (viaProxy ? PROXY_MARGIN_MS : 0) });
  return parse(res);
}

export interface Limits {
  maxOutputs: number;
  timeoutMs: number;
}

export function limitsOf(provider: ProviderDef, endpoint: EndpointDef | undefined): Limits {
  return { maxOutputs: endpoint ? maxOutputs(endpoint) : 1, timeoutMs: requestTimeoutMs(provider, endpoint) };
}

export function rateLimitWait(error: ProviderError): number | undefined {
  if (error.kind !== 'rate_limit' || error.retryAfter === undefined) return undefined;
  return Math.min(Math.max(error.retryAfter, 0), MAX_RATE_LIMIT_WAIT_S);
}

export class RateLimited extends Error {
  constructor(readonly seconds: number) {
    super(`Rate limited: wait ${seconds} s`);
  }
}
