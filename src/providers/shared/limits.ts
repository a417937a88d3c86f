/** Per-endpoint limits the client enforces on answers. Pure. */
import { describeSchema } from '../fields/describe';
import type { EndpointDef, ProviderDef } from '../types';

/** A request's time limit when neither the endpoint nor the provider names one: the local proxy's. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 180_000;

/** How long a request to this endpoint may take, answer included. */
export function requestTimeoutMs(provider: Pick<ProviderDef, 'timeoutMs'>, endpoint?: Pick<EndpointDef, 'timeoutMs'>): number {
  return endpoint?.timeoutMs ?? provider.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
}

/** The documented maximum of images per answer: `maxOutputs`, else the `samples` field's maximum, else 1. */
export function maxOutputs(endpoint: Pick<EndpointDef, 'schema' | 'maxOutputs'>): number {
  if (endpoint.maxOutputs !== undefined) return endpoint.maxOutputs;
  const samples = describeSchema(endpoint.schema).find((f) => f.role === 'samples');
  return samples?.max !== undefined && samples.max >= 1 ? Math.floor(samples.max) : 1;
}
