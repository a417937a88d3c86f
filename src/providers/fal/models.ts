/**
 * A fal endpoint (`fal-ai/flux/schnell`) as an endpoint of the playground: the input schema of its
 * per-endpoint OpenAPI document converted (schema-models); the curated ones ship with the project.
 */
import type { EndpointDef, ImageSizeRule } from '../types';
import { convertInputSchema, documentDigest, localResolver } from '../schema-models/json-schema';
import { buildSubmitRequest } from './request';
import { inputRefOf, parseFalResponse } from './response';
import schnell from '../fixtures/fal/flux-schnell.openapi.json';
import fill from '../fixtures/fal/flux-pro-fill.openapi.json';

export const FAL_ID = 'fal';

export interface FalModelDoc {
  endpointId: string;
  title?: string;
  description?: string;
  /** fal's OpenAPI document for the endpoint. */
  doc: unknown;
  /** The document's version (fal publishes none that changes: a digest of the document); default: its digest. */
  version?: string;
}

/** FLUX fill takes an image and a mask of the same size; sizes kept within 1440, multiples of 32 (unverified for fal). */
const FILL_SIZES: ImageSizeRule = {
  width: { kind: 'range', min: 256, max: 1440, multiple: 32 },
  height: { kind: 'range', min: 256, max: 1440, multiple: 32 },
};

export function falEndpoint(m: FalModelDoc): EndpointDef {
  const ref = inputRefOf(m.doc, m.endpointId);
  const input = ref ? localResolver(m.doc)(ref) : undefined;
  if (!input) throw new Error(`fal's schema for ${m.endpointId} names no input.`);
  const converted = convertInputSchema(input, { resolve: localResolver(m.doc), imageWire: 'dataUri' });
  const info = (m.doc as { info?: { description?: unknown } }).info;
  return {
    id: `${FAL_ID}/${m.endpointId}`,
    provider: FAL_ID,
    name: m.endpointId,
    title: m.title ?? m.endpointId,
    kind: converted.kind,
    path: `/${m.endpointId}`,
    description: m.description ?? (typeof info?.description === 'string' ? info.description.slice(0, 200) : `${m.endpointId} on fal`),
    schema: converted.schema,
    initialValues: converted.initialValues,
    ...(converted.kind !== 'txt2img' ? { sizeRule: FILL_SIZES } : {}),
    schemaVersion: m.version ?? documentDigest(m.doc),
    buildRequest: (args) => buildSubmitRequest(m.endpointId, converted.schema, args),
    parseResponse: (res) => parseFalResponse(res, m.endpointId),
  };
}

export const CURATED_FAL_MODELS: readonly FalModelDoc[] = [
  { endpointId: 'fal-ai/flux/schnell', title: 'FLUX.1 [schnell]', description: 'FLUX.1 [schnell]: a 12 billion parameter flow transformer, 1 to 4 steps.', doc: schnell },
  { endpointId: 'fal-ai/flux-pro/v1/fill', title: 'FLUX.1 Fill [pro]', description: 'FLUX.1 Fill [pro]: inpainting and outpainting from an image and a mask.', doc: fill },
];
