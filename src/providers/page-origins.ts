/**
 * Which origins the page may connect to and show images from (the Content-Security-Policy's
 * `connect-src` and `img-src`), as data: the registry's own hosts, plus the origins the user
 * configured (a server on their machine, a DreamRender host), which the page tells the server in
 * one cookie holding origins only. The server builds the policy with these functions and the
 * page validates a base URL with the same rule, so Settings refuses, with the reason, exactly
 * what the policy would block. Pure: no DOM, no I/O.
 */
import type { ProviderDef } from './types';

/** The cookie the page writes (origins separated by spaces, URI-encoded) and the server reads. */
export const ORIGINS_COOKIE = 'playground-origins';
/** More configured origins than providers is never needed: the rest is ignored. */
export const MAX_USER_ORIGINS = 8;
/** A cookie value longer than this is ignored whole (eight long origins fit). */
export const MAX_ORIGINS_COOKIE_LENGTH = 2048;

/** A DNS name or dotted IPv4 address, as the URL parser leaves it (lower case, punycode). */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export type OriginCheck = { origin: string } | { problem: string };

/** True for `localhost` and 127.0.0.0/8: the only hosts reached over plain http. */
export function isLoopbackHostName(host: string): boolean {
  return host === 'localhost' || LOOPBACK_V4.test(host);
}

/**
 * The origin of a base URL the page would connect to, or why the page's security policy cannot
 * name it. `local`: the server runs on the user's machine, so http on loopback is allowed too.
 */
export function checkPageOrigin(text: string, local: boolean): OriginCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: `“${text.slice(0, 80)}” is not a web address.` };
  }
  const httpWord = local ? 'https://, or http:// on this machine (127.0.0.1 or localhost)' : 'https://';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: `It must start with ${httpWord}.` };
  if (url.username || url.password) return { problem: 'It may not carry a user or password: enter the login in its own boxes.' };
  const host = url.hostname;
  if (host.startsWith('[')) {
    return { problem: 'It names an IPv6 address, which the page\'s security policy cannot list: use 127.0.0.1 or localhost for this machine, or a host name.' };
  }
  if (!HOST_NAME.test(host)) return { problem: `It names “${host.slice(0, 80)}”, which is not a host name the page's security policy can list.` };
  if (url.protocol === 'http:' && !(local && isLoopbackHostName(host))) return { problem: `It must start with ${httpWord}.` };
  return { origin: url.origin };
}

/** The origins the registry names: each hosted provider's hosts (https) and every default base URL. */
export function registryOrigins(defs: readonly ProviderDef[]): string[] {
  const out = new Set<string>();
  for (const p of defs) {
    if (!p.local && Array.isArray(p.proxyHosts)) for (const host of p.proxyHosts) out.add(`https://${host}`);
    if (p.defaultBaseUrl) {
      const checked = checkPageOrigin(p.defaultBaseUrl, !!p.local);
      if ('origin' in checked) out.add(checked.origin);
    }
  }
  return [...out];
}

/**
 * The origins in a cookie value, each exactly an origin a user could configure (http only on
 * loopback; no path, no credentials, no IPv6 literal); anything else is dropped, and a value too
 * long or not decodable gives none. What comes out is safe to write into a policy header.
 */
export function parseOriginsCookie(value: string | undefined): string[] {
  if (!value || value.length > MAX_ORIGINS_COOKIE_LENGTH) return [];
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of decoded.split(' ')) {
    if (out.length >= MAX_USER_ORIGINS) break;
    const checked = checkPageOrigin(entry, true);
    if ('origin' in checked && checked.origin === entry && !out.includes(entry)) out.push(entry);
  }
  return out;
}

export function formatOriginsCookie(origins: readonly string[]): string {
  return encodeURIComponent([...new Set(origins)].slice(0, MAX_USER_ORIGINS).join(' '));
}

/** The value of one cookie in a `Cookie` header (or `document.cookie`), undefined when absent. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
