/**
 * Schema → field descriptors: what the generated form renders. Reads the zod
 * schema and its registered metadata only; knows nothing about any provider.
 */
import type { z } from 'zod';
import { paramMeta } from '../param';
import type { ParamMeta, WidgetHint } from '../param';
import type { AnyObjectSchema, ParamRole } from '../types';

/** A widget hint, or 'unsupported' for a schema nothing can render. */
export type FieldKind = WidgetHint | 'unsupported';

export interface FieldDescriptor {
  name: string;
  kind: FieldKind;
  description: string;
  group: 'basic' | 'advanced';
  required: boolean;
  nullable: boolean;
  defaultValue?: unknown;
  min?: number;
  max?: number;
  step?: number;
  /** For select: the allowed values (strings or numbers). */
  options?: ReadonlyArray<string | number>;
  suggestions?: readonly string[];
  /** A list the provider's server offers for this field (`ParamMeta.serverList`). */
  serverList?: string;
  role?: ParamRole;
  randomValue?: number | null;
  mask?: boolean;
  /** For unsupported fields: why the form cannot render it. */
  problem?: string;
}

// zod 4 keeps its internals on `def`; we only read the few properties we need.
interface Inspectable {
  def: { type: string; innerType?: Inspectable; defaultValue?: unknown; values?: unknown[] };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  options?: ReadonlyArray<string | number>;
  values?: Set<unknown>;
}

interface Unwrapped {
  core: Inspectable;
  optional: boolean;
  nullable: boolean;
  defaultValue?: unknown;
}

function unwrap(schema: Inspectable): Unwrapped {
  let s = schema;
  let optional = false;
  let nullable = false;
  let defaultValue: unknown;
  for (;;) {
    const t = s.def.type;
    if (t === 'optional') optional = true;
    else if (t === 'nullable') nullable = true;
    else if (t === 'default' || t === 'prefault') {
      optional = true;
      const d = s.def.defaultValue;
      defaultValue = typeof d === 'function' ? (d as () => unknown)() : d;
    } else break;
    if (!s.def.innerType) break;
    s = s.def.innerType;
  }
  return { core: s, optional, nullable, defaultValue };
}

function finite(n: number | null | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined;
}

function inferKind(core: Inspectable, meta: ParamMeta | undefined): { kind: FieldKind; problem?: string } {
  const t = core.def.type;
  if (meta?.widget === 'seed' || meta?.widget === 'image' || meta?.widget === 'textarea') {
    return { kind: meta.widget };
  }
  switch (t) {
    case 'string':
      return { kind: 'text' };
    case 'number':
      return { kind: core.isInt ? 'integer' : 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
    case 'literal':
      return { kind: 'select' };
    default:
      return { kind: 'unsupported', problem: `no field renders a zod "${t}" schema` };
  }
}

export function describeField(name: string, schema: z.ZodType): FieldDescriptor {
  const meta = paramMeta(schema);
  const { core, optional, nullable, defaultValue } = unwrap(schema as unknown as Inspectable);
  const { kind, problem } = inferKind(core, meta);
  const d: FieldDescriptor = {
    name,
    kind: meta ? kind : 'unsupported',
    description: meta?.description ?? '',
    group: meta?.group ?? 'advanced',
    required: !optional && !nullable,
    nullable,
    defaultValue,
    min: finite(core.minValue),
    max: finite(core.maxValue),
    step: meta?.step,
    suggestions: meta?.suggestions,
    serverList: meta?.serverList,
    role: meta?.role,
    randomValue: meta?.randomValue,
    mask: meta?.mask,
    problem: meta ? problem : `"${name}" has no parameter metadata (register it with param())`,
  };
  if (core.def.type === 'enum') d.options = core.options;
  if (core.def.type === 'literal') d.options = [...(core.values ?? [])] as Array<string | number>;
  return d;
}

export function describeSchema(schema: AnyObjectSchema): FieldDescriptor[] {
  const shape = schema.shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, s]) => describeField(name, s));
}

/** The values a fresh form starts with: schema defaults, then the endpoint's own initial values. */
export function initialFormValues(
  fields: FieldDescriptor[],
  initial: Record<string, unknown>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.name in initial) values[f.name] = initial[f.name];
    else if (f.defaultValue !== undefined) values[f.name] = f.defaultValue;
    else values[f.name] = undefined;
  }
  return values;
}
