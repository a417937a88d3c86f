/**
 * Where a request goes: the sandbox twin, the live host directly, or the live
 * host through the local proxy. Pure, apart from reading the page's origin.
 */
import { checkPageOrigin } from '../providers/page-origins';
import { PAGE_ORIGIN } from '../providers/types';
import type { ProviderDef } from '../providers/types';
import { pageCanConnect } from './page-policy';
import type { ProviderSettings } from './settings-store';

export const PROXY_TARGET_HEADER = 'x-playground-target';

export interface Route {
  /** The base URL the adapter builds URLs against. */
  baseUrl: string;
  /** The key to send: the user's key in Live mode, the sandbox key in Sandbox mode. */
  key: string;
  /** When proxied: rewrite the request URL to this, with the target header. */
  proxy?: { prefix: string; target: string };
  /** Why a request cannot go out, in plain words. */
  problem?: string;
}

/** A provider's help text with the page's real origin where it says `PAGE_ORIGIN` (kept as written outside a browser). */
export function withPageOrigin(text: string, origin: string | undefined = globalThis.location?.origin): string {
  return origin ? text.replaceAll(PAGE_ORIGIN, origin) : text;
}

export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Why a Live base URL is not acceptable, or undefined when it is: the rule the server's
 * Content-Security-Policy applies (`providers/page-origins.ts`): hosted providers over https
 * only; a provider on the user's machine (`local`) also over http on 127.0.0.1 or localhost; no
 * IPv6 literal (a policy cannot name one), no user:password.
 */
export function baseUrlProblem(provider: ProviderDef, baseUrl: string): string | undefined {
  const checked = checkPageOrigin(baseUrl, !!provider.local);
  if (!('problem' in checked)) return undefined;
  return checked.problem.startsWith('It ') ? `${provider.name}'s base URL ${checked.problem.slice(3)}` : checked.problem;
}

/** Why the page cannot connect to `baseUrl` before a reload, or undefined. */
export function reloadProblem(provider: ProviderDef, baseUrl: string, canConnect: (origin: string) => boolean = pageCanConnect): string | undefined {
  const checked = checkPageOrigin(baseUrl, !!provider.local);
  if (!('origin' in checked) || canConnect(checked.origin)) return undefined;
  return `This page may connect to ${checked.origin} after a reload: the servers it may reach are fixed when it loads (its security policy).`;
}

export function resolveRoute(
  provider: ProviderDef,
  settings: ProviderSettings,
  origin: string,
  proxyAvailable: boolean,
  canConnect: (origin: string) => boolean = pageCanConnect,
): Route {
  if (settings.mode === 'sandbox') {
    // The live key never goes to the twin: Sandbox mode has a key of its own.
    return { baseUrl: `${origin}/sandbox/${provider.sandboxPrefix ?? provider.id}`, key: settings.sandboxKey };
  }
  const baseUrl = trimSlash(settings.baseUrl || provider.defaultBaseUrl || '');
  if (!baseUrl) {
    return {
      baseUrl,
      key: settings.key,
      problem: `${provider.name} has no public host: enter its base URL in Settings to use Live mode.`,
    };
  }
  const problem = baseUrlProblem(provider, baseUrl);
  if (problem) return { baseUrl, key: settings.key, problem: `${problem} Change it in Settings.` };
  if (!settings.key && provider.keyRequired && provider.keyLocation.in !== 'none') {
    return { baseUrl, key: '', problem: `Live mode needs your ${provider.name} key: enter it in Settings. ${provider.keyHelp}` };
  }
  // A server on the user's own machine is always called directly, never through the proxy.
  if (settings.useProxy && proxyAvailable && !provider.local) {
    return { baseUrl, key: settings.key, proxy: { prefix: `${origin}/proxy/${provider.id}`, target: baseUrl } };
  }
  const reload = reloadProblem(provider, baseUrl, canConnect);
  if (reload) return { baseUrl, key: settings.key, problem: `${reload} Reload the page to use ${provider.name}'s new base URL.` };
  return { baseUrl, key: settings.key };
}

/** The URL to fetch and any extra header, for a request built against route.baseUrl. */
export function routedUrl(route: Route, url: string): { url: string; extraHeaders?: Record<string, string> } {
  if (!route.proxy || !url.startsWith(route.baseUrl)) return { url };
  return {
    url: route.proxy.prefix + url.slice(route.baseUrl.length),
    extraHeaders: { [PROXY_TARGET_HEADER]: route.proxy.target },
  };
}
