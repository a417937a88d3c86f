/**
 * What the Replicate and fal twins share: checking a request's input against the model's own
 * JSON Schema (as the real services do before they queue anything), the picture size a model's
 * inputs ask for, and rendering the pictures into the file store. Independent of src/.
 */
import { randomUUID } from 'node:crypto';
import { encodeJpeg } from './jpeg';
import { encodePng } from './png';
import { generate } from './generate';
import type { Raster } from './raster';
import type { Twin } from './twin';

export type Schema = Record<string, unknown>;

export interface InputIssue {
  field: string;
  /** Replicate's `invalid_fields[].type` names: required, enum, number_lte, number_gte, invalid_type, additional_property_not_allowed. */
  type: string;
  message: string;
}

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A local `#/a/b` pointer in `doc`. */
export function pointer(doc: unknown, ref: string): Schema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let at: unknown = doc;
  for (const part of ref.slice(2).split('/')) at = isObject(at) && Object.prototype.hasOwnProperty.call(at, part) ? at[part] : undefined;
  return isObject(at) ? at : undefined;
}

/** The property's effective schemas: itself, what `allOf`/`$ref` name, and `anyOf` branches. */
function alternatives(doc: unknown, prop: Schema): Schema[] {
  const ref = typeof prop.$ref === 'string' ? prop.$ref : Array.isArray(prop.allOf) && isObject(prop.allOf[0]) && typeof prop.allOf[0].$ref === 'string' ? prop.allOf[0].$ref : undefined;
  const base = ref ? { ...(pointer(doc, ref) ?? {}), ...prop } : prop;
  if (!Array.isArray(base.anyOf)) return [base];
  return base.anyOf.filter(isObject).map((b) => (typeof b.$ref === 'string' ? (pointer(doc, b.$ref) ?? b) : b));
}

function matches(s: Schema, value: unknown): InputIssue['type'] | undefined {
  if (Array.isArray(s.enum)) return s.enum.includes(value as never) ? undefined : 'enum';
  switch (s.type) {
    case 'null':
      return value === null ? undefined : 'invalid_type';
    case 'string':
      if (typeof value !== 'string') return 'invalid_type';
      if (s.format === 'uri' && !/^(https?:\/\/|data:)/i.test(value)) return 'format';
      return undefined;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (s.type === 'integer' && !Number.isInteger(value))) return 'invalid_type';
      if (typeof s.maximum === 'number' && value > s.maximum) return 'number_lte';
      if (typeof s.minimum === 'number' && value < s.minimum) return 'number_gte';
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'invalid_type';
    case 'object':
      return isObject(value) ? undefined : 'invalid_type';
    case 'array':
      return Array.isArray(value) ? undefined : 'invalid_type';
    default:
      return undefined;
  }
}

const WORDS: Record<string, string> = {
  required: 'is required',
  enum: 'must be one of the listed values',
  number_lte: 'is greater than the maximum',
  number_gte: 'is less than the minimum',
  invalid_type: 'has the wrong type',
  format: 'must be a URL or a data URI',
  additional_property_not_allowed: 'is not an input of this model',
};

/** Every problem of `input` against the `Input` schema `input` (with `doc` for its refs). */
export function checkInput(doc: unknown, schema: Schema, input: Record<string, unknown>): InputIssue[] {
  const props = isObject(schema.properties) ? schema.properties : {};
  const issues: InputIssue[] = [];
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const name of required) if (typeof name === 'string' && input[name] === undefined) issues.push({ field: name, type: 'required', message: `${name} ${WORDS.required}` });
  for (const [name, value] of Object.entries(input)) {
    const prop = props[name];
    if (!isObject(prop)) {
      issues.push({ field: name, type: 'additional_property_not_allowed', message: `${name} ${WORDS.additional_property_not_allowed}` });
      continue;
    }
    const results = alternatives(doc, prop).map((s) => matches(s, value));
    const problem = results.includes(undefined) ? undefined : results[0];
    if (problem) issues.push({ field: name, type: problem, message: `${name} ${WORDS[problem] ?? 'is invalid'}` });
  }
  return issues;
}

const FAL_SIZES: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

const round16 = (n: number) => Math.max(64, Math.round(n / 16) * 16);

/** The size the inputs ask for: width/height, fal's image_size, or aspect_ratio × megapixels; else the init image's. */
export function pictureSize(input: Record<string, unknown>, init?: Raster): { width: number; height: number } {
  if (typeof input.width === 'number' && typeof input.height === 'number') return { width: round16(input.width), height: round16(input.height) };
  const size = input.image_size;
  if (isObject(size) && typeof size.width === 'number' && typeof size.height === 'number') return { width: round16(size.width), height: round16(size.height) };
  if (typeof size === 'string' && FAL_SIZES[size]) return { width: FAL_SIZES[size][0], height: FAL_SIZES[size][1] };
  if (init) return { width: init.width, height: init.height };
  const [w, h] = typeof input.aspect_ratio === 'string' && /^\d+:\d+$/.test(input.aspect_ratio) ? input.aspect_ratio.split(':').map(Number) : [1, 1];
  const pixels = 1024 * 1024 * (Number(input.megapixels) > 0 ? Number(input.megapixels) : 1);
  const ratio = (w || 1) / (h || 1);
  return { width: round16(Math.sqrt(pixels * ratio)), height: round16(Math.sqrt(pixels / ratio)) };
}

export interface RenderPlan {
  provider: string;
  model: string;
  input: Record<string, unknown>;
  seed: number;
  samples: number;
  init?: Raster;
  mask?: Raster;
  format: 'png' | 'jpg';
  /** When the files may be read (the job's end). */
  availableAt: number;
}

/** Renders the pictures into the file store; their URLs under /sandbox/files/. */
export function renderPictures(twin: Twin, origin: string, p: RenderPlan): Array<{ url: string; width: number; height: number; contentType: string }> {
  const { width, height } = pictureSize(p.input, p.init);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const rasters = generate({
    provider: p.provider,
    model: p.model,
    prompt: typeof p.input.prompt === 'string' ? p.input.prompt : '',
    negativePrompt: typeof p.input.negative_prompt === 'string' ? p.input.negative_prompt : '',
    seed: p.seed,
    width,
    height,
    samples: p.samples,
    guidance: num(p.input.guidance_scale) ?? num(p.input.guidance),
    steps: num(p.input.num_inference_steps) ?? num(p.input.steps),
    init: p.init,
    mask: p.mask,
    strength: num(p.input.prompt_strength) ?? num(p.input.strength) ?? (p.mask ? 1 : undefined),
  });
  const prefix = randomUUID();
  return rasters.map((raster, i) => {
    const name = `${prefix}-${i}.${p.format}`;
    twin.files.put(name, p.format === 'png' ? encodePng(raster) : encodeJpeg(raster), p.availableAt);
    return { url: `${origin}/sandbox/files/${name}`, width, height, contentType: p.format === 'png' ? 'image/png' : 'image/jpeg' };
  });
}
