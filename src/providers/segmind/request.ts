import type { HttpRequest } from '../types';
import type { DreamshaperParams, InpaintingParams, SegmindImg2imgParams } from './schema';
import { stripDataUrlPrefix } from '../shared/base64';

/** Body order: images first, then the order of the document's example. */
const ORDER = [
  'image',
  'mask',
  'prompt',
  'negative_prompt',
  'scheduler',
  'num_inference_steps',
  'guidance_scale',
  'strength',
  'samples',
  'seed',
  'img_width',
  'img_height',
  'base64',
] as const;

const IMAGE_FIELDS = new Set<string>(['image', 'mask']);

/**
 * The JSON body: values keep their JSON types (numbers, booleans). `image` and
 * `mask` go as a link or as raw base64 without the `data:` prefix. Undefined
 * values and an empty optional text are left out.
 */
export function buildSegmindBody(params: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of ORDER) {
    const value = params[name];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim() === '' && !IMAGE_FIELDS.has(name)) continue;
    body[name] = IMAGE_FIELDS.has(name) && typeof value === 'string' ? stripDataUrlPrefix(value) : value;
  }
  return body;
}

function segmindPost(baseUrl: string, model: string, key: string, params: Record<string, unknown>): HttpRequest {
  return {
    method: 'POST',
    url: `${baseUrl}/v1/${model}`,
    headers: { 'x-api-key': key, 'Content-Type': 'application/json' },
    body: { type: 'json', value: buildSegmindBody(params) },
  };
}

interface Args<P> {
  params: P;
  key: string;
  baseUrl: string;
}

export function buildDreamshaperRequest({ params, key, baseUrl }: Args<DreamshaperParams>): HttpRequest {
  return segmindPost(baseUrl, 'sd1.5-dreamshaper', key, params);
}

export function buildImg2imgRequest({ params, key, baseUrl }: Args<SegmindImg2imgParams>): HttpRequest {
  return segmindPost(baseUrl, 'sd1.5-img2img', key, params);
}

export function buildInpaintingRequest({ params, key, baseUrl }: Args<InpaintingParams>): HttpRequest {
  return segmindPost(baseUrl, 'sd1.5-inpainting', key, params);
}
