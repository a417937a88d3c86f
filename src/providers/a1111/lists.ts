/**
 * The server's own lists, offered as suggestions for the model, sampler and scheduler fields
 * when the server answers (free text otherwise): GET /sdapi/v1/sd-models, /samplers, /schedulers.
 */
import type { HttpRequest, HttpResponse } from '../types';
import { authHeaders } from './auth';
import { isRecord, isSuccessStatus, parseJson } from '../shared/http';

export type A1111List = 'sd-models' | 'samplers' | 'schedulers';

/** Which form field each list feeds. */
export const LIST_FIELDS: Record<A1111List, string> = {
  'sd-models': 'sd_model_checkpoint',
  samplers: 'sampler_name',
  schedulers: 'scheduler',
};

export function buildListRequest(list: A1111List, { baseUrl, key }: { baseUrl: string; key: string }): HttpRequest {
  return { method: 'GET', url: `${baseUrl}/sdapi/v1/${list}`, headers: authHeaders(key), body: { type: 'none' } };
}

/** Where each list keeps the value the field takes: model titles, sampler names, scheduler labels. */
const VALUE_KEY: Record<A1111List, string> = { 'sd-models': 'title', samplers: 'name', schedulers: 'label' };

/** The suggestions in the server's order, without duplicates; undefined when the answer is not such a list. */
export function parseListResponse(list: A1111List, res: HttpResponse): string[] | undefined {
  if (!isSuccessStatus(res.status)) return undefined;
  const json = parseJson(res.body);
  if (!Array.isArray(json)) return undefined;
  const key = VALUE_KEY[list];
  const values = json
    .map((item) => (isRecord(item) ? (item[key] ?? item.name) : undefined))
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return [...new Set(values)];
}
