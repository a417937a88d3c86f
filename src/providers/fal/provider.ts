/**
 * fal: any endpoint by its own schema, through the queue (submit → status with the queue position
 * and logs → result; cancel). `Authorization: Key`, through the proxy; outputs on fal.media.
 */
import type { ProviderDef } from '../types';
import { CURATED_FAL_MODELS, FAL_ID, falEndpoint } from './models';
import { buildCancelRequest, buildResultRequest, buildStatusRequest, FAL_KEY } from './request';
import { parseFalResponse } from './response';
import { falUploads } from './uploads';

export const fal: ProviderDef = {
  id: FAL_ID,
  name: 'fal',
  sandboxPrefix: 'fal-queue',
  keyLocation: FAL_KEY,
  keyRequired: true,
  keyHelp: 'Sign in at fal.ai and create a key in your dashboard’s Keys page (it looks like key_id:key_secret).',
  defaultBaseUrl: 'https://queue.fal.run',
  baseUrlHelp: 'Default: https://queue.fal.run',
  // The queue, the per-endpoint OpenAPI documents ("Add model": fal.ai), the storage's upload
  // initiate (rest.fal.ai), and the hosts its output files come from. The bytes themselves are PUT
  // to the `upload_url` the initiate names straight from the browser, as fal's own client does
  // (no key goes there; that host and its CORS are not documented, so it is not listed here).
  proxyHosts: ['queue.fal.run', 'fal.ai', 'rest.fal.ai', 'fal.media', 'v3.fal.media', 'v3b.fal.media'],
  responseHeaders: ['retry-after', 'x-fal-error-type'],
  endpoints: CURATED_FAL_MODELS.map(falEndpoint),
  buildFetchRequest: buildStatusRequest,
  buildResultRequest,
  parseFetchResponse: (res) => parseFalResponse(res),
  extra: { cancelQueued: { build: buildCancelRequest } },
  uploads: falUploads,
};
