/**
 * fal's queue (providers.md, "fal"): the bare input is submitted to `POST {queue}/{endpoint id}`;
 * its status (`IN_QUEUE` with a position, `IN_PROGRESS` with logs, `COMPLETED`), result and cancel
 * live under `{queue}/{owner}/{app}/requests/{request_id}` (owner and app only, not the whole id).
 * `Authorization: Key <id:secret>`. Pure.
 */
import type { z } from 'zod';
import type { AnyObjectSchema, ConnectionArgs, HttpRequest, KeyLocation } from '../types';
import { encodeParams, keyHeaders } from '../shared/request';
import type { WireFormat } from '../shared/request';

export const FAL_KEY: KeyLocation = { in: 'header', name: 'Authorization', prefix: 'Key ' };

export const FAL_WIRE: WireFormat = { body: 'json', key: FAL_KEY, nulls: 'omit', blankText: 'omit' };

/** `fal-ai/flux/dev`, `fal-ai/flux-pro/v1/fill`: two to five path segments. */
const ENDPOINT_ID = /^[a-z0-9][a-z0-9_.-]{0,63}(\/[a-z0-9][a-z0-9_.-]{0,63}){1,4}$/i;
/** What the app keeps as the provider's job id: `{owner}/{app}/requests/{request_id}`. */
const JOB_ID = /^[a-z0-9][a-z0-9_.-]{0,63}\/[a-z0-9][a-z0-9_.-]{0,63}\/requests\/[a-z0-9-]{8,64}$/i;

export function isFalEndpointId(id: string): boolean {
  return ENDPOINT_ID.test(id.trim());
}

/** The `Key` header; the key is sent there, never in a URL. */
export const falAuth = (key: string) => keyHeaders(FAL_KEY, key);

/** `fal-ai/flux/dev` → `fal-ai/flux`: where its requests live. */
export function appOf(endpointId: string): string {
  return endpointId.split('/').slice(0, 2).join('/');
}

export function jobIdOf(endpointId: string, requestId: string): string {
  return `${appOf(endpointId)}/requests/${requestId}`;
}

function checkedJob(id: string): string {
  if (!JOB_ID.test(id)) throw new Error(`Not a fal request: ${id.slice(0, 60)}`);
  return id;
}

export function buildSubmitRequest(endpointId: string, schema: AnyObjectSchema, args: { params: z.output<AnyObjectSchema>; key: string; baseUrl: string }): HttpRequest {
  if (!isFalEndpointId(endpointId)) throw new Error(`Not a fal endpoint id: ${endpointId.slice(0, 60)}`);
  const value: Record<string, unknown> = {};
  for (const [name, v] of encodeParams(schema, args.params as Record<string, unknown>, FAL_WIRE)) value[name] = v;
  return { method: 'POST', url: `${args.baseUrl}/${endpointId}`, headers: { ...falAuth(args.key), 'Content-Type': 'application/json' }, body: { type: 'json', value } };
}

/** `GET …/requests/{id}/status?logs=1` */
export function buildStatusRequest(args: { id: string; key: string; baseUrl: string }): HttpRequest {
  return { method: 'GET', url: `${args.baseUrl}/${checkedJob(args.id)}/status?logs=1`, headers: falAuth(args.key), body: { type: 'none' } };
}

/** `GET …/requests/{id}`: the model's output, once the status says COMPLETED. */
export function buildResultRequest(args: { id: string; key: string; baseUrl: string }): HttpRequest {
  return { method: 'GET', url: `${args.baseUrl}/${checkedJob(args.id)}`, headers: falAuth(args.key), body: { type: 'none' } };
}

/** `PUT …/requests/{id}/cancel` */
export function buildCancelRequest(args: ConnectionArgs & { id: string }): HttpRequest {
  return { method: 'PUT', url: `${args.baseUrl}/${checkedJob(args.id)}/cancel`, headers: falAuth(args.key), body: { type: 'none' } };
}

/** fal's per-endpoint OpenAPI document: `GET {schema host}/api/openapi/queue/openapi.json?endpoint_id=…` (no key). */
export function buildSchemaRequest(args: { endpointId: string; baseUrl: string }): HttpRequest {
  if (!isFalEndpointId(args.endpointId)) throw new Error('Not a fal endpoint id.');
  return { method: 'GET', url: `${args.baseUrl}/api/openapi/queue/openapi.json?endpoint_id=${encodeURIComponent(args.endpointId)}`, headers: {}, body: { type: 'none' } };
}
