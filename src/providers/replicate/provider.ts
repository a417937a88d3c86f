/**
 * Replicate: any model by its own schema. The curated models are endpoints from the start;
 * models the user adds join them (schema-models/added-models). Bearer token, through the proxy
 * (Replicate sends no CORS headers); outputs come from replicate.delivery.
 */
import type { ProviderDef } from '../types';
import { CURATED_REPLICATE_MODELS, REPLICATE_ID, replicateEndpoint } from './models';
import { buildCancelPrediction, buildGetPrediction, REPLICATE_KEY } from './request';
import { parsePrediction } from './response';
import { replicateUploads } from './uploads';

export const replicate: ProviderDef = {
  id: REPLICATE_ID,
  name: 'Replicate',
  keyLocation: REPLICATE_KEY,
  keyRequired: true,
  keyHelp: 'Sign in at replicate.com and copy an API token (r8_…) from your account’s API tokens page.',
  defaultBaseUrl: 'https://api.replicate.com',
  baseUrlHelp: 'Default: https://api.replicate.com',
  // The API, and the hosts its output files come from.
  proxyHosts: ['api.replicate.com', 'replicate.delivery'],
  responseHeaders: ['retry-after', 'location'],
  // Prefer: wait holds the create up to 60 s; a cold model then goes on by polling.
  timeoutMs: 120_000,
  endpoints: CURATED_REPLICATE_MODELS.map(replicateEndpoint),
  buildFetchRequest: buildGetPrediction,
  parseFetchResponse: parsePrediction,
  extra: { cancelQueued: { build: buildCancelPrediction } },
  // Images over 256 kB go through the Files API (on api.replicate.com, already listed) first.
  uploads: replicateUploads,
};
