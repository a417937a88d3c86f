/**
 * Segmind answers: image bytes (base64 false), JSON `{"image"}` (base64 true;
 * the sandbox twin adds `"images": [...]` when samples > 1), or JSON
 * `{"error"}` with a status that says what went wrong.
 */
import type { HttpResponse, ImagesResult, ProviderResult, ResultImage } from '../types';
import { contentType, decodeText, getHeader, isRecord, isSuccessStatus, messageText, parseJson, summarizeText, toNumber } from '../shared/http';
import { classifyError, errorResult, kindFromText, parseRetryAfter } from '../shared/errors';
import { imagesFrom } from '../shared/images';
import { sniffImageMime } from '../shared/base64';

const PROVIDER = 'Segmind';

/** A header number, tolerating a unit after it ("2.41s"). */
function headerNumber(headers: Record<string, string>, name: string): number | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)/.exec(getHeader(headers, name) ?? '');
  return m?.[1] === undefined ? undefined : toNumber(m[1]);
}

/** What the response headers say about the run (seed, credits left, time, request id). */
function headerFacts(headers: Record<string, string>): Omit<ImagesResult, 'kind' | 'images'> {
  const seed = headerNumber(headers, 'x-seed-value');
  const credits = headerNumber(headers, 'x-remaining-credits');
  const cost = headerNumber(headers, 'x-cost');
  const generationTime = headerNumber(headers, 'x-generation-time');
  const providerId = getHeader(headers, 'x-request-id');
  return {
    ...(seed !== undefined ? { seed } : {}),
    ...(credits !== undefined ? { credits } : {}),
    ...(cost !== undefined ? { cost } : {}),
    ...(generationTime !== undefined ? { generationTime } : {}),
    ...(providerId ? { providerId } : {}),
  };
}

function jsonImages(json: Record<string, unknown>): ResultImage[] {
  const many = imagesFrom(json.images, 'image/jpeg');
  return many.length > 0 ? many : imagesFrom(json.image, 'image/jpeg');
}

function errorFor(status: number, text: string | undefined, headers: Record<string, string>): ProviderResult {
  switch (status) {
    case 404:
      return errorResult(PROVIDER, 'not_found', { status, text });
    case 405:
      return errorResult(PROVIDER, 'invalid', {
        status,
        text,
        lead: `${PROVIDER} does not accept this request method at this address`,
        hint: 'Check the base URL in Settings: the endpoint must accept a POST.',
      });
    case 406: {
      // Insufficient credits, a spend limit, or a bad content type: told apart by the text.
      const kind = text !== undefined && kindFromText(text) === 'credits' ? 'credits' : 'invalid';
      return errorResult(PROVIDER, kind, { status, text });
    }
    case 429: {
      const retryAfter = parseRetryAfter(getHeader(headers, 'retry-after'));
      return errorResult(PROVIDER, 'rate_limit', { status, text, retryAfter });
    }
    case 500:
      return errorResult(PROVIDER, 'server', {
        status,
        text,
        lead: `${PROVIDER} failed while generating the image`,
        note: 'this is often a parameter value the model does not accept',
        hint: 'Check the parameter values (sizes, scheduler, steps, images), fix the odd one and resend.',
      });
    case 502:
    case 503:
    case 504:
      return errorResult(PROVIDER, 'server', {
        status,
        text,
        lead: `${PROVIDER}'s gateway could not get an answer from the model`,
        hint: 'The service is busy or timed out; retry in a minute.',
      });
    default:
      return errorResult(PROVIDER, classifyError(status, text), { status, text });
  }
}

export function parseSegmindResponse(res: HttpResponse): ProviderResult {
  const { status, headers, body } = res;
  const type = contentType(headers);
  const ok = isSuccessStatus(status);

  if (ok && (type.startsWith('image/') || (type !== 'application/json' && sniffImageMime(body)))) {
    if (body.length === 0) return errorResult(PROVIDER, 'unknown', { lead: `${PROVIDER} answered with an empty image` });
    const mime = type.startsWith('image/') ? type : (sniffImageMime(body) ?? 'image/jpeg');
    return { kind: 'images', images: [{ type: 'bytes', bytes: body, mime }], ...headerFacts(headers) };
  }

  const json = parseJson(body);
  if (isRecord(json)) {
    const text = messageText(json.error) ?? messageText(json.message) ?? messageText(json.detail);
    if (ok) {
      const images = jsonImages(json);
      if (images.length > 0) return { kind: 'images', images, ...headerFacts(headers) };
      if (text !== undefined) return errorResult(PROVIDER, classifyError(status, text, 'unknown'), { text });
      return errorResult(PROVIDER, 'unknown', { lead: `${PROVIDER} answered without an image` });
    }
    return errorFor(status, text, headers);
  }

  const raw = summarizeText(decodeText(body)) || undefined;
  if (ok) return errorResult(PROVIDER, 'unknown', { text: raw, lead: `${PROVIDER} answered without an image` });
  return errorFor(status, raw, headers);
}
