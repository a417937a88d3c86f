/**
 * fal's answers: a queue status (`{status, request_id, queue_position?, logs?}`), a model's
 * output (`{images: [{url, width, height}], seed, timings, has_nsfw_concepts}`), or an error
 * (`{detail}` as a string or a list of `{loc, msg, type}`; platform errors add `error_type`). Pure.
 */
import type { HttpResponse, ProviderResult } from '../types';
import { classifyError, errorResult, parseRetryAfter } from '../shared/errors';
import { getHeader, isRecord, parseJson } from '../shared/http';
import { imageFromString } from '../shared/images';
import type { ResultImage } from '../types';
import { jobIdOf } from './request';

const NAME = 'fal';

function detailText(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const d = body.detail;
  if (typeof d === 'string') return d.slice(0, 400);
  if (Array.isArray(d)) {
    return d
      .filter(isRecord)
      .map((x) => `${Array.isArray(x.loc) ? x.loc.filter((p) => p !== 'body').join('.') : 'input'}: ${String(x.msg ?? x.type ?? 'invalid')}`)
      .join('; ')
      .slice(0, 400);
  }
  return typeof body.error === 'string' ? body.error.slice(0, 400) : undefined;
}

function failure(res: HttpResponse, body: unknown): ProviderResult {
  const text = detailText(body);
  const kind = classifyError(res.status, text, undefined);
  return errorResult(NAME, kind, { status: res.status, text, retryAfter: parseRetryAfter(getHeader(res.headers, 'retry-after')) });
}

function lastLog(logs: unknown): string | undefined {
  if (!Array.isArray(logs)) return undefined;
  const last = logs.filter(isRecord).map((l) => (typeof l.message === 'string' ? l.message.trim() : '')).filter(Boolean).pop();
  return last?.slice(0, 200);
}

function outputImages(images: unknown): ResultImage[] {
  if (!Array.isArray(images)) return [];
  const out: ResultImage[] = [];
  for (const item of images) {
    const url = isRecord(item) ? item.url : item;
    const img = typeof url === 'string' ? imageFromString(url, 'image/jpeg') : undefined;
    if (img) out.push(img);
  }
  return out;
}

/**
 * A status, a submit answer or a result. `endpointId` names the model (its job id is kept as
 * `{owner}/{app}/requests/{id}`, so that polls need nothing else).
 */
export function parseFalResponse(res: HttpResponse, endpointId?: string): ProviderResult {
  const body = parseJson(res.body);
  if (res.status >= 400 || !isRecord(body)) {
    if (res.status < 400) return errorResult(NAME, 'unknown', { status: res.status, note: 'the answer is not JSON' });
    return failure(res, body);
  }
  if ('images' in body) {
    const images = outputImages(body.images);
    if (images.length === 0) return errorResult(NAME, 'unknown', { status: res.status, lead: `${NAME} finished but sent no image` });
    const timings = isRecord(body.timings) ? body.timings : {};
    return {
      kind: 'images',
      images,
      ...(typeof body.seed === 'number' && Number.isSafeInteger(body.seed) ? { seed: body.seed } : {}),
      ...(typeof timings.inference === 'number' ? { generationTime: timings.inference } : {}),
      ...(Array.isArray(body.has_nsfw_concepts) ? { meta: { has_nsfw_concepts: body.has_nsfw_concepts } } : {}),
    };
  }
  const status = typeof body.status === 'string' ? body.status : '';
  const requestId = typeof body.request_id === 'string' && /^[a-z0-9-]{8,64}$/i.test(body.request_id) ? body.request_id : undefined;
  if (status === 'IN_QUEUE' || status === 'IN_PROGRESS' || status === 'COMPLETED') {
    // A submit answer names the request; a status answer is about the job already kept.
    const id = requestId && endpointId ? jobIdOf(endpointId, requestId) : (requestId ?? '');
    if (status === 'COMPLETED') {
      const error = typeof body.error === 'string' ? body.error : undefined;
      if (error) return errorResult(NAME, classifyError(422, error, 'server'), { text: error.slice(0, 400), lead: `The model failed at ${NAME}` });
      return { kind: 'queued', id, ready: true, message: 'Completed: fetching the result.' };
    }
    const position = typeof body.queue_position === 'number' ? body.queue_position : undefined;
    const message = status === 'IN_QUEUE' ? `In the queue${position !== undefined ? `, position ${position}` : ''}.` : (lastLog(body.logs) ?? 'In progress.');
    return { kind: 'queued', id, message };
  }
  return errorResult(NAME, 'unknown', { status: res.status, note: `unknown queue status "${status.slice(0, 40)}"` });
}

/** The input schema's name in a per-endpoint OpenAPI document: the POST body's `$ref`. */
export function inputRefOf(doc: unknown, endpointId: string): string | undefined {
  if (!isRecord(doc) || !isRecord(doc.paths)) return undefined;
  const post = (doc.paths as Record<string, unknown>)[`/${endpointId}`];
  const schema = isRecord(post) && isRecord(post.post) ? (post.post as { requestBody?: { content?: Record<string, { schema?: { $ref?: unknown } }> } }).requestBody?.content?.['application/json']?.schema : undefined;
  return typeof schema?.$ref === 'string' ? schema.$ref : undefined;
}
