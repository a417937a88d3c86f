/**
 * Reading request fields with the documents' types and ranges. Each reader returns undefined for
 * a field that is not given (absent, null or an empty string) and throws a FieldError naming the
 * field otherwise; each twin turns a FieldError into its own error shape.
 */

export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

export type Fields = Record<string, unknown>;

/** The body as a JSON object, or undefined when it is not valid JSON or not an object. */
export function parseJsonObject(body: Buffer): Fields | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
  } catch {
    return undefined;
  }
}

export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** Only these values are allowed. */
  oneOf?: readonly number[];
}

function describe(rule: NumberRule): string {
  if (rule.oneOf) return `one of ${rule.oneOf.join(', ')}`;
  return `${rule.integer ? 'an integer' : 'a number'} from ${rule.min} to ${rule.max}`;
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A number given as a JSON number or as a numeric string ("512" and 512 are the same). */
export function readNumber(fields: Fields, name: string, rule: NumberRule): number | undefined {
  const value = fields[name];
  if (isAbsent(value)) return undefined;
  let n = Number.NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && (rule.integer ? INTEGER : DECIMAL).test(value.trim())) n = Number(value.trim());
  const fits =
    Number.isFinite(n) &&
    (!rule.integer || Number.isInteger(n)) &&
    (rule.oneOf ? rule.oneOf.includes(n) : n >= rule.min && n <= rule.max);
  if (!fits) throw new FieldError(name, `must be ${describe(rule)} (got ${shown(value)})`);
  return n;
}

export function readString(fields: Fields, name: string, required = false): string | undefined {
  const value = fields[name];
  if (isAbsent(value)) {
    if (required) throw new FieldError(name, value === undefined || value === null ? 'is required' : 'must not be empty');
    return undefined;
  }
  if (typeof value !== 'string') throw new FieldError(name, `must be a string (got ${shown(value)})`);
  return value;
}

export function readEnum<T extends string>(fields: Fields, name: string, allowed: readonly T[]): T | undefined {
  const value = readString(fields, name);
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new FieldError(name, `must be one of ${allowed.join(', ')} (got ${shown(value)})`);
  return value as T;
}

/**
 * Booleans in a provider's spelling: 'TrueFalse' ("True" / "False", exactly: DreamRender),
 * 'yesno' ("yes" / "no", or JSON true / false: ModelsLab), 'json' (true / false, or "true" / "false": Segmind).
 */
export function readFlag(fields: Fields, name: string, spelling: 'TrueFalse' | 'yesno' | 'json'): boolean | undefined {
  const value = fields[name];
  if (isAbsent(value)) return undefined;
  if (spelling === 'TrueFalse') {
    if (value === 'True' || value === 'False') return value === 'True';
    throw new FieldError(name, `must be "True" or "False" (got ${shown(value)})`);
  }
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const [yes, no] = spelling === 'yesno' ? ['yes', 'no'] : ['true', 'false'];
  if (text === yes || text === no) return text === yes;
  throw new FieldError(name, `must be ${spelling === 'yesno' ? '"yes" or "no"' : 'true or false'} (got ${shown(value)})`);
}

/** A seed: undefined for "random" (absent, null or -1), else an integer from 0 to 2^53 - 1. */
export function readSeed(fields: Fields, name: string): number | undefined {
  const seed = readNumber(fields, name, { integer: true, min: -1, max: Number.MAX_SAFE_INTEGER });
  return seed === -1 ? undefined : seed;
}
