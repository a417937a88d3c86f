/**
 * What the local proxy may reach, per provider: data only, derived from the
 * registry's ProviderDefs (`proxyHosts`, `responseHeaders`). Providers that run
 * on the user's machine (`local`) are never proxied and are not listed.
 */
import type { ProviderDef } from './types';
import { providers } from './registry';

export interface ProxyTarget {
  /** Hosts the proxy may forward to (empty when `anyPublicHttpsHost`). */
  hosts: readonly string[];
  /** The provider has no public host: any public https host the user configured. */
  anyPublicHttpsHost: boolean;
  /** Response headers worth passing on, lower-case. */
  responseHeaders: readonly string[];
}

export function proxyTargetsOf(defs: readonly ProviderDef[]): Record<string, ProxyTarget> {
  const out: Record<string, ProxyTarget> = {};
  for (const p of defs) {
    if (p.local) continue;
    const any = p.proxyHosts === 'any-public-https';
    out[p.id] = { hosts: any ? [] : [...p.proxyHosts], anyPublicHttpsHost: any, responseHeaders: [...p.responseHeaders] };
  }
  return out;
}

export const proxyTargets: Record<string, ProxyTarget> = proxyTargetsOf(providers);
