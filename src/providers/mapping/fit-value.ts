/**
 * Fitting a shared number into one endpoint's field: the range, whole numbers,
 * multiples and allowed values are read from the field's zod schema; each
 * change comes back with a plain note saying what changed and why.
 */
import type { z } from 'zod';
import type { FieldDescriptor } from '../fields/describe';

export interface NumberRules {
  min?: number;
  max?: number;
  integer: boolean;
  multipleOf?: number;
  /** Allowed values (a literal or numeric enum), sorted. */
  options?: number[];
}

// zod 4 keeps its checks on `def.checks`; only the few properties read here.
interface Inspectable {
  def: {
    type: string;
    innerType?: Inspectable;
    checks?: Array<{ _zod?: { def?: { check?: string; value?: unknown; format?: string } } }>;
  };
}

function core(schema: z.ZodType): Inspectable {
  let s = schema as unknown as Inspectable;
  while (s.def.innerType && ['optional', 'nullable', 'default', 'prefault'].includes(s.def.type)) s = s.def.innerType;
  return s;
}

export function numberRules(field: FieldDescriptor, schema: z.ZodType): NumberRules {
  const numbers = field.options?.filter((o): o is number => typeof o === 'number');
  if (numbers && numbers.length > 0 && numbers.length === field.options?.length) {
    return { integer: numbers.every(Number.isInteger), options: [...numbers].sort((a, b) => a - b) };
  }
  const rules: NumberRules = { min: field.min, max: field.max, integer: field.kind === 'integer' };
  for (const check of core(schema).def.checks ?? []) {
    const d = check._zod?.def;
    if (d?.check === 'multiple_of' && typeof d.value === 'number' && d.value > 0) rules.multipleOf = d.value;
    if (d?.check === 'number_format' && (d.format === 'safeint' || d.format?.startsWith('int') || d.format?.startsWith('uint'))) {
      rules.integer = true;
    }
  }
  return rules;
}

/** Numbers as people read them: no float noise (0.30000000000000004). */
export function formatNumber(n: number): string {
  return String(Number(n.toPrecision(12)));
}

export interface Fitted {
  value: number;
  notes: string[];
}

/** The allowed value nearest to `value`; on a tie, the larger one. */
function nearest(value: number, options: number[]): number {
  let best = options[0]!;
  for (const o of options) {
    const d = Math.abs(o - value);
    const bd = Math.abs(best - value);
    if (d < bd || (d === bd && o > best)) best = o;
  }
  return best;
}

/** How a note ends: what becomes of the value (Compare sends it; a lock sets the form's field). */
export interface FitWording {
  /** `to` is what the value became. */
  becomes(to: string): string;
  /** The nearest allowed value, `to`, was taken. */
  nearest(to: string): string;
}

export const SENT_WORDING: FitWording = {
  becomes: (to) => `${to} is sent`,
  nearest: (to) => `the nearest, ${to}, is sent`,
};

export function fitNumber(value: number, rules: NumberRules, wording: FitWording = SENT_WORDING): Fitted {
  const f = formatNumber;
  const to = (n: number) => wording.becomes(f(n));
  if (rules.options && rules.options.length > 0) {
    const v = nearest(value, rules.options);
    return v === value
      ? { value, notes: [] }
      : { value: v, notes: [`${f(value)} is not one of ${rules.options.join(', ')}: ${wording.nearest(f(v))}`] };
  }
  const notes: string[] = [];
  let v = value;
  const m = rules.multipleOf;
  if (rules.min !== undefined && v < rules.min) {
    const min = m ? Math.ceil(rules.min / m) * m : rules.min;
    notes.push(`${f(v)} is below the minimum ${f(rules.min)}: ${to(min)}`);
    v = min;
  }
  if (rules.max !== undefined && v > rules.max) {
    const max = m ? Math.floor(rules.max / m) * m : rules.max;
    notes.push(`${f(v)} is above the maximum ${f(rules.max)}: ${to(max)}`);
    v = max;
  }
  if (rules.integer && !Number.isInteger(v)) {
    const whole = Math.round(v);
    notes.push(`${f(v)} is not a whole number: ${to(whole)}`);
    v = whole;
  }
  if (m && Math.abs(v / m - Math.round(v / m)) > 1e-9) {
    let multiple = Math.round(v / m) * m;
    if (rules.max !== undefined && multiple > rules.max) multiple -= m;
    if (rules.min !== undefined && multiple < rules.min) multiple += m;
    notes.push(`${f(v)} is not a multiple of ${f(m)}: ${to(multiple)}`);
    v = multiple;
  }
  return { value: v, notes };
}
