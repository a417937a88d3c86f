/**
 * Fetches a model's schema the way its provider's requests go: the sandbox twin, or the live host
 * (through the local proxy when it is on). Replicate's comes from its API with the user's key;
 * fal's from its public OpenAPI host (`fal.ai`, the twin's `fal-schema`), without a key.
 */
import { currentRoute } from '../../api/current-route';
import { NetworkError, send } from '../../api/http';
import { routedUrl } from '../../api/route';
import { getProviderSettings } from '../../api/settings-store';
import type { Route } from '../../api/route';
import { lookupRequest, readLookup } from '../../providers/schema-models/added-model';
import type { AddedModel, ModelRef } from '../../providers/schema-models/added-model';
import { getProvider } from '../../providers/registry';

/** fal's schema host, live. */
const FAL_SCHEMA_HOST = 'https://fal.ai';
const LOOKUP_TIMEOUT_MS = 30_000;

function schemaRoute(route: Route): Route {
  if (getProviderSettings('fal').mode === 'sandbox') return { ...route, baseUrl: `${location.origin}/sandbox/fal-schema` };
  return { ...route, baseUrl: FAL_SCHEMA_HOST, ...(route.proxy ? { proxy: { ...route.proxy, target: FAL_SCHEMA_HOST } } : {}) };
}

export async function fetchModel(ref: ModelRef): Promise<{ model: AddedModel } | { problem: string }> {
  const provider = getProvider(ref.provider);
  if (!provider) return { problem: `${ref.provider} is not a provider this version knows.` };
  const route = await currentRoute(provider);
  // Replicate needs the key; fal's schemas are public (its key is not needed to read them).
  if (route.problem && ref.provider !== 'fal') return { problem: route.problem };
  const target = ref.provider === 'fal' ? schemaRoute(route) : route;
  const req = lookupRequest(ref, { key: target.key, baseUrl: target.baseUrl, schemaBaseUrl: target.baseUrl });
  const { url, extraHeaders } = routedUrl(target, req.url);
  try {
    const res = await send(req, { url, extraHeaders, viaProxy: url !== req.url, timeoutMs: LOOKUP_TIMEOUT_MS });
    return readLookup(ref, res, Date.now());
  } catch (e) {
    if (e instanceof NetworkError) return { problem: `${e.message}${e.hint ? ` ${e.hint}` : ''}` };
    throw e;
  }
}
