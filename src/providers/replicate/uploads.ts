/**
 * Replicate's Files API (providers.md, "Replicate" R4): an image too large to go inline is
 * uploaded with `POST /v1/files` (multipart, the bytes as `content`), and the prediction names
 * the answer's `urls.get`. Files expire after 24 h; over 100 MB is refused with a 413. Pure.
 */
import type { FileUploads, HttpResponse, UploadAnswer } from '../types';
import { errorResult } from '../shared/errors';
import { isRecord, parseJson } from '../shared/http';
import { keyHeaders } from '../shared/request';
import { REPLICATE_KEY } from './request';
import { parsePrediction } from './response';

/**
 * The largest image sent inline as a `data:` URI: the API's OpenAPI document advises 256 kB, its
 * input-files page "less than 1 MB"; the stricter of the two (the server's hard limit is unverified).
 */
export const REPLICATE_MAX_INLINE_BYTES = 256 * 1024;

function parseFile(res: HttpResponse): UploadAnswer {
  if (res.status >= 400) {
    const failed = parsePrediction(res);
    if (failed.kind === 'error') return { kind: 'error', error: { ...failed.error, message: `The upload to Replicate's Files API failed: ${failed.error.message}` } };
  }
  const body = parseJson(res.body);
  const urls = isRecord(body) && isRecord(body.urls) ? body.urls : undefined;
  if (typeof urls?.get !== 'string') return errorResult('Replicate', 'unknown', { status: res.status, lead: "Replicate's Files API answered without the file's URL (urls.get)" });
  return { kind: 'uploaded', url: urls.get };
}

export const replicateUploads: FileUploads = {
  maxInlineBytes: REPLICATE_MAX_INLINE_BYTES,
  label: "Replicate's Files API",
  build: ({ file, key, baseUrl }) => ({
    method: 'POST',
    url: `${baseUrl}/v1/files`,
    // No Content-Type: the fetch layer's FormData sets it with the boundary.
    headers: keyHeaders(REPLICATE_KEY, key),
    body: { type: 'file', bytes: file.bytes, mime: file.mime, fileName: file.fileName, part: 'content' },
  }),
  parse: parseFile,
};
