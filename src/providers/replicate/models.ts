/**
 * A Replicate model as an endpoint: its published Input schema converted (schema-models), its
 * prediction request, and the curated models whose schemas ship with the project (the sandbox
 * works offline; "Add model" fetches any other). Pure.
 */
import type { EndpointDef, ImageSizeRule } from '../types';
import { convertInputSchema, localResolver } from '../schema-models/json-schema';
import type { JsonSchema } from '../schema-models/json-schema';
import { buildPredictionRequest } from './request';
import type { ReplicateModelRef } from './request';
import { parsePrediction } from './response';
import flux from '../fixtures/replicate/flux-schnell.model.json';
import fillDev from '../fixtures/replicate/flux-fill-dev.model.json';
import sdxl from '../fixtures/replicate/sdxl.model.json';

export const REPLICATE_ID = 'replicate';

export interface ReplicateModelDoc extends ReplicateModelRef {
  /** A short title for lists (`FLUX.1 [schnell]`); default `owner/name`. */
  title?: string;
  description?: string;
  /** The version's `openapi_schema` (its `components.schemas.Input`). */
  doc: unknown;
}

/** FLUX fill: sides scaled to multiples of 32 within 1440 (the version page says so). */
const FLUX_FILL_SIZES: ImageSizeRule = {
  width: { kind: 'range', min: 256, max: 1440, multiple: 32 },
  height: { kind: 'range', min: 256, max: 1440, multiple: 32 },
};

/** The Input schema of a version's OpenAPI document. */
export function inputSchemaOf(doc: unknown): JsonSchema {
  const input = (doc as { components?: { schemas?: { Input?: unknown } } } | null)?.components?.schemas?.Input;
  if (typeof input !== 'object' || input === null) throw new Error('The model’s schema has no Input.');
  return input as JsonSchema;
}

export function replicateEndpoint(m: ReplicateModelDoc): EndpointDef {
  const converted = convertInputSchema(inputSchemaOf(m.doc), { resolve: localResolver(m.doc), imageWire: 'dataUri' });
  const name = `${m.owner}/${m.name}`;
  const ref: ReplicateModelRef = { owner: m.owner, name: m.name, official: m.official, version: m.version };
  return {
    id: `${REPLICATE_ID}/${name}`,
    provider: REPLICATE_ID,
    name,
    title: m.title ?? name,
    kind: converted.kind,
    path: m.official || !m.version ? `/v1/models/${name}/predictions` : '/v1/predictions',
    description: `${m.description ?? `${name} on Replicate`}${m.version ? ` (version ${m.version.slice(0, 8)})` : ''}`,
    schema: converted.schema,
    initialValues: converted.initialValues,
    ...(converted.kind !== 'txt2img' ? { sizeRule: FLUX_FILL_SIZES } : {}),
    ...(m.version ? { schemaVersion: m.version } : {}),
    buildRequest: (args) => buildPredictionRequest(ref, converted.schema, args),
    parseResponse: parsePrediction,
  };
}

type ModelJson = { owner: string; name: string; description: string; latest_version: { id: string; openapi_schema: unknown } };
const curated = (m: ModelJson, title: string, official: boolean): ReplicateModelDoc => ({
  owner: m.owner,
  name: m.name,
  official,
  version: m.latest_version.id,
  title,
  description: m.description,
  doc: m.latest_version.openapi_schema,
});

/** FLUX schnell and FLUX fill (official: run by name) and SDXL (a community model: run by version). */
export const CURATED_REPLICATE_MODELS: readonly ReplicateModelDoc[] = [
  curated(flux, 'FLUX.1 [schnell]', true),
  curated(fillDev, 'FLUX.1 Fill [dev]', true),
  curated(sdxl, 'SDXL', false),
];
