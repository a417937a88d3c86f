/**
 * Where the live proxy may forward each provider's requests, and which of the provider's answer
 * headers it passes back: derived from the client's provider registry (`ProviderDef.proxyHosts`,
 * `responseHeaders`), so a new provider needs no edit here.
 */
export { proxyTargets } from '../src/providers/proxy-targets';
export type { ProxyTarget } from '../src/providers/proxy-targets';
