/**
 * ModelsLab answers: always parse the JSON body and branch on its `status`,
 * whatever the HTTP code (errors usually come with HTTP 200). Read both
 * `message` and the misspelt `messege`.
 */
import type { HttpResponse, ProviderResult, ResultImage } from '../types';
import { decodeText, getHeader, isRecord, isSuccessStatus, messageText, parseJson, summarizeText, toNumber } from '../shared/http';
import { classifyError, errorResult, parseRetryAfter } from '../shared/errors';
import { imageFromString } from '../shared/images';
import { isHttpUrl } from '../shared/base64';

const PROVIDER = 'ModelsLab';

/** Output entries: links (a `.base64` link holds base64 text), or inline base64. */
export function outputImages(output: unknown): ResultImage[] {
  const list = Array.isArray(output) ? output : typeof output === 'string' ? [output] : [];
  const images: ResultImage[] = [];
  for (const entry of list) {
    if (typeof entry !== 'string' || entry.trim() === '') continue;
    const value = entry.trim();
    if (isHttpUrl(value)) {
      const path = value.split(/[?#]/)[0] ?? value;
      images.push(path.toLowerCase().endsWith('.base64') ? { type: 'url', url: value, base64Text: true } : { type: 'url', url: value });
      continue;
    }
    const image = imageFromString(value, 'image/png');
    if (image) images.push(image);
  }
  return images;
}

function idOf(json: Record<string, unknown>): string | undefined {
  for (const v of [json.id, json.request_id]) {
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  // Last resort: the id at the end of `fetch_result` (…/dreambooth/fetch/29763508).
  if (typeof json.fetch_result === 'string') {
    const m = /\/fetch\/([^/?#]+)\/?(?:[?#].*)?$/.exec(json.fetch_result);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

function seedOf(meta: Record<string, unknown> | undefined): number | undefined {
  if (!meta) return undefined;
  const seed = Array.isArray(meta.seed) ? meta.seed[0] : meta.seed;
  return toNumber(seed);
}

/**
 * Per-sample seeds: a `meta.seed` list with one seed per image. A single `meta.seed` with several
 * samples names the batch, not each sample (the samples share one generator), so none is claimed.
 */
function perImageSeeds(meta: Record<string, unknown> | undefined, count: number): number[] | undefined {
  if (!meta || !Array.isArray(meta.seed) || count < 2 || meta.seed.length !== count) return undefined;
  const seeds = meta.seed.map(toNumber);
  return seeds.every((s): s is number => s !== undefined) ? seeds : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

function textOf(json: Record<string, unknown>): string | undefined {
  return messageText(json.message) ?? messageText(json.messege) ?? messageText(json.error) ?? messageText(json.detail);
}

function imagesResult(json: Record<string, unknown>, images: ResultImage[], providerId: string | undefined): ProviderResult {
  const meta = isRecord(json.meta) ? json.meta : undefined;
  const seed = seedOf(meta);
  const seeds = perImageSeeds(meta, images.length);
  const generationTime = toNumber(json.generationTime);
  return {
    kind: 'images',
    images,
    ...(seed !== undefined ? { seed } : {}),
    ...(seeds ? { seeds } : {}),
    ...(meta ? { meta } : {}),
    ...(generationTime !== undefined ? { generationTime } : {}),
    ...(providerId !== undefined ? { providerId } : {}),
  };
}

/** Parses a generation answer and a fetch answer alike (they share their shapes). */
export function parseModelslabResponse(res: HttpResponse): ProviderResult {
  const { status, headers, body } = res;
  const ok = isSuccessStatus(status);
  const json = parseJson(body);
  const headerRetry = parseRetryAfter(getHeader(headers, 'retry-after'));

  if (!isRecord(json)) {
    const raw = summarizeText(decodeText(body)) || undefined;
    if (ok) return errorResult(PROVIDER, 'unknown', { status, text: raw, lead: `${PROVIDER} answered with something that is not JSON` });
    const kind = classifyError(status, undefined);
    return errorResult(PROVIDER, kind, { status, text: raw, retryAfter: kind === 'rate_limit' ? headerRetry : undefined });
  }

  const state = typeof json.status === 'string' ? json.status.trim().toLowerCase() : '';
  const providerId = idOf(json);
  const text = textOf(json);

  if (state === 'success' || (state === '' && ok && outputImages(json.output).length > 0)) {
    const images = outputImages(json.output);
    if (images.length === 0) {
      return errorResult(PROVIDER, 'unknown', { lead: `${PROVIDER} reported success but sent no image links`, providerId });
    }
    return imagesResult(json, images, providerId);
  }

  if (state === 'processing' || state === 'queued' || state === 'pending' || state === 'starting') {
    const eta = toNumber(json.eta);
    const message = text ?? messageText(json.tip);
    const futureLinks = stringList(json.future_links);
    const meta = isRecord(json.meta) && Object.keys(json.meta).length > 0 ? json.meta : undefined;
    return {
      kind: 'queued',
      // A fetch answer may omit the id: the caller still knows which job it polled.
      id: providerId ?? '',
      ...(eta !== undefined ? { eta } : {}),
      ...(message !== undefined ? { message } : {}),
      ...(typeof json.fetch_result === 'string' && json.fetch_result !== '' ? { fetchUrl: json.fetch_result } : {}),
      ...(futureLinks.length > 0 ? { futureLinks } : {}),
      ...(meta ? { meta } : {}),
    };
  }

  if (state === 'failed') {
    return errorResult(PROVIDER, 'server', {
      lead: `${PROVIDER} could not generate the image`,
      text,
      providerId,
      hint: 'Send the request again; if it keeps failing, try another model or other parameter values.',
    });
  }

  // status "error", or no known status.
  const retryAfter = parseRetryAfter(json.retry_after) ?? headerRetry;
  const kind = classifyError(status, text, ok ? 'invalid' : undefined);
  if (state !== 'error' && ok && text === undefined) {
    return errorResult(PROVIDER, 'unknown', { lead: `${PROVIDER} sent an answer without a known status`, providerId });
  }
  return errorResult(PROVIDER, kind, {
    status,
    text,
    providerId,
    retryAfter: kind === 'rate_limit' ? retryAfter : undefined,
  });
}
