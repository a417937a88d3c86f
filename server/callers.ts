/**
 * Who may call the twins and the proxy from a browser. Both act with the user's network position
 * (and the proxy with their keys), so a page on another site must not drive them: same-origin
 * pages and non-browser clients (curl, SDKs: no Origin, no Sec-Fetch-Site) are served, and other
 * origins only when the operator allow-listed them.
 */

export interface CallerHeaders {
  origin?: string | null;
  secFetchSite?: string | null;
  /** The Host the request was sent to (`host:port`). */
  host?: string | null;
}

export type Caller = 'same-origin' | 'allowed' | 'refused';

export function classifyCaller(h: CallerHeaders, allowedOrigins: readonly string[] = []): Caller {
  const origin = h.origin ?? undefined;
  if (origin !== undefined && origin !== '') {
    if (origin === 'null') return 'refused';
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return 'refused';
    }
    if (h.host && parsed.host === h.host.toLowerCase()) return 'same-origin';
    return allowedOrigins.includes(parsed.origin) ? 'allowed' : 'refused';
  }
  const site = h.secFetchSite ?? undefined;
  return site && site !== 'same-origin' && site !== 'none' ? 'refused' : 'same-origin';
}

/** Origins from a comma- or space-separated list (SANDBOX_CORS_ORIGINS), normalised; bad entries dropped. */
export function parseOrigins(list: string | undefined): string[] {
  return (list ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .flatMap((entry) => {
      try {
        const url = new URL(entry);
        return url.protocol === 'http:' || url.protocol === 'https:' ? [url.origin] : [];
      } catch {
        return [];
      }
    });
}

/** Host names that mean this machine; a server bound to loopback answers only to these (DNS rebinding). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}
