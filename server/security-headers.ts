/**
 * The headers every answer of the playground's servers carries. The policy allows scripts and
 * styles from the app's own origin only (no inline script, no eval: zod runs jitless), images
 * from the app, blobs and data URLs, connections to the app, to blob: and data: URLs (read in
 * the page, no network), to https hosts (live providers called directly) and to a generator on
 * this machine over http (loopback only, for an AUTOMATIC1111 server), and no
 * framing, plugins, <base> or form posts.
 */
import type { ServerResponse } from 'node:http';

const LOOPBACK = ['http://127.0.0.1:*', 'http://localhost:*'];

export function contentSecurityPolicy(mode: 'production' | 'dev' = 'production'): string {
  const dev = mode === 'dev';
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // Dev only: the React refresh preamble is an inline script and Vite injects <style> tags for HMR.
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    // blob: and data: URLs are read in the page (no network): image bytes handed between parts.
    'connect-src': ["'self'", 'blob:', 'data:', 'https:', ...LOOPBACK, ...(dev ? ['ws://127.0.0.1:*', 'ws://localhost:*'] : [])],
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

export function securityHeaders(mode: 'production' | 'dev' = 'production'): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(mode),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

export function setSecurityHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
