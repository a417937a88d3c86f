import { proxyAvailable } from './proxy-status';
import { resolveRoute } from './route';
import type { Route } from './route';
import type { ProviderDef } from '../providers/types';
import { getProviderSettings } from './settings-store';

/** The route a provider's requests take right now, from its settings. */
export async function currentRoute(provider: ProviderDef): Promise<Route> {
  return resolveRoute(provider, getProviderSettings(provider.id), location.origin, await proxyAvailable());
}
