/**
 * A model the user added by name (Replicate `owner/name[:version]`, fal `fal-ai/flux/dev`): the
 * record kept for it (its schema document and that document's version), the request that looks
 * it up, the reading of the answer, and the endpoint it becomes. Pure: src/api sends, the job
 * layer keeps the records. A document is hostile data: it becomes a record only once it converts.
 */
import { z } from 'zod';
import type { ConnectionArgs, EndpointDef, HttpRequest, HttpResponse } from '../types';
import { replicateEndpoint, REPLICATE_ID } from '../replicate/models';
import { buildModelRequest, parseModelName } from '../replicate/request';
import { parseModel } from '../replicate/response';
import { FAL_ID, falEndpoint } from '../fal/models';
import { buildSchemaRequest, isFalEndpointId } from '../fal/request';
import { documentDigest } from './json-schema';
import { isRecord, parseJson } from '../shared/http';

export const SCHEMA_PROVIDERS = [REPLICATE_ID, FAL_ID] as const;
export type SchemaProviderId = (typeof SCHEMA_PROVIDERS)[number];

/** The most a kept schema document may weigh (as JSON text); larger ones are refused. */
export const MAX_SCHEMA_CHARS = 512 * 1024;
/** Earlier versions kept per model, newest first (their jobs name them). */
export const MAX_PAST_VERSIONS = 8;

export const addedModelSchema = z.object({
  provider: z.enum(SCHEMA_PROVIDERS),
  /** `owner/name` (Replicate) or the endpoint id (fal). */
  name: z.string().min(3).max(300),
  /** Replicate's version id; for fal, a digest of the document. */
  version: z.string().min(1).max(100),
  description: z.string().max(300).optional(),
  doc: z.record(z.string(), z.unknown()),
  fetchedAt: z.number().nonnegative(),
  /** Earlier versions seen by Refresh, newest first, with their documents: the jobs that ran with one name it. */
  past: z.array(z.object({ version: z.string().max(100), replacedAt: z.number(), doc: z.record(z.string(), z.unknown()) })).max(MAX_PAST_VERSIONS).default([]),
});
export type AddedModel = z.infer<typeof addedModelSchema>;

export interface ModelRef {
  provider: SchemaProviderId;
  name: string;
  /** Replicate: a version asked for by `:version`. */
  version?: string;
}

export const endpointIdOf = (m: { provider: string; name: string }) => `${m.provider}/${m.name}`;

/** What the user typed, as a model reference, or what is wrong with it in plain words. */
export function readModelName(provider: SchemaProviderId, typed: string): ModelRef | { problem: string } {
  const text = typed.trim();
  if (provider === REPLICATE_ID) {
    const parsed = parseModelName(text);
    if (!parsed) return { problem: 'Type a Replicate model as owner/name, or owner/name:version with the 64-character version id (for example black-forest-labs/flux-dev).' };
    return { provider, name: `${parsed.owner}/${parsed.name}`, ...(parsed.version ? { version: parsed.version } : {}) };
  }
  if (!isFalEndpointId(text)) return { problem: 'Type a fal model id as owner/app with its path, for example fal-ai/flux/dev.' };
  return { provider, name: text };
}

/**
 * The lookup: Replicate's model (or one version) from its API with the user's key; fal's
 * per-endpoint OpenAPI document (public, no key) from `schemaBaseUrl`.
 */
export function lookupRequest(ref: ModelRef, conn: ConnectionArgs & { schemaBaseUrl: string }): HttpRequest {
  if (ref.provider === REPLICATE_ID) {
    const [owner, name] = ref.name.split('/') as [string, string];
    return buildModelRequest({ owner, name, version: ref.version, key: conn.key, baseUrl: conn.baseUrl });
  }
  return buildSchemaRequest({ endpointId: ref.name, baseUrl: conn.schemaBaseUrl });
}

/** The endpoint a kept record becomes. Throws when its document does not convert. */
export function addedEndpoint(m: AddedModel): EndpointDef {
  if (m.provider === REPLICATE_ID) {
    const [owner, name] = m.name.split('/') as [string, string];
    // Run by the version the schema came from (POST /v1/predictions takes a version id for every model).
    return replicateEndpoint({ owner, name, official: false, version: m.version, description: m.description, doc: m.doc });
  }
  return falEndpoint({ endpointId: m.name, version: m.version, doc: m.doc, ...(m.description ? { description: m.description } : {}) });
}

function plainFailure(ref: ModelRef, status: number, text: string | undefined): string {
  const who = ref.provider === REPLICATE_ID ? 'Replicate' : 'fal';
  const what = ref.provider === REPLICATE_ID ? `model ${ref.name}${ref.version ? ` at version ${ref.version.slice(0, 8)}…` : ''}` : `model ${ref.name}`;
  if (status === 404) return `${who} has no ${what} (404 Not found). Check the spelling against the model's page.`;
  if (status === 401 || status === 403) return `${who} refused the key (${status}): check your ${who} key in Settings, then try again.`;
  if (status === 429) return `${who} is limiting requests (429): wait a little, then try again.`;
  return `${who} could not give the schema of ${ref.name} (HTTP ${status})${text ? `: ${text}` : ''}.`;
}

/** A record from the lookup's answer, or what went wrong in plain words. */
export function readLookup(ref: ModelRef, res: HttpResponse, now: number): { model: AddedModel } | { problem: string } {
  const unreadable = (why: string) => ({ problem: `The schema of ${ref.name} cannot be read: ${why} The model was not added.` });
  if (res.body.length > MAX_SCHEMA_CHARS) return unreadable(`it is larger than ${MAX_SCHEMA_CHARS / 1024} kB.`);
  let model: AddedModel;
  if (ref.provider === REPLICATE_ID) {
    const read = parseModel(res);
    if ('kind' in read) return { problem: read.kind === 'error' ? plainFailure(ref, read.error.status ?? res.status, read.error.message) : plainFailure(ref, res.status, undefined) };
    const version = read.version ?? ref.version;
    if (!version || !/^[0-9a-f]{64}$/.test(version)) return unreadable('Replicate named no version for it.');
    model = { provider: ref.provider, name: ref.name, version, ...(read.description ? { description: read.description } : {}), doc: read.doc as Record<string, unknown>, fetchedAt: now, past: [] };
  } else {
    const body = parseJson(res.body);
    if (res.status >= 400) {
      const detail = isRecord(body) && typeof body.detail === 'string' ? body.detail.slice(0, 200) : undefined;
      return { problem: plainFailure(ref, res.status, detail) };
    }
    if (!isRecord(body)) return unreadable('the answer is not a JSON document.');
    model = { provider: ref.provider, name: ref.name, version: documentDigest(body), doc: body, fetchedAt: now, past: [] };
  }
  try {
    addedEndpoint(model);
  } catch (e) {
    return unreadable(`${e instanceof Error ? e.message : String(e)}`);
  }
  return { model };
}

/** The record after a Refresh: the new document, the earlier version kept in `past` when it changed. */
export function refreshed(old: AddedModel, fresh: AddedModel, now: number): AddedModel {
  if (fresh.version === old.version) return { ...old, doc: fresh.doc, fetchedAt: now };
  const past = [{ version: old.version, replacedAt: now, doc: old.doc }, ...old.past.filter((p) => p.version !== fresh.version)].slice(0, MAX_PAST_VERSIONS);
  return { ...fresh, fetchedAt: now, past };
}
