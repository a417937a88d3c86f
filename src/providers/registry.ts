/**
 * Every provider the playground knows: the one list (`PROVIDER_DEFS`). Every
 * other list (settings, job record, gallery filters, compare presets, the
 * proxy's hosts) is derived from it. A new provider is its folder plus one line here.
 */
import type { EndpointDef, EndpointKind, ProviderDef } from './types';
import { dreamrender } from './dreamrender/provider';
import { modelslab } from './modelslab/provider';
import { segmind } from './segmind/provider';
import { a1111 } from './a1111/provider';
import { replicate } from './replicate/provider';
import { fal } from './fal/provider';

const PROVIDER_DEFS: readonly ProviderDef[] = [dreamrender, modelslab, segmind, a1111, replicate, fal];

/** The endpoint a first visit opens (it has a public host and queues, so it shows the most). */
export const DEFAULT_ENDPOINT_ID = 'modelslab/text2img';

export interface Registry {
  providers: readonly ProviderDef[];
  getProvider(id: string): ProviderDef | undefined;
  /** An endpoint by its global id (`segmind/sd1.5-dreamshaper`). */
  getEndpoint(endpointId: string): EndpointDef | undefined;
  allEndpoints(): EndpointDef[];
  providerIds(): string[];
  /** The short name for tiles and filters; an unknown id (a job from a newer version) shows as itself. */
  providerLabel(id: string): string;
  /** Every endpoint of one kind, in registry order (compare presets, "send to inpaint"). */
  endpointsOfKind(kind: EndpointKind): EndpointDef[];
  /**
   * The endpoints a user added to a provider whose models come from their schemas (Replicate,
   * fal): they follow the provider's own, and one with the id of its own replaces it (a curated
   * model refreshed from the live schema). Replaces the earlier added list of that provider.
   */
  setAddedEndpoints(providerId: string, added: readonly EndpointDef[]): void;
  /** Called after every change of the endpoint lists; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** A number that changes with every change of the endpoint lists (for useSyncExternalStore). */
  revision(): number;
}

/** A registry over `defs` (the app's own is built from PROVIDER_DEFS; tests build others). */
export function createRegistry(defs: readonly ProviderDef[]): Registry {
  const byId = new Map(defs.map((p) => [p.id, p]));
  // Each provider's own endpoints; `p.endpoints` becomes own + added (every list reads it).
  const own = new Map(defs.map((p) => [p.id, [...p.endpoints]]));
  let endpoints = new Map<string, EndpointDef>();
  const index = () => {
    endpoints = new Map(defs.flatMap((p) => p.endpoints.map((e) => [e.id, e] as const)));
  };
  index();
  let rev = 0;
  const listeners = new Set<() => void>();
  const allEndpoints = () => [...endpoints.values()];
  return {
    providers: defs,
    getProvider: (id) => byId.get(id),
    getEndpoint: (endpointId) => endpoints.get(endpointId),
    allEndpoints,
    providerIds: () => defs.map((p) => p.id),
    providerLabel: (id) => {
      const p = byId.get(id);
      return p ? (p.shortName ?? p.name) : id;
    },
    endpointsOfKind: (kind) => allEndpoints().filter((e) => e.kind === kind),
    setAddedEndpoints: (providerId, added) => {
      const p = byId.get(providerId);
      if (!p) return;
      const base = own.get(providerId) ?? [];
      const replaced = new Map(added.filter((e) => e.provider === providerId).map((e) => [e.id, e]));
      const merged = base.map((e) => replaced.get(e.id) ?? e);
      const fresh = [...replaced.values()].filter((e) => !base.some((b) => b.id === e.id));
      p.endpoints.splice(0, p.endpoints.length, ...merged, ...fresh);
      index();
      rev++;
      for (const l of listeners) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    revision: () => rev,
  };
}

export const {
  providers,
  getProvider,
  getEndpoint,
  allEndpoints,
  providerIds,
  providerLabel,
  endpointsOfKind,
  setAddedEndpoints,
  subscribe: subscribeEndpoints,
  revision: endpointsRevision,
} = createRegistry(PROVIDER_DEFS);
