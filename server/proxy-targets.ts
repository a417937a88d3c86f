/**
 * Where the live proxy may forward each provider's requests, and which of the provider's answer
 * headers it passes back. Data only; the same shape as `proxyTargets` in
 * src/providers/proxy-targets.ts (derived from the client's provider registry), which replaces
 * this file's values once both live on one branch.
 */
export interface ProxyTarget {
  /** The provider's own hosts; a subdomain of one is allowed too. */
  hosts: readonly string[];
  /** True when the provider has no public host (DreamRender): any public https host the user names. */
  anyPublicHttpsHost: boolean;
  /** Answer headers the provider documents, passed back besides content-type and retry-after. */
  responseHeaders: readonly string[];
}

export const proxyTargets: Record<string, ProxyTarget> = {
  dreamrender: { hosts: [], anyPublicHttpsHost: true, responseHeaders: [] },
  modelslab: { hosts: ['stablediffusionapi.com', 'modelslab.com'], anyPublicHttpsHost: false, responseHeaders: [] },
  segmind: {
    hosts: ['api.segmind.com'],
    anyPublicHttpsHost: false,
    responseHeaders: ['x-remaining-credits', 'x-generation-time', 'x-seed-value', 'x-cost', 'x-request-id', 'x-rate-limit-remaining'],
  },
};
