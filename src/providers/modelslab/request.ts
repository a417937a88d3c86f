/**
 * ModelsLab request bodies: JSON with the key as `"key"` first, then the fields
 * in the order of the docs' example. Encodings follow that example: width,
 * height, samples and step counts as strings ("512"), guidance_scale, strength
 * and seed as numbers, flags as "yes"/"no".
 *
 * Empty values: undefined (and an empty optional text) is left out, so the
 * service applies its own default; null is sent as null, because the docs'
 * example sends `"seed": null` (random seed) and null for the other unset
 * fields, and an exact copy of that example must be reproducible.
 */
import type { HttpRequest } from '../types';
import type { Img2imgParams, InpaintParams, Text2imgParams } from './schema';
import { isDataUrl, stripDataUrlPrefix } from '../shared/base64';
import { yesNo } from '../shared/values';

type Encoding = 'text' | 'intString' | 'number' | 'flag' | 'image';

/** Body order and wire encoding of every field the three endpoints know. */
const FIELDS: ReadonlyArray<readonly [name: string, encoding: Encoding]> = [
  ['model_id', 'text'],
  ['prompt', 'text'],
  ['negative_prompt', 'text'],
  ['init_image', 'image'],
  ['mask_image', 'image'],
  ['width', 'intString'],
  ['height', 'intString'],
  ['samples', 'intString'],
  ['num_inference_steps', 'intString'],
  ['steps', 'intString'],
  ['safety_checker', 'flag'],
  ['enhance_prompt', 'flag'],
  ['guidance_scale', 'number'],
  ['strength', 'number'],
  ['scheduler', 'text'],
  ['seed', 'number'],
  ['lora_model', 'text'],
  ['tomesd', 'flag'],
  ['use_karras_sigmas', 'flag'],
  ['vae', 'text'],
  ['lora_strength', 'text'],
  ['embeddings_model', 'text'],
  ['webhook', 'text'],
  ['track_id', 'text'],
  ['safety_checker_type', 'text'],
  ['algorithm_type', 'text'],
  ['multi_lingual', 'flag'],
  ['panorama', 'flag'],
  ['self_attention', 'flag'],
  ['upscale', 'flag'],
  ['clip_skip', 'intString'],
  ['highres_fix', 'flag'],
  ['temp', 'flag'],
];

function encode(value: unknown, encoding: Encoding): unknown {
  switch (encoding) {
    case 'intString':
      return typeof value === 'number' ? String(value) : value;
    case 'flag':
      return typeof value === 'boolean' ? yesNo(value) : value;
    case 'image':
      return typeof value === 'string' ? stripDataUrlPrefix(value) : value;
    case 'text':
    case 'number':
      return value;
  }
}

/**
 * The JSON body for any of the three endpoints. A local image (a data URL)
 * goes as raw base64 and turns `base64` to "yes", as the docs require.
 */
export function buildModelslabBody(params: Record<string, unknown>, key: string): Record<string, unknown> {
  const body: Record<string, unknown> = { key };
  let sendsBase64Image = false;
  for (const [name, encoding] of FIELDS) {
    const value = params[name];
    if (value === undefined) continue;
    if (typeof value === 'string' && value.trim() === '' && encoding !== 'image') continue;
    if (encoding === 'image' && typeof value === 'string' && isDataUrl(value)) sendsBase64Image = true;
    body[name] = encode(value, encoding);
  }
  if (sendsBase64Image) body.base64 = 'yes';
  else if (typeof params.base64 === 'boolean') body.base64 = yesNo(params.base64);
  return body;
}

function jsonPost(url: string, value: Record<string, unknown>): HttpRequest {
  return { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: { type: 'json', value } };
}

interface Args<P> {
  params: P;
  key: string;
  baseUrl: string;
}

export function buildText2imgRequest({ params, key, baseUrl }: Args<Text2imgParams>): HttpRequest {
  return jsonPost(`${baseUrl}/api/v4/dreambooth`, buildModelslabBody(params, key));
}

export function buildImg2imgRequest({ params, key, baseUrl }: Args<Img2imgParams>): HttpRequest {
  return jsonPost(`${baseUrl}/api/v4/dreambooth/img2img`, buildModelslabBody(params, key));
}

export function buildInpaintRequest({ params, key, baseUrl }: Args<InpaintParams>): HttpRequest {
  return jsonPost(`${baseUrl}/api/v4/dreambooth/inpaint`, buildModelslabBody(params, key));
}

/** POST {base}/api/v4/dreambooth/fetch with `{"key","request_id"}` (the documented fetch). */
export function buildFetchRequest({ id, key, baseUrl }: { id: string; key: string; baseUrl: string }): HttpRequest {
  return jsonPost(`${baseUrl}/api/v4/dreambooth/fetch`, { key, request_id: id });
}
