/**
 * Loading init images and masks: the twin's own files (read from memory), data URLs, raw base64,
 * or any reachable http(s) URL (fetched with a timeout and a size cap).
 */
import type { FileStore } from './files';
import { decodeImage } from './jpeg';
import type { Raster } from './raster';

export const FETCH_TIMEOUT_MS = 10_000;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** A failure to load an image, in plain words naming the field. */
export class ImageSourceError extends Error {}

export interface ImageSourceOptions {
  /** The request field, for messages (init_image, mask, ...). */
  field: string;
  files: FileStore;
  /** Whether a value that is neither a URL nor a data URL is taken as raw base64. */
  rawBase64: boolean;
}

const FILES_PATH = '/sandbox/files/';

/** Loads an optional image field (undefined when not given). */
export function loadOptionalImage(value: string | undefined, options: ImageSourceOptions): Promise<Raster | undefined> {
  return value === undefined ? Promise.resolve(undefined) : loadImage(value, options);
}

export async function loadImage(value: string, options: ImageSourceOptions): Promise<Raster> {
  const bytes = await loadBytes(value.trim(), options);
  try {
    return decodeImage(bytes);
  } catch (err) {
    throw new ImageSourceError(`${options.field} could not be decoded: ${(err as Error).message}`, { cause: err });
  }
}

async function loadBytes(value: string, { field, files, rawBase64 }: ImageSourceOptions): Promise<Uint8Array> {
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ImageSourceError(`${field} is not a valid URL`);
    }
    if (url.pathname.startsWith(FILES_PATH)) return ownFile(url.pathname.slice(FILES_PATH.length), field, files);
    return fetchBytes(url, field);
  }
  if (/^data:/i.test(value)) {
    const comma = value.indexOf(',');
    if (comma < 0 || !/;base64$/i.test(value.slice(0, comma))) throw new ImageSourceError(`${field} data URL must be base64-encoded`);
    return base64Bytes(value.slice(comma + 1), field);
  }
  if (rawBase64) return base64Bytes(value, field);
  throw new ImageSourceError(`${field} must be an http(s) URL of a PNG or JPEG image`);
}

function ownFile(name: string, field: string, files: FileStore): Uint8Array {
  const file = files.get(name);
  if (!file) throw new ImageSourceError(`${field}: no sandbox file named ${name} (files live in memory and are lost on restart)`);
  return name.endsWith('.base64') ? base64Bytes(Buffer.from(file.bytes).toString('latin1'), field) : file.bytes;
}

function base64Bytes(text: string, field: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) throw new ImageSourceError(`${field} is not valid base64`);
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

async function fetchBytes(url: URL, field: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : (err as Error).message;
    throw new ImageSourceError(`${field} could not be downloaded from ${url.href}: ${reason}`, { cause: err });
  }
  if (!response.ok) throw new ImageSourceError(`${field} could not be downloaded from ${url.href}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_IMAGE_BYTES) throw new ImageSourceError(`${field} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > MAX_IMAGE_BYTES) throw new ImageSourceError(`${field} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
      chunks.push(chunk);
    }
  }
  return new Uint8Array(Buffer.concat(chunks));
}
