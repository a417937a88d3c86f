/**
 * Shared parameters → one endpoint's own parameters. Every name comes from the
 * schema's role metadata; ranges, enums, whole numbers and multiples from the
 * schema itself. Each change is a visible row with a note; per-target
 * overrides win; the result is validated with the endpoint's schema, and a
 * target the schema would reject is not sendable, with the reasons.
 */
import type { z } from 'zod';
import { describeImageRef, isImageRef } from '../shared/image-ref';
import { getEndpoint } from '../registry';
import type { EndpointDef } from '../types';
import { describeSchema, initialFormValues } from '../fields/describe';
import type { FieldDescriptor } from '../fields/describe';
import { normalizeValues } from '../fields/form-values';
import { fitNumber, formatNumber, numberRules } from './fit-value';
import { parseOverrides } from './overrides';
import { translateScheduler } from './scheduler-names';
import { chooseSizeOption } from './size-options';
import { isNumericKey, SHARED_KEYS, SHARED_LABELS } from './shared-params';
import type { SharedKey, SharedParams } from './shared-params';
/** What the mapping needs of a target: the endpoint, optionally another model, overrides in its own names. */
export interface MappingTarget {
  endpointId: string;
  model?: string;
  overrides?: string;
}

export type RowStatus =
  /** The shared value, as it is. */
  | 'sent'
  /** Changed to fit the endpoint (range, allowed values, another name). */
  | 'adjusted'
  /** No shared value: the endpoint's own default or example. */
  | 'default'
  /** The endpoint has this parameter but the value cannot be expressed: left out. */
  | 'omitted'
  /** The endpoint has no parameter with this role. */
  | 'not-taken'
  /** A per-target override. */
  | 'override';

export type Severity = 'ok' | 'info' | 'warning' | 'error';

export interface MappingRow {
  key: SharedKey | 'model' | 'override' | 'size';
  /** The endpoint's own parameter name. */
  field?: string;
  shared?: unknown;
  /** What is sent; undefined: not sent. */
  value?: unknown;
  status: RowStatus;
  severity: Severity;
  note?: string;
}

export interface TargetMapping<T extends MappingTarget = MappingTarget> {
  target: T;
  endpoint?: EndpointDef;
  /** The parameters to submit (the schema fills its defaults when it parses them). */
  params: Record<string, unknown>;
  rows: MappingRow[];
  /** Notes of adjusted and omitted values. */
  warnings: string[];
  /** Why it cannot be sent; empty when sendable. */
  problems: string[];
  sendable: boolean;
}

const fieldCache = new WeakMap<EndpointDef, FieldDescriptor[]>();
export function endpointFields(endpoint: EndpointDef): FieldDescriptor[] {
  let fields = fieldCache.get(endpoint);
  if (!fields) {
    fields = describeSchema(endpoint.schema);
    fieldCache.set(endpoint, fields);
  }
  return fields;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

export function showValue(v: unknown): string {
  if (v === undefined) return '—';
  if (v === null) return 'null';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') {
    if (isImageRef(v)) return `image (${describeImageRef(v)})`;
    if (/^data:image\//.test(v)) return `image (${Math.round((v.length * 3) / 4 / 1024)} KB)`;
    return v.length > 60 ? `"${v.slice(0, 57)}…"` : `"${v}"`;
  }
  return String(v);
}

interface Ctx {
  endpoint: EndpointDef;
  field: FieldDescriptor;
  shape: Record<string, z.ZodType>;
  values: Record<string, unknown>;
}

function mapShared(key: SharedKey, shared: unknown, { endpoint, field, shape, values }: Ctx): MappingRow {
  const row: MappingRow = { key, field: field.name, shared, status: 'sent', severity: 'ok' };
  if (isEmpty(shared)) {
    if (key === 'seed') {
      values[field.name] = field.randomValue;
      return { ...row, status: 'default', value: values[field.name], severity: 'info', note: 'random: one seed is drawn at Run and sent to every target' };
    }
    if (key === 'prompt' || key === 'negativePrompt' || key === 'initImage' || key === 'mask') {
      // Never the endpoint's example text or image: what the user left empty stays empty.
      values[field.name] = key === 'initImage' || key === 'mask' ? undefined : '';
      const needed = field.required && (key === 'initImage' || key === 'mask');
      return {
        ...row,
        status: 'default',
        value: values[field.name],
        severity: needed ? 'error' : 'ok',
        note: needed ? `${endpoint.name} needs ${key === 'mask' ? 'a mask' : 'an init image'}` : undefined,
      };
    }
    return { ...row, status: 'default', value: values[field.name], severity: 'ok', note: 'not set: the endpoint default' };
  }
  if (isNumericKey(key) && typeof shared === 'number') {
    const fitted = fitNumber(shared, numberRules(field, shape[field.name]!));
    values[field.name] = fitted.value;
    if (fitted.notes.length === 0) return { ...row, value: fitted.value };
    return { ...row, value: fitted.value, status: 'adjusted', severity: 'warning', note: fitted.notes.join('; ') };
  }
  if (key === 'scheduler' && typeof shared === 'string' && field.options) {
    const match = translateScheduler(shared, field.options);
    if (match.kind === 'same') {
      values[field.name] = match.value;
      return { ...row, value: match.value };
    }
    if (match.kind === 'equivalent') {
      values[field.name] = match.value;
      return { ...row, value: match.value, status: 'adjusted', severity: 'warning', note: `"${shared}" is called "${match.value}" here` };
    }
    values[field.name] = undefined;
    if (field.required && field.defaultValue === undefined) {
      return { ...row, status: 'omitted', severity: 'error', note: `${endpoint.name} has no equivalent of "${shared}" and needs a ${field.name}` };
    }
    return { ...row, status: 'omitted', severity: 'warning', note: `${endpoint.name} has no equivalent of "${shared}": not sent` };
  }
  values[field.name] = shared;
  return { ...row, value: shared };
}

/** Width and height as the one named size an endpoint takes instead (`aspect_ratio`, `image_size`). */
function mapSize(field: FieldDescriptor, shared: SharedParams, values: Record<string, unknown>): MappingRow | undefined {
  const { width, height } = shared;
  const row: MappingRow = { key: 'size', field: field.name, status: 'default', severity: 'ok', value: values[field.name] };
  if (isEmpty(width) && isEmpty(height)) return row;
  if (width === undefined || height === undefined) {
    return { ...row, shared: width ?? height, severity: 'info', note: `${field.name} is chosen from both width and height: the endpoint default` };
  }
  const asked = `${width}×${height}`;
  const choice = chooseSizeOption(field.options ?? [], width, height);
  if (!choice) return { ...row, shared: asked, status: 'omitted', severity: 'warning', note: `no ${field.name} matches ${asked}: the endpoint default` };
  values[field.name] = choice.value;
  return { ...row, shared: asked, value: choice.value, status: choice.exact ? 'sent' : 'adjusted', severity: choice.exact ? 'ok' : 'warning', note: choice.note };
}

function notTaken(key: SharedKey, shared: unknown, endpoint: EndpointDef): MappingRow | undefined {
  if (isEmpty(shared)) return undefined;
  const why =
    key === 'initImage' || key === 'mask'
      ? `${endpoint.title.toLowerCase()} takes no ${SHARED_LABELS[key]}: not sent`
      : (key === 'width' || key === 'height') && endpoint.kind !== 'txt2img'
        ? `${endpoint.name} has no ${key} parameter: the size follows the init image`
        : `${endpoint.name} has no ${SHARED_LABELS[key]} parameter: not sent`;
  return { key, shared, status: 'not-taken', severity: 'info', note: why };
}

export function mapTarget<T extends MappingTarget>(target: T, shared: SharedParams): TargetMapping<T> {
  const endpoint = getEndpoint(target.endpointId);
  if (!endpoint) {
    const problem = `There is no endpoint "${target.endpointId}".`;
    return { target, params: {}, rows: [], warnings: [], problems: [problem], sendable: false };
  }
  const fields = endpointFields(endpoint);
  const shape = endpoint.schema.shape as Record<string, z.ZodType>;
  const values = initialFormValues(fields, endpoint.initialValues as Record<string, unknown>);
  const rows: MappingRow[] = [];
  const byRole = (role: string) => fields.find((f) => f.role === role);

  const modelField = byRole('model');
  if (modelField) {
    const model = target.model?.trim();
    if (model) values[modelField.name] = model;
    rows.push({ key: 'model', field: modelField.name, shared: model, value: values[modelField.name], status: model ? 'sent' : 'default', severity: 'ok', note: model ? undefined : "the endpoint's example model" });
  }

  // No width and height, but a named size: the two become one row.
  const sizeField = !byRole('width') && !byRole('height') ? byRole('size') : undefined;
  for (const key of SHARED_KEYS) {
    const field = byRole(key);
    const value = shared[key];
    if (sizeField && (key === 'width' || key === 'height')) {
      const row = key === 'width' ? mapSize(sizeField, shared, values) : undefined;
      if (row) rows.push(row);
      continue;
    }
    if (!field) {
      const row = notTaken(key, value, endpoint);
      if (row) rows.push(row);
      continue;
    }
    rows.push(mapShared(key, value, { endpoint, field, shape, values }));
  }

  const overrides = parseOverrides(target.overrides, fields);
  for (const [name, value] of Object.entries(overrides.values)) {
    values[name] = value;
    const existing = rows.find((r) => r.field === name);
    const patch = { value, status: 'override', severity: 'ok', note: 'per-target override' } satisfies Partial<MappingRow>;
    if (existing) Object.assign(existing, patch);
    else rows.push({ key: 'override', field: name, ...patch });
  }

  const problems = overrides.errors.map((e) => `Overrides, ${e}`);
  for (const row of rows) if (row.severity === 'error' && row.note) problems.push(row.note);
  const params = normalizeValues(endpoint.schema, fields, values);
  const parsed = endpoint.schema.safeParse(params);
  if (parsed.success) {
    const out = parsed.data as Record<string, unknown>;
    for (const row of rows) {
      if (!row.field) continue;
      row.value = out[row.field];
      if (row.status === 'omitted' && out[row.field] !== undefined) row.note += `; the schema default ${showValue(out[row.field])} applies`;
    }
  } else {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      const row = rows.find((r) => r.field === name);
      if (row?.severity === 'error') continue; // already explained in plain words
      const reason = `the schema rejects it: ${issue.message}`;
      if (row) Object.assign(row, { severity: 'error', note: [row.note, reason].filter(Boolean).join('; ') });
      problems.push(`${name || 'parameters'}: ${issue.message}`);
    }
  }

  return {
    target,
    endpoint,
    params,
    rows,
    warnings: rows.filter((r) => r.severity === 'warning' && r.note).map((r) => `${r.field ?? SHARED_LABELS[r.key as SharedKey | 'size']}: ${r.note}`),
    problems: [...new Set(problems)],
    sendable: problems.length === 0,
  };
}
