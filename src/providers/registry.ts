/** Every provider and endpoint the playground knows. */
import type { EndpointDef, ProviderDef } from './types';
import { dreamrender } from './dreamrender/provider';
import { modelslab } from './modelslab/provider';
import { segmind } from './segmind/provider';

export const providers: ProviderDef[] = [dreamrender, modelslab, segmind];

export function getProvider(id: string): ProviderDef | undefined {
  return providers.find((p) => p.id === id);
}

/** An endpoint by its global id (`segmind/sd1.5-dreamshaper`). */
export function getEndpoint(endpointId: string): EndpointDef | undefined {
  for (const provider of providers) {
    const endpoint = provider.endpoints.find((e) => e.id === endpointId);
    if (endpoint) return endpoint;
  }
  return undefined;
}

export function allEndpoints(): EndpointDef[] {
  return providers.flatMap((p) => p.endpoints);
}
