/**
 * A request's large images, uploaded before it is sent (`ProviderDef.uploads`: Replicate's Files
 * API, fal's storage): the provider module plans which (`planUploads`: a `data:` URI over its inline
 * size) and builds each upload; here they are sent, one after another, with the job's signal, and
 * the request then names the uploaded files. The key goes only to the provider's own upload
 * request (its header), never to the place an answer names for the bytes (fal's `upload_url`).
 */
import { NetworkError, send } from '../api/http';
import { routedUrl } from '../api/route';
import type { Route } from '../api/route';
import { formatBytes } from '../providers/shared/image-ref';
import { requestTimeoutMs } from '../providers/shared/limits';
import { checkedUploadUrl } from '../providers/shared/uploads';
import type { PlannedUpload } from '../providers/shared/uploads';
import type { FileUploads, ProviderDef, ProviderError } from '../providers/types';
import { networkError } from './job-exchange';

export interface UploadedImage {
  field: string;
  mime: string;
  bytes: number;
  /** The URL the request names instead of the image. */
  url: string;
  /** Where it went (`Replicate's Files API`). */
  to: string;
}

export type UploadOutcome = { kind: 'done'; params: Record<string, unknown>; uploads: UploadedImage[] } | { kind: 'cancelled' } | { kind: 'error'; error: ProviderError };

/** The route of the upload's host: the provider's own, or its storage host's (the twin's prefix in Sandbox mode). */
export function uploadRoute(route: Route, uploads: FileUploads, mode: 'sandbox' | 'live'): Route {
  if (!uploads.host) return route;
  if (mode === 'sandbox') return { key: route.key, baseUrl: `${new URL(route.baseUrl).origin}/sandbox/${uploads.host.sandboxPrefix}` };
  const baseUrl = uploads.host.baseUrl;
  return { ...route, baseUrl, ...(route.proxy ? { proxy: { ...route.proxy, target: baseUrl } } : {}) };
}

/** `JPEG, 1.2 MB` */
export function describeImageBytes(mime: string, bytes: number): string {
  return `${(mime.split('/')[1] ?? mime).toUpperCase()}, ${formatBytes(bytes)}`;
}

/** `image (JPEG, 1.2 MB) to Replicate's Files API; the request names the uploaded file` */
export function describeUploads(uploads: readonly UploadedImage[]): string {
  const parts = uploads.map((u) => `${u.field} (${describeImageBytes(u.mime, u.bytes)}) to ${u.to}`);
  return `${parts.join('; ')}; the request names ${uploads.length === 1 ? 'the uploaded file' : 'the uploaded files'} instead of the bytes.`;
}

function failure(uploads: FileUploads, message: string, hint?: string): UploadOutcome {
  return { kind: 'error', error: { kind: 'network', message: `Not sent: the upload to ${uploads.label} failed: ${message}`, ...(hint ? { hint } : {}) } };
}

/**
 * Uploads `planned` (from `planUploads`) and gives the params to send, each uploaded field
 * replaced by its URL. `onNotice` says which image is on its way.
 */
export async function uploadImages(
  provider: ProviderDef,
  planned: PlannedUpload[],
  params: Record<string, unknown>,
  route: Route,
  mode: 'sandbox' | 'live',
  signal: AbortSignal,
  onNotice: (text: string) => void,
): Promise<UploadOutcome> {
  const uploads = provider.uploads;
  if (!uploads || planned.length === 0) return { kind: 'done', params, uploads: [] };
  const target = uploadRoute(route, uploads, mode);
  const sandboxOrigin = mode === 'sandbox' ? new URL(route.baseUrl).origin : undefined;
  const timeoutMs = requestTimeoutMs(provider);
  const out = { ...params };
  const done: UploadedImage[] = [];
  for (const { field, file } of planned) {
    onNotice(`Uploading ${field} (${describeImageBytes(file.mime, file.bytes.length)}) to ${uploads.label}`);
    let read;
    try {
      const req = uploads.build({ file, key: target.key, baseUrl: target.baseUrl });
      const { url, extraHeaders } = routedUrl(target, req.url);
      read = uploads.parse(await send(req, { url, extraHeaders, signal, viaProxy: url !== req.url, timeoutMs }));
    } catch (e) {
      if (signal.aborted || (e instanceof NetworkError && e.cancelled)) return { kind: 'cancelled' };
      const err = networkError(e, provider);
      return failure(uploads, err.message, err.hint);
    }
    if (read.kind === 'error') return { kind: 'error', error: { ...read.error, message: `Not sent: ${read.error.message}` } };
    const url = checkedUploadUrl(read.url, sandboxOrigin);
    if (!url) return failure(uploads, 'its answer named a file URL that is not https.');
    if (read.put) {
      const putUrl = checkedUploadUrl(read.put.url, sandboxOrigin);
      if (!putUrl) return failure(uploads, 'its answer named an upload URL that is not https.');
      try {
        // Straight to the place the answer names (not through the proxy), with no key.
        const res = await send({ method: 'PUT', url: putUrl, headers: { 'Content-Type': file.mime }, body: { type: 'file', bytes: file.bytes, mime: file.mime, fileName: file.fileName } }, { signal, timeoutMs });
        if (res.status < 200 || res.status >= 300) return failure(uploads, `the storage refused the bytes (HTTP ${res.status}).`, 'Retry sends the image again; if it keeps failing, use a smaller image.');
      } catch (e) {
        if (signal.aborted || (e instanceof NetworkError && e.cancelled)) return { kind: 'cancelled' };
        // The page's security policy lets it reach the provider's listed hosts only (fal's file hosts included).
        return failure(uploads, `the bytes could not be sent to ${new URL(putUrl).host} (${e instanceof Error ? e.message : String(e)}).`, 'Check your connection, then Retry. The page may connect only to the hosts the provider lists; an upload host outside them is refused.');
      }
    }
    out[field] = url;
    done.push({ field, mime: file.mime, bytes: file.bytes.length, url, to: uploads.label });
  }
  return { kind: 'done', params: out, uploads: done };
}
