/**
 * DreamRender's responses are undocumented ("the generated image data or an
 * error message"), so this is liberal: image bytes, JSON images (base64, data
 * URL or link), JSON errors under `error`, `message` or `detail`, anything else.
 */
import type { ErrorKind, HttpResponse, ProviderResult, ResultImage } from '../types';
import { contentType, decodeText, getHeader, isRecord, isSuccessStatus, messageText, parseJson, summarizeText, toNumber } from '../shared/http';
import { classifyError, errorResult, kindFromText, parseRetryAfter } from '../shared/errors';
import { imagesFrom } from '../shared/images';
import { sniffImageMime } from '../shared/base64';

const PROVIDER = 'DreamRender';

function errorText(json: Record<string, unknown>): string | undefined {
  return messageText(json.error) ?? messageText(json.message) ?? messageText(json.detail);
}

/** 400 (and 422) is a bad field, unless the text is about the key (a missing dev_key). */
function errorKind(status: number, text: string | undefined): ErrorKind {
  if (status === 400 || status === 422) return text !== undefined && kindFromText(text) === 'auth' ? 'auth' : 'invalid';
  return classifyError(status, text);
}

function jsonImages(json: Record<string, unknown>): ResultImage[] {
  const images = [...imagesFrom(json.images, 'image/png'), ...imagesFrom(json.image, 'image/png')];
  if (images.length === 0) images.push(...imagesFrom(json.url, 'image/png'), ...imagesFrom(json.output, 'image/png'));
  return images;
}

export function parseGenerateImageResponse(res: HttpResponse): ProviderResult {
  const { status, headers, body } = res;
  const type = contentType(headers);
  const ok = isSuccessStatus(status);
  const retryAfter = parseRetryAfter(getHeader(headers, 'retry-after'));

  if (ok && (type.startsWith('image/') || (type !== 'application/json' && sniffImageMime(body)))) {
    const mime = type.startsWith('image/') ? type : (sniffImageMime(body) ?? 'image/png');
    if (body.length === 0) return errorResult(PROVIDER, 'unknown', { status, lead: `${PROVIDER} answered with an empty image` });
    return { kind: 'images', images: [{ type: 'bytes', bytes: body, mime }] };
  }

  const json = parseJson(body);
  if (isRecord(json)) {
    const text = errorText(json);
    if (ok) {
      const images = jsonImages(json);
      if (images.length > 0) {
        const seed = toNumber(json.seed);
        return { kind: 'images', images, ...(seed !== undefined ? { seed } : {}) };
      }
      if (text !== undefined) {
        return errorResult(PROVIDER, classifyError(status, text, 'invalid'), { text });
      }
      return errorResult(PROVIDER, 'unknown', { status, lead: `${PROVIDER} answered without an image` });
    }
    const kind = errorKind(status, text);
    return errorResult(PROVIDER, kind, { status, text, retryAfter: kind === 'rate_limit' ? retryAfter : undefined });
  }

  const raw = summarizeText(decodeText(body));
  if (ok) {
    return errorResult(PROVIDER, 'unknown', { status, text: raw || undefined, lead: `${PROVIDER} answered without an image` });
  }
  const kind = errorKind(status, undefined);
  return errorResult(PROVIDER, kind, { status, text: raw || undefined, retryAfter: kind === 'rate_limit' ? retryAfter : undefined });
}
