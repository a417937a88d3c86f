/**
 * The headers every answer of the playground's servers carries. The policy allows scripts and
 * styles from the app's own origin only (no inline script, no eval: zod runs jitless), and
 * connections and images to the app itself, to blob: and data: URLs (read in the page, no
 * network), to the hosts the provider registry names, and to the origins the user configured
 * (a server on their machine, a DreamRender host), which the page names in a cookie
 * (`src/providers/page-origins.ts`: only exact origins pass; http on loopback only). No framing,
 * plugins, <base> or form posts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cookieValue, ORIGINS_COOKIE, parseOriginsCookie, registryOrigins } from '../src/providers/page-origins';
import { providers } from '../src/providers/registry';

export type ServerMode = 'production' | 'dev';

/** The hosts the registry names, once: the policy's fixed part. */
const REGISTRY_ORIGINS = registryOrigins(providers);

export function contentSecurityPolicy(mode: ServerMode = 'production', userOrigins: readonly string[] = []): string {
  const dev = mode === 'dev';
  const remote = [...new Set([...REGISTRY_ORIGINS, ...userOrigins])];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // Dev only: the React refresh preamble is an inline script and Vite injects <style> tags for HMR.
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'blob:', 'data:', ...remote],
    // blob: and data: URLs are read in the page (no network): image bytes handed between parts.
    'connect-src': ["'self'", 'blob:', 'data:', ...remote, ...(dev ? ['ws://127.0.0.1:*', 'ws://localhost:*'] : [])],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The origins a request's cookie names, validated (none when absent or malformed). */
export function originsOfRequest(req: Pick<IncomingMessage, 'headers'>): string[] {
  const header = req.headers.cookie;
  return parseOriginsCookie(cookieValue(Array.isArray(header) ? header.join('; ') : header, ORIGINS_COOKIE));
}

export function securityHeaders(mode: ServerMode = 'production', userOrigins: readonly string[] = []): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(mode, userOrigins),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/** The headers for this request: the policy with the origins its cookie names. */
export function requestSecurityHeaders(mode: ServerMode, req: Pick<IncomingMessage, 'headers'>): Record<string, string> {
  return securityHeaders(mode, originsOfRequest(req));
}

export function setSecurityHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
