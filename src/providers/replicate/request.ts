/**
 * Replicate's HTTP API v1 (providers.md, "Replicate"): predictions are created with the input
 * wrapped in `{input}` — an official model by name, any other by its version — and waited for
 * with `Prefer: wait`; then polled and cancelled by the prediction's id. Bearer token. Pure.
 */
import type { z } from 'zod';
import type { AnyObjectSchema, ConnectionArgs, HttpRequest, KeyLocation } from '../types';
import { encodeParams, keyHeaders } from '../shared/request';
import type { WireFormat } from '../shared/request';

export const REPLICATE_KEY: KeyLocation = { in: 'bearer' };

/** How the input goes: JSON, defaults sent, absent values left out (unknown keys get a 422). */
export const REPLICATE_WIRE: WireFormat = { body: 'json', key: REPLICATE_KEY, nulls: 'omit', blankText: 'omit' };

/** Seconds a create waits for the answer (`Prefer: wait=N`, 1..60); then the app polls. */
export const PREFER_WAIT_SECONDS = 60;

/** `owner/name`, each part as Replicate allows it. */
const MODEL_NAME = /^([a-z0-9][a-z0-9_.-]{0,99})\/([a-z0-9][a-z0-9_.-]{0,99})$/i;
/** A version id: 64 hex characters. */
const VERSION_ID = /^[0-9a-f]{64}$/;
/** A prediction id: lower-case letters and digits. */
const PREDICTION_ID = /^[a-z0-9]{8,64}$/;

export interface ReplicateModelRef {
  owner: string;
  name: string;
  /** Official models run by name (their version is hidden); the others by version. */
  official: boolean;
  version?: string;
}

/** `owner/name` or `owner/name:version`, as the user types it; undefined when it is neither. */
export function parseModelName(text: string): { owner: string; name: string; version?: string } | undefined {
  const [model = '', version, extra] = text.trim().split(':');
  const m = MODEL_NAME.exec(model);
  if (!m || extra !== undefined || (version !== undefined && !VERSION_ID.test(version))) return undefined;
  return { owner: m[1]!, name: m[2]!, ...(version ? { version } : {}) };
}

function jsonRequest(method: 'GET' | 'POST', url: string, key: string, body?: Record<string, unknown>, extra: Record<string, string> = {}): HttpRequest {
  return {
    method,
    url,
    headers: { ...keyHeaders(REPLICATE_KEY, key), ...(body ? { 'Content-Type': 'application/json' } : {}), ...extra },
    body: body ? { type: 'json', value: body } : { type: 'none' },
  };
}

/** The create: `POST /v1/models/{owner}/{name}/predictions`, or `POST /v1/predictions` with `version`. */
export function buildPredictionRequest(model: ReplicateModelRef, schema: AnyObjectSchema, args: { params: z.output<AnyObjectSchema>; key: string; baseUrl: string }): HttpRequest {
  const input: Record<string, unknown> = {};
  for (const [name, value] of encodeParams(schema, args.params as Record<string, unknown>, REPLICATE_WIRE)) input[name] = value;
  const prefer = { Prefer: `wait=${PREFER_WAIT_SECONDS}` };
  if (model.official || !model.version) {
    return jsonRequest('POST', `${args.baseUrl}/v1/models/${model.owner}/${model.name}/predictions`, args.key, { input }, prefer);
  }
  return jsonRequest('POST', `${args.baseUrl}/v1/predictions`, args.key, { version: model.version, input }, prefer);
}

function predictionId(id: string): string {
  if (!PREDICTION_ID.test(id)) throw new Error(`Not a Replicate prediction id: ${id.slice(0, 40)}`);
  return id;
}

/** `GET /v1/predictions/{id}`: the path of the prediction's `urls.get`, below the configured base URL. */
export function buildGetPrediction(args: { id: string; key: string; baseUrl: string }): HttpRequest {
  return jsonRequest('GET', `${args.baseUrl}/v1/predictions/${predictionId(args.id)}`, args.key);
}

/** `POST /v1/predictions/{id}/cancel`: the path of `urls.cancel`. */
export function buildCancelPrediction(args: ConnectionArgs & { id: string }): HttpRequest {
  return jsonRequest('POST', `${args.baseUrl}/v1/predictions/${predictionId(args.id)}/cancel`, args.key);
}

/** `GET /v1/models/{owner}/{name}` (its `latest_version.openapi_schema`), or one version's. */
export function buildModelRequest(args: ConnectionArgs & { owner: string; name: string; version?: string }): HttpRequest {
  const path = `/v1/models/${args.owner}/${args.name}${args.version ? `/versions/${args.version}` : ''}`;
  if (!MODEL_NAME.test(`${args.owner}/${args.name}`) || (args.version && !VERSION_ID.test(args.version))) throw new Error('Not a Replicate model name.');
  return jsonRequest('GET', `${args.baseUrl}${path}`, args.key);
}
