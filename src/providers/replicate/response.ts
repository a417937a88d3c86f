/**
 * Replicate's answers: a prediction (`starting|processing|succeeded|failed|canceled|aborted`,
 * its output a URL or a list of URLs) or problem-details JSON (`{title, detail, status}`,
 * with `invalid_fields` on a 422). Pure.
 */
import type { HttpResponse, ProviderResult } from '../types';
import { classifyError, errorResult, parseRetryAfter } from '../shared/errors';
import { getHeader, isRecord, parseJson } from '../shared/http';
import { imagesFrom } from '../shared/images';

const NAME = 'Replicate';

/** `Using seed: 1234` in a prediction's logs (Cog's usual line), when a model prints it. */
function seedFromLogs(logs: unknown): number | undefined {
  if (typeof logs !== 'string') return undefined;
  const m = /Using seed:\s*(\d{1,10})\b/.exec(logs);
  return m ? Number(m[1]) : undefined;
}

function lastLogLine(logs: unknown): string | undefined {
  if (typeof logs !== 'string') return undefined;
  const lines = logs.trim().split('\n');
  const line = lines[lines.length - 1]?.trim();
  return line ? line.slice(0, 200) : undefined;
}

function problem(res: HttpResponse, body: unknown): ProviderResult {
  const b = isRecord(body) ? body : {};
  const detail = typeof b.detail === 'string' ? b.detail.trim() : undefined;
  const title = typeof b.title === 'string' ? b.title.trim() : undefined;
  const fields = Array.isArray(b.invalid_fields)
    ? b.invalid_fields.filter(isRecord).map((f) => `${String(f.field ?? 'input')}: ${String(f.description ?? f.type ?? 'invalid')}`)
    : [];
  const text = (fields.length ? fields.join('; ') : (detail ?? title))?.slice(0, 400);
  const kind = classifyError(res.status, text ?? title, undefined);
  const retryAfter = parseRetryAfter(getHeader(res.headers, 'retry-after')) ?? (res.status === 429 ? retryFromDetail(detail) : undefined);
  return errorResult(NAME, kind, { status: res.status, text, retryAfter });
}

/** "Your rate limit resets in ~30s." */
function retryFromDetail(detail: string | undefined): number | undefined {
  const m = detail && /resets in ~?(\d{1,3})\s*s/.exec(detail);
  return m ? Number(m[1]) : undefined;
}

/** A prediction (create, get or cancel answer) as a result. */
export function parsePrediction(res: HttpResponse): ProviderResult {
  const body = parseJson(res.body);
  if (res.status >= 400 || !isRecord(body)) {
    if (res.status < 400) return errorResult(NAME, 'unknown', { status: res.status, note: 'the answer is not a prediction' });
    return problem(res, body);
  }
  const id = typeof body.id === 'string' ? body.id : undefined;
  const status = typeof body.status === 'string' ? body.status : '';
  const meta = { ...(typeof body.version === 'string' ? { version: body.version } : {}), ...(typeof body.model === 'string' ? { model: body.model } : {}) };
  if (status === 'succeeded') {
    const images = imagesFrom(body.output, 'image/webp');
    if (images.length === 0) {
      const removed = body.data_removed === true ? ' (its data was removed: Replicate keeps outputs for an hour)' : '';
      return errorResult(NAME, 'unknown', { status: res.status, lead: `${NAME} finished but sent no image${removed}`, providerId: id });
    }
    const metrics = isRecord(body.metrics) ? body.metrics : {};
    const seed = seedFromLogs(body.logs);
    return {
      kind: 'images',
      images,
      ...(seed !== undefined ? { seed } : {}),
      ...(typeof metrics.predict_time === 'number' ? { generationTime: metrics.predict_time } : {}),
      meta,
      providerId: id,
    };
  }
  if (status === 'failed' || status === 'canceled' || status === 'aborted') {
    const text = typeof body.error === 'string' ? body.error.slice(0, 400) : undefined;
    if (status !== 'failed') return { kind: 'error', error: { kind: 'cancelled', message: `The prediction was ${status} at ${NAME}.`, providerId: id } };
    return errorResult(NAME, classifyError(422, text, 'server'), { text, providerId: id, lead: `The model failed at ${NAME}` });
  }
  if ((status === 'starting' || status === 'processing') && id) {
    const line = lastLogLine(body.logs);
    return { kind: 'queued', id, message: line ?? (status === 'starting' ? 'Starting (the model may be booting).' : 'Processing.'), meta };
  }
  return errorResult(NAME, 'unknown', { status: res.status, note: `unknown prediction status "${status.slice(0, 40)}"` });
}

/** A model's answer (`GET /v1/models/{owner}/{name}`): its latest version and schema document. */
export function parseModel(res: HttpResponse): { version?: string; official: boolean; description?: string; doc: unknown } | ProviderResult {
  const body = parseJson(res.body);
  if (res.status >= 400 || !isRecord(body)) return problem(res, body);
  const latest = isRecord(body.latest_version) ? body.latest_version : undefined;
  const doc = latest?.openapi_schema ?? body.openapi_schema;
  if (!isRecord(doc)) return errorResult(NAME, 'invalid', { status: res.status, lead: `${NAME} sent no input schema for this model` });
  return {
    version: typeof latest?.id === 'string' ? latest.id : typeof body.id === 'string' ? body.id : undefined,
    // Only an official model's answer leaves its version out (providers.md: "hidden").
    official: !latest && typeof body.id !== 'string',
    description: typeof body.description === 'string' ? body.description.slice(0, 300) : undefined,
    doc,
  };
}
