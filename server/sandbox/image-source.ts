/**
 * Loading init images and masks: the twin's own files (read from memory), data URLs, raw base64,
 * or an http(s) URL on a public address (fetched with a timeout and a size cap, no redirect;
 * loopback, private and link-local addresses are never connected to).
 */
import { AnswerTooLarge } from '../net/fetch-public';
import { TargetRefused } from '../net/pinned';
import type { FileStore } from './files';
import { decodeImage } from './jpeg';
import type { Outbound } from './outbound';
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
  /** Which addresses URLs may reach (tests allow their loopback file server); logs each fetch. */
  outbound: Outbound;
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

async function loadBytes(value: string, { field, files, rawBase64, outbound }: ImageSourceOptions): Promise<Uint8Array> {
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ImageSourceError(`${field} is not a valid URL`);
    }
    if (url.pathname.startsWith(FILES_PATH)) return ownFile(url.pathname.slice(FILES_PATH.length), field, files);
    return fetchBytes(url, field, outbound);
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

/**
 * One message for every target the twin will not or cannot reach, as a real service that cannot
 * see the user's network would fail: a web page learns nothing about which ports answer.
 */
function unreachable(field: string, url: URL): ImageSourceError {
  return new ImageSourceError(`${field} could not be downloaded from ${url.href}: the host could not be reached`);
}

async function fetchBytes(url: URL, field: string, outbound: Outbound): Promise<Uint8Array> {
  let answer;
  try {
    answer = await outbound.fetch('image', url, { timeoutMs: FETCH_TIMEOUT_MS, maxBytes: MAX_IMAGE_BYTES });
  } catch (err) {
    if (err instanceof AnswerTooLarge) throw new ImageSourceError(`${field} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
    if (err instanceof TargetRefused) throw unreachable(field, url);
    if ((err as Error).name === 'TimeoutError') throw new ImageSourceError(`${field} could not be downloaded from ${url.href}: no answer within ${FETCH_TIMEOUT_MS / 1000} s`);
    throw unreachable(field, url);
  }
  if (answer.status >= 300 && answer.status < 400) throw new ImageSourceError(`${field} could not be downloaded from ${url.href}: redirects are not followed`);
  if (answer.status !== 200) throw new ImageSourceError(`${field} could not be downloaded from ${url.href}: HTTP ${answer.status}`);
  return answer.bytes;
}
