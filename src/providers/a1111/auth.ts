/**
 * HTTP Basic auth for servers started with `--api-auth user:password`. The playground keeps the
 * login as one key, `user:password`; a key without a colon is no login and is not sent (the
 * sandbox key, or a server without auth).
 */
import type { HttpRequest } from '../types';
import { bytesToBase64 } from '../shared/base64';

/** The `Authorization` value for a `user:password` key, or undefined when there is none. */
export function basicAuthorization(key: string): string | undefined {
  if (!key.includes(':')) return undefined;
  return `Basic ${bytesToBase64(new TextEncoder().encode(key))}`;
}

/** Headers carrying the login, when there is one. */
export function authHeaders(key: string): Record<string, string> {
  const value = basicAuthorization(key);
  return value ? { Authorization: value } : {};
}

export const REDACTED_LOGIN = 'Basic <USER:PASSWORD>';

/**
 * A copy of `req` with the Basic credentials replaced (the scheme stays, so a copied cURL shows
 * where the login goes). The generic redactRequest would replace the whole header value.
 */
export function redactA1111Request(req: HttpRequest, replacement = REDACTED_LOGIN): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = name.toLowerCase() === 'authorization' && /^basic\s/i.test(value) ? replacement : value;
  }
  return { ...req, headers };
}
