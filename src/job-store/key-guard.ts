/**
 * Defence in depth: a job record must never carry an API key. The caller
 * redacts the request before it reaches the store; this refuses any record
 * where a key-like field still holds something other than the redaction mark.
 */

/** The value a caller may leave in a key-like field after redacting it. */
export const REDACTED = '[redacted]';

/** Field names compared after lower-casing and dropping `-` and `_`. */
const KEY_LIKE = new Set(['key', 'devkey', 'xapikey', 'apikey', 'authorization']);

export function isKeyLikeName(name: string): boolean {
  return KEY_LIKE.has(name.toLowerCase().replace(/[-_]/g, ''));
}

function isRedacted(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (typeof value !== 'string') return false;
  const v = value.trim().replace(/^(bearer|basic|key)\s+/i, '');
  return v === REDACTED || v === '<redacted>' || /^[*•]+$/.test(v);
}

export class KeyInRecordError extends Error {
  readonly paths: string[];
  constructor(paths: string[]) {
    super(`Refused to save a job record holding an API key (at ${paths.join(', ')}). Redact it before saving.`);
    this.name = 'KeyInRecordError';
    this.paths = paths;
  }
}

/** Paths of key-like fields holding a value, anywhere inside `value`. */
export function findKeyFields(value: unknown, path = '', found: string[] = [], depth = 0): string[] {
  if (depth > 20 || value === null || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    // Multipart fields: [name, value] pairs.
    if (value.length === 2 && typeof value[0] === 'string' && isKeyLikeName(value[0]) && !isRedacted(value[1])) {
      found.push(`${path}[${value[0]}]`);
      return found;
    }
    value.forEach((item, i) => findKeyFields(item, `${path}[${i}]`, found, depth + 1));
    return found;
  }
  for (const [name, v] of Object.entries(value)) {
    const p = path ? `${path}.${name}` : name;
    if (isKeyLikeName(name) && !isRedacted(v)) found.push(p);
    else findKeyFields(v, p, found, depth + 1);
  }
  return found;
}

interface Checkable {
  params?: unknown;
  request?: { headers?: unknown; body?: unknown };
}

/** Throws KeyInRecordError when params or the request carry a key. */
export function assertNoKey(job: Checkable): void {
  const paths = [
    ...findKeyFields(job.params, 'params'),
    ...findKeyFields(job.request?.headers, 'request.headers'),
    ...findKeyFields(job.request?.body, 'request.body'),
  ];
  if (paths.length > 0) throw new KeyInRecordError(paths);
}
