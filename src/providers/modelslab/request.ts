/**
 * ModelsLab requests: JSON with the key as `"key"` first, then the schema's
 * fields in the order of the docs' example (the schema keeps that order); the
 * encodings (sizes as strings, flags as "yes"/"no") are in the schema's metadata.
 *
 * Empty values: undefined (and an empty optional text) is left out, so the
 * service applies its own default; null is sent as null, because the docs'
 * example sends `"seed": null` (random seed) and null for the other unset
 * fields, and an exact copy of that example must be reproducible.
 */
import type { HttpRequest, KeyLocation } from '../types';
import type { WireFormat } from '../shared/request';
import { isDataUrl } from '../shared/base64';
import { isImageRef } from '../shared/image-ref';

export const MODELSLAB_KEY: KeyLocation = { in: 'json', name: 'key' };

export const MODELSLAB_WIRE: WireFormat = { body: 'json', key: MODELSLAB_KEY, nulls: 'send', blankText: 'omit' };

/** A local image (a data URL) goes as raw base64 and turns `base64` to "yes", as the docs require. */
export function markBase64Images(body: Record<string, unknown>, params: Record<string, unknown>) {
  const sendsLocalImage = ['init_image', 'mask_image'].some((name) => typeof params[name] === 'string' && (isDataUrl(params[name]) || isImageRef(params[name])));
  if (sendsLocalImage) body.base64 = 'yes';
}

/** POST {base}/api/v4/dreambooth/fetch with `{"key","request_id"}` (the documented fetch). */
export function buildFetchRequest({ id, key, baseUrl }: { id: string; key: string; baseUrl: string }): HttpRequest {
  return {
    method: 'POST',
    url: `${baseUrl}/api/v4/dreambooth/fetch`,
    headers: { 'Content-Type': 'application/json' },
    body: { type: 'json', value: { key, request_id: id } },
  };
}
