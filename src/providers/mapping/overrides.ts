/**
 * Per-target overrides, typed as `name=value` lines with the endpoint's own
 * parameter names (`num_inference_steps=25`). They win over the shared values.
 */
import type { FieldDescriptor } from '../fields/describe';

export interface ParsedOverrides {
  values: Record<string, unknown>;
  errors: string[];
}

const TRUE = ['true', 'yes', 'on', '1'];
const FALSE = ['false', 'no', 'off', '0'];

function coerce(field: FieldDescriptor, raw: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = raw.trim();
  if (text === 'null' && field.nullable) return { ok: true, value: null };
  const numericOptions = field.options?.length && field.options.every((o) => typeof o === 'number');
  if (field.kind === 'number' || field.kind === 'integer' || field.kind === 'seed' || numericOptions) {
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) return { ok: false, error: `${field.name}: "${text}" is not a number` };
    return { ok: true, value: n };
  }
  if (field.kind === 'boolean') {
    const t = text.toLowerCase();
    if (TRUE.includes(t)) return { ok: true, value: true };
    if (FALSE.includes(t)) return { ok: true, value: false };
    return { ok: false, error: `${field.name}: "${text}" is not true or false` };
  }
  return { ok: true, value: raw.trim() };
}

export function parseOverrides(text: string | undefined, fields: FieldDescriptor[]): ParsedOverrides {
  const out: ParsedOverrides = { values: {}, errors: [] };
  for (const [i, line] of (text ?? '').split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const at = trimmed.indexOf('=');
    if (at <= 0) {
      out.errors.push(`line ${i + 1}: write name=value`);
      continue;
    }
    const name = trimmed.slice(0, at).trim();
    const field = fields.find((f) => f.name === name);
    if (!field) {
      out.errors.push(`line ${i + 1}: this endpoint has no parameter "${name}"`);
      continue;
    }
    if (field.kind === 'image') {
      out.errors.push(`line ${i + 1}: ${name} comes from the shared init image or mask`);
      continue;
    }
    const c = coerce(field, trimmed.slice(at + 1));
    if (c.ok) out.values[name] = c.value;
    else out.errors.push(`line ${i + 1}: ${c.error}`);
  }
  return out;
}
