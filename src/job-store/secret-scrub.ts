/**
 * Before a record is stored, every string in it (params, request, error, meta,
 * URLs, notes — object keys included) is scanned for the configured keys, and
 * each hit is replaced by SECRET_MARK. A provider that echoes the key
 * (`Invalid key <key>`, `meta.key`) cannot put it in IndexedDB. Stored error
 * text is also capped here. Pure.
 */
import { bytesToBase64 } from '../providers/shared/base64';
import type { JobRecord } from './job-record';

export const SECRET_MARK = '<redacted>';
/** Shorter values are not scanned: they would blank out ordinary words (a sandbox key like `invalid`). */
export const MIN_SECRET_LENGTH = 8;
/** Characters of error message and hint kept; the rest is dropped with a note. */
export const MAX_ERROR_TEXT = 4000;

/** The spellings of each secret to look for: as typed, URL-encoded, and for `user:password` its Basic base64. */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const raw of secrets) {
    const s = raw.trim();
    if (s.length < MIN_SECRET_LENGTH) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    if (s.includes(':')) {
      const basic = bytesToBase64(new TextEncoder().encode(s));
      forms.add(basic);
      forms.add(basic.replace(/=+$/, ''));
    }
  }
  // Longest first: a form that contains another is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

export function scrubString(value: string, forms: readonly string[]): string {
  let out = value;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(SECRET_MARK);
  return out;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A copy of `value` with every secret form replaced in strings and object keys; Blobs and other objects are kept as they are. */
export function scrubSecrets<T>(value: T, forms: readonly string[], depth = 0): T {
  if (forms.length === 0 || depth > 32) return value;
  if (typeof value === 'string') return scrubString(value, forms) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubSecrets(item, forms, depth + 1)) as T;
  if (value !== null && typeof value === 'object' && isPlain(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[scrubString(k, forms)] = scrubSecrets(v, forms, depth + 1);
    return out as T;
  }
  return value;
}

export function capText(text: string, max = MAX_ERROR_TEXT): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters dropped)`;
}

/** The record as it may be stored: no configured secret anywhere, error text capped. */
export function sanitizeRecord(job: JobRecord, secrets: readonly string[]): JobRecord {
  const clean = scrubSecrets(job, secretForms(secrets));
  if (!clean.error) return clean;
  const { message, hint } = clean.error;
  return { ...clean, error: { ...clean.error, message: capText(message), ...(hint !== undefined ? { hint: capText(hint) } : {}) } };
}
