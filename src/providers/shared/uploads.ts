/**
 * Which images of a request go inline and which are uploaded first: a field sent as it is
 * (`dataUri` wire: Replicate, fal) whose value is a `data:` URI larger than the provider's
 * `maxInlineBytes` is uploaded, and the request names the uploaded file instead. Pure.
 */
import type { z } from 'zod';
import type { AnyObjectSchema, FileUploads, UploadFile } from '../types';
import { base64ToBytes, splitDataUrl } from './base64';
import { wireOf } from './request';

export interface PlannedUpload {
  /** The field (its schema name). */
  field: string;
  file: UploadFile;
}

/** Bytes a base64 payload decodes to, without decoding it. */
export function base64Size(payload: string): number {
  const compact = payload.replace(/\s+/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((compact.length * 3) / 4) - padding);
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

/** The images of `params` to upload before sending, in the schema's order. */
export function planUploads(schema: AnyObjectSchema, params: Record<string, unknown>, uploads: FileUploads | undefined): PlannedUpload[] {
  if (!uploads) return [];
  const out: PlannedUpload[] = [];
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const value = params[name];
    if (typeof value !== 'string' || wireOf(field) !== 'dataUri') continue;
    const parts = splitDataUrl(value);
    if (!parts?.base64 || base64Size(parts.payload) <= uploads.maxInlineBytes) continue;
    const ext = EXTENSIONS[parts.mime] ?? 'bin';
    out.push({ field: name, file: { bytes: base64ToBytes(parts.payload), mime: parts.mime, fileName: `${name}.${ext}` } });
  }
  return out;
}

/**
 * A URL an upload answer names (the file to send, or where to PUT it), checked: https, no
 * credentials; or, in Sandbox mode, below the twins' own origin. Undefined when it is not acceptable.
 */
export function checkedUploadUrl(value: unknown, sandboxOrigin: string | undefined): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.protocol === 'https:') return url.href;
  return sandboxOrigin && url.origin === sandboxOrigin && url.pathname.startsWith('/sandbox/') ? url.href : undefined;
}
