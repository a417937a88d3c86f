/**
 * The page's side of its Content-Security-Policy: the server lists in `connect-src` and `img-src`
 * the registry's hosts and the origins the page names in a cookie (`providers/page-origins.ts`).
 * The page writes that cookie from the settings (each provider's Live base URL), and remembers
 * what it held when the page loaded: an origin added since is reachable only after a reload,
 * which Settings and the route say instead of letting the browser block the request.
 */
import { checkPageOrigin, cookieValue, formatOriginsCookie, ORIGINS_COOKIE, parseOriginsCookie, registryOrigins } from '../providers/page-origins';
import { providers } from '../providers/registry';
import type { ProviderDef } from '../providers/types';

const REGISTRY = new Set(registryOrigins(providers));
const inBrowser = typeof document !== 'undefined';
/** The origins the policy of this page was built with (the cookie as the page loaded). */
const loaded = new Set(inBrowser ? parseOriginsCookie(cookieValue(document.cookie, ORIGINS_COOKIE)) : []);

/** True when this page's policy lets it connect to `origin` (always true outside a browser). */
export function pageCanConnect(origin: string): boolean {
  if (!inBrowser) return true;
  return origin === location.origin || REGISTRY.has(origin) || loaded.has(origin);
}

/** The origin of a base URL, when the policy can name it (undefined otherwise). */
export function originOf(provider: ProviderDef, baseUrl: string): string | undefined {
  const checked = checkPageOrigin(baseUrl, !!provider.local);
  return 'origin' in checked ? checked.origin : undefined;
}

/** Writes the origins the settings need (beyond the registry's) for the server's next policy. */
export function writeOriginsCookie(origins: Iterable<string>): void {
  if (!inBrowser) return;
  const extra = [...new Set(origins)].filter((o) => !REGISTRY.has(o) && o !== location.origin);
  // SameSite=Strict: sent only with this site's own requests; a year, like the settings it mirrors.
  document.cookie = extra.length
    ? `${ORIGINS_COOKIE}=${formatOriginsCookie(extra)}; Path=/; Max-Age=31536000; SameSite=Strict`
    : `${ORIGINS_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict`;
}
