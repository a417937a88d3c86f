/**
 * fal's storage (providers.md, "fal" F4): `POST https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3`
 * with `{content_type, file_name}` and the Key header answers `{upload_url, file_url}`; the bytes
 * are PUT to `upload_url` without the key, and the request names `file_url`. Pure.
 */
import type { FileUploads, HttpResponse, UploadAnswer } from '../types';
import { errorResult } from '../shared/errors';
import { isRecord, parseJson } from '../shared/http';
import { falAuth } from './request';
import { parseFalResponse } from './response';

export const FAL_STORAGE_HOST = 'https://rest.fal.ai';

/**
 * Every image is uploaded (0 bytes inline): fal documents no size for `data:` URIs and says only
 * some models take them, while a URL works with every model; fal's own client uploads each one too.
 */
export const FAL_MAX_INLINE_BYTES = 0;

function parseInitiate(res: HttpResponse): UploadAnswer {
  if (res.status >= 400) {
    const failed = parseFalResponse(res);
    if (failed.kind === 'error') return { kind: 'error', error: { ...failed.error, message: `The upload to fal's storage failed: ${failed.error.message}` } };
  }
  const body = parseJson(res.body);
  if (!isRecord(body) || typeof body.upload_url !== 'string' || typeof body.file_url !== 'string') {
    return errorResult('fal', 'unknown', { status: res.status, lead: "fal's storage answered without upload_url and file_url" });
  }
  return { kind: 'uploaded', url: body.file_url, put: { url: body.upload_url } };
}

export const falUploads: FileUploads = {
  maxInlineBytes: FAL_MAX_INLINE_BYTES,
  label: "fal's storage",
  host: { baseUrl: FAL_STORAGE_HOST, sandboxPrefix: 'fal-rest' },
  build: ({ file, key, baseUrl }) => ({
    method: 'POST',
    url: `${baseUrl}/storage/upload/initiate?storage_type=fal-cdn-v3`,
    headers: { ...falAuth(key), 'Content-Type': 'application/json' },
    body: { type: 'json', value: { content_type: file.mime, file_name: file.fileName } },
  }),
  parse: parseInitiate,
};
