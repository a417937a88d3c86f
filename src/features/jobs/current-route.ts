import { proxyAvailable } from '../../api/proxy-status';
import { resolveRoute } from '../../api/route';
import type { Route } from '../../api/route';
import type { ProviderDef } from '../../providers/types';
import { getSettings } from '../settings/settings-store';

/** The route a provider's requests take right now, from its settings. */
export async function currentRoute(provider: ProviderDef): Promise<Route> {
  return resolveRoute(provider, getSettings()[provider.id], location.origin, await proxyAvailable());
}
