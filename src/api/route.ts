/**
 * Where a request goes: the sandbox twin, the live host directly, or the live
 * host through the local proxy. Pure, apart from reading the page's origin.
 */
import { PAGE_ORIGIN } from '../providers/types';
import type { ProviderDef } from '../providers/types';
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

const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i;

/**
 * Why a Live base URL is not acceptable, or undefined when it is: hosted
 * providers are reached over https only; a provider that runs on the user's
 * machine (`local`) may also use http:// on loopback.
 */
export function baseUrlProblem(provider: ProviderDef, baseUrl: string): string | undefined {
  if (/^https:\/\//i.test(baseUrl)) return undefined;
  if (provider.local && LOOPBACK.test(baseUrl)) return undefined;
  return provider.local
    ? `${provider.name}'s base URL must be https://, or http:// on this machine (127.0.0.1 or localhost).`
    : `${provider.name}'s base URL must start with https://.`;
}

export function resolveRoute(
  provider: ProviderDef,
  settings: ProviderSettings,
  origin: string,
  proxyAvailable: boolean,
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
