/** Small formatting helpers for the detail view. Pure. */
import { isInputRef } from '../../job-store/inputs';

export const LONG_VALUE = 120;

export function formatMs(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatSeconds(s: number | undefined): string | undefined {
  return s === undefined ? undefined : `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}

export function formatBytes(bytes: number | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatTime(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : new Date(epochMs).toLocaleString();
}

export interface FormattedValue {
  /** What to show (maybe shortened). */
  text: string;
  /** The whole value as text, for copying; undefined when `text` is already all of it. */
  full?: string;
  /** The value is a stored input (an init image or mask kept outside the record). */
  storedInput?: boolean;
}

export function formatValue(value: unknown): FormattedValue {
  if (isInputRef(value)) return { text: 'stored input image (data URL)', storedInput: true };
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  if (text.length <= LONG_VALUE) return { text };
  return { text: `${text.slice(0, LONG_VALUE)}…`, full: text };
}

/** A request body as readable text: JSON bodies pretty-printed, multipart as name = value lines. */
export function formatRequestBody(body: unknown): string {
  if (body && typeof body === 'object' && 'type' in body) {
    const b = body as { type: string; value?: unknown; fields?: Array<[string, string]> };
    if (b.type === 'none') return '(no body)';
    if (b.type === 'multipart' && Array.isArray(b.fields)) {
      return b.fields.map(([name, value]) => `${name} = ${formatValue(value).text}`).join('\n');
    }
    if (b.type === 'json') return shortenJson(b.value);
  }
  return shortenJson(body);
}

/** Pretty JSON with long strings (data URLs) shortened. */
export function shortenJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' && v.length > LONG_VALUE ? `${v.slice(0, 60)}… (${v.length} characters)` : v), 2) ?? '';
}
