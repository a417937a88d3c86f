import type { HttpRequest } from '../types';
import type { GenerateImageParams } from './schema';
import { trueFalse } from '../shared/values';

/** The document's field order (dev_key first); every value goes as a string. */
const FIELD_ORDER = [
  'model',
  'prompt',
  'width',
  'height',
  'seed',
  'styles',
  'cfg_scale',
  'steps',
  'enable_hr',
  'negative_prompt',
  'prompt_temp',
  'prompt_top_p',
  'designer',
  'enhance_prompt',
] as const satisfies ReadonlyArray<keyof GenerateImageParams>;

function encode(value: string | number | boolean): string {
  if (typeof value === 'boolean') return trueFalse(value);
  return String(value);
}

/**
 * POST {base}/api/generate_image as multipart/form-data; the key is the `dev_key`
 * field. Optional fields that are undefined are left out; an empty string is sent
 * as "" (the document's example sends `negative_prompt=""`). No Content-Type
 * header: the fetch layer's FormData sets it with the boundary.
 */
export function buildGenerateImageRequest(args: { params: GenerateImageParams; key: string; baseUrl: string }): HttpRequest {
  const fields: Array<[string, string]> = [['dev_key', args.key]];
  for (const name of FIELD_ORDER) {
    const value = args.params[name];
    if (value === undefined) continue;
    fields.push([name, encode(value)]);
  }
  return {
    method: 'POST',
    url: `${args.baseUrl}/api/generate_image`,
    headers: {},
    body: { type: 'multipart', fields },
  };
}
