import type { ResultImage } from '../types';
import { isHttpUrl, looksLikeBase64, parseDataUrl, sniffBase64Mime } from './base64';

/**
 * A result image from a string a provider sent: an http(s) URL, a data URL, or
 * raw base64 (its type read from the first characters, else `fallbackMime`).
 * Undefined for anything else.
 */
export function imageFromString(value: string, fallbackMime: string): ResultImage | undefined {
  const v = value.trim();
  if (isHttpUrl(v)) return { type: 'url', url: v };
  const data = parseDataUrl(v);
  if (data) return { type: 'base64', data: data.data, mime: data.mime };
  if (looksLikeBase64(v)) return { type: 'base64', data: v.replace(/\s+/g, ''), mime: sniffBase64Mime(v) ?? fallbackMime };
  return undefined;
}

/** Every image found in a string or an array of strings. */
export function imagesFrom(value: unknown, fallbackMime: string): ResultImage[] {
  const list = Array.isArray(value) ? value : [value];
  const out: ResultImage[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const img = imageFromString(item, fallbackMime);
    if (img) out.push(img);
  }
  return out;
}
