/**
 * A model's published input schema (JSON Schema, as Replicate's Cog and fal's OpenAPI write it)
 * becomes what a hand-written provider has: a zod object with `param()` metadata on every field,
 * in the schema's own order. Pure; the schema is hostile data, so every keyword is checked.
 *
 * - Order: Replicate's per-property `x-order`, else fal's `x-fal-order-properties`, else as listed.
 * - Enums: inline `enum`, behind `allOf: [{$ref}]` (Cog), or the enum branch of an `anyOf` (fal's
 *   `image_size`: a preset name or a `{width, height}` object; the form offers the names).
 * - Nullable: `nullable: true` or an `anyOf` with `{type: "null"}`.
 * - Files: `format: "uri"` strings named like an image or a mask are image inputs; other uris are text.
 * - Roles come from well-known names (prompt, seed, num_outputs, …): these schemas have nothing else.
 * - Fields no form can hold (arrays, objects) are left out and listed in `skipped`; the model
 *   applies its own default for them.
 */
import { z } from 'zod';
import { param } from '../param';
import type { ParamMeta } from '../param';
import type { EndpointKind, ParamRole } from '../types';
import { imageValue, MAX_SEED_32, requiredText } from '../shared/params';

export type JsonSchema = Record<string, unknown>;

export interface ConvertOptions {
  /** Resolves a local `$ref` (`#/components/schemas/aspect_ratio`) against the whole document. */
  resolve(ref: string): JsonSchema | undefined;
  /** Image fields' wire encoding (Replicate and fal take a whole `data:` URI). */
  imageWire?: ParamMeta['wire'];
}

export interface ConvertedSchema {
  schema: z.ZodObject<Record<string, z.ZodType>>;
  /** Field names in the order the form shows them (and the body sends them). */
  order: string[];
  /** Starting values: the schema's defaults and `examples` for a required prompt. */
  initialValues: Record<string, unknown>;
  kind: EndpointKind;
  /** Fields left out, with the reason. */
  skipped: Array<{ name: string; reason: string }>;
}

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

const IMAGE_NAMES = /^(image|image_url|init_image|input_image|image_uri|start_image)$/;
const MASK_NAMES = /^(mask|mask_url|mask_image|mask_image_url)$/;

const ROLE_BY_NAME: Record<string, ParamRole> = {
  prompt: 'prompt',
  negative_prompt: 'negativePrompt',
  seed: 'seed',
  width: 'width',
  height: 'height',
  num_outputs: 'samples',
  num_images: 'samples',
  num_inference_steps: 'steps',
  steps: 'steps',
  guidance_scale: 'guidance',
  guidance: 'guidance',
  scheduler: 'scheduler',
  prompt_strength: 'strength',
  strength: 'strength',
  aspect_ratio: 'size',
  image_size: 'size',
};

const BASIC = new Set(['aspect_ratio', 'image_size', 'megapixels']);

/** Follows `allOf: [{$ref}]` and a bare `$ref` to the schema they name (one level per step, at most 8). */
function deref(node: JsonSchema, resolve: ConvertOptions['resolve']): JsonSchema {
  let at = node;
  for (let i = 0; i < 8; i++) {
    const ref = str(at.$ref) ?? (Array.isArray(at.allOf) && at.allOf.length === 1 && isObject(at.allOf[0]) ? str(at.allOf[0].$ref) : undefined);
    if (!ref) return at;
    const target = resolve(ref);
    if (!target) return at;
    // The property's own keywords (default, description, x-order) win over the target's.
    const { allOf: _allOf, $ref: _ref, ...own } = at;
    at = { ...target, ...own };
  }
  return at;
}

interface Shape {
  type?: string;
  enum?: Array<string | number>;
  nullable: boolean;
  node: JsonSchema;
}

/** The field's effective shape: its type or enum, through refs and anyOf branches. */
function shapeOf(prop: JsonSchema, resolve: ConvertOptions['resolve']): Shape {
  const node = deref(prop, resolve);
  let nullable = node.nullable === true;
  let type = str(node.type);
  let values = Array.isArray(node.enum) ? node.enum : undefined;
  let merged = node;
  if (Array.isArray(node.anyOf)) {
    const branches = node.anyOf.filter(isObject).map((b) => deref(b, resolve));
    nullable ||= branches.some((b) => b.type === 'null');
    const real = branches.filter((b) => b.type !== 'null');
    // An enum branch is what a form can offer (fal's image_size: presets or an object).
    const pick = real.find((b) => Array.isArray(b.enum)) ?? (real.length === 1 ? real[0] : undefined);
    if (pick) {
      merged = { ...pick, ...node };
      type = str(pick.type) ?? type;
      values = Array.isArray(pick.enum) ? pick.enum : values;
    }
  }
  const clean = values?.filter((v): v is string | number => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  return { type, enum: clean && clean.length > 0 ? clean : undefined, nullable, node: merged };
}

function describe(name: string, node: JsonSchema): string {
  const text = (str(node.description) ?? '').replace(/\s+/g, ' ').trim();
  if (text.length > 5) return text;
  const title = str(node.title)?.trim();
  return title && title.length > 5 ? title : `The model's ${name} input.`;
}

function withBounds(base: z.ZodNumber, node: JsonSchema): z.ZodNumber {
  let s = base;
  const min = num(node.minimum);
  const max = num(node.maximum);
  if (min !== undefined) s = s.min(min);
  if (max !== undefined) s = s.max(max);
  return s;
}

interface Built {
  schema: z.ZodType;
  meta: ParamMeta;
}

function build(name: string, shape: Shape, required: boolean, opts: ConvertOptions): Built | { skip: string } {
  const { node } = shape;
  const description = describe(name, node);
  const role = ROLE_BY_NAME[name];
  const group: ParamMeta['group'] = role || BASIC.has(name) || required ? 'basic' : 'advanced';
  const meta: ParamMeta = { description, group, ...(role ? { role } : {}) };
  if (shape.enum) {
    const values = shape.enum;
    const schema = values.every((v) => typeof v === 'string')
      ? z.enum(values as [string, ...string[]])
      : z.literal(values as [string | number, ...Array<string | number>]);
    return { schema, meta };
  }
  switch (shape.type) {
    case 'string': {
      const isFile = node.format === 'uri' || node.format === 'binary';
      const mask = MASK_NAMES.test(name);
      if (isFile && (mask || IMAGE_NAMES.test(name))) {
        return {
          schema: imageValue(),
          meta: { description, group: 'basic', widget: 'image', role: mask ? 'mask' : 'initImage', ...(mask ? { mask: true } : {}), wire: opts.imageWire },
        };
      }
      if (name === 'prompt') return { schema: required ? requiredText() : z.string(), meta: { ...meta, widget: 'textarea' } };
      if (name === 'negative_prompt') return { schema: z.string(), meta: { ...meta, widget: 'textarea' } };
      return { schema: z.string(), meta };
    }
    case 'integer':
      if (name === 'seed') {
        // Left out, the model draws one; the app sends a concrete seed so that every job can be made again.
        const max = num(node.maximum) ?? MAX_SEED_32;
        return { schema: z.number().int().min(num(node.minimum) ?? 0).max(max), meta: { ...meta, widget: 'seed', randomValue: null } };
      }
      return { schema: withBounds(z.number().int(), node), meta };
    case 'number':
      return { schema: withBounds(z.number(), node), meta: { ...meta, ...(num(node.maximum) !== undefined && (num(node.maximum) ?? 0) <= 1 ? { step: 0.01 } : {}) } };
    case 'boolean':
      return { schema: z.boolean(), meta };
    default:
      return { skip: shape.type ? `a form cannot hold a ${shape.type}` : 'no type the form knows' };
  }
}

/** The properties in the schema's order: `x-order`, else `x-fal-order-properties`, else as listed. */
function orderOf(input: JsonSchema, props: Record<string, JsonSchema>): string[] {
  const names = Object.keys(props);
  const falOrder = Array.isArray(input['x-fal-order-properties']) ? input['x-fal-order-properties'].filter((n): n is string => typeof n === 'string' && n in props) : [];
  if (names.some((n) => num(props[n]?.['x-order']) !== undefined)) {
    const at = (n: string) => num(props[n]?.['x-order']) ?? Number.MAX_SAFE_INTEGER;
    return [...names].sort((a, b) => at(a) - at(b));
  }
  return [...falOrder, ...names.filter((n) => !falOrder.includes(n))];
}

/** Converts an `Input` object schema. Throws on a schema that is no object with properties. */
export function convertInputSchema(input: JsonSchema, opts: ConvertOptions): ConvertedSchema {
  const properties = isObject(input.properties) ? input.properties : undefined;
  if (!properties) throw new Error('The model’s input schema has no properties.');
  const props: Record<string, JsonSchema> = {};
  for (const [name, p] of Object.entries(properties)) if (isObject(p) && /^[A-Za-z_][\w-]{0,63}$/.test(name)) props[name] = p;
  const required = new Set(Array.isArray(input.required) ? input.required.filter((n): n is string => typeof n === 'string') : []);
  const shape: Record<string, z.ZodType> = {};
  const order: string[] = [];
  const initialValues: Record<string, unknown> = {};
  const skipped: ConvertedSchema['skipped'] = [];
  for (const name of orderOf(input, props)) {
    const s = shapeOf(props[name]!, opts.resolve);
    const isRequired = required.has(name);
    const built = build(name, s, isRequired, opts);
    if ('skip' in built) {
      if (isRequired) throw new Error(`The model’s required input "${name}" is one this playground cannot fill (${built.skip}).`);
      skipped.push({ name, reason: built.skip });
      continue;
    }
    let field: z.ZodType = built.schema;
    const fallback = s.node.default ?? props[name]!.default;
    const hasDefault = fallback !== undefined && fallback !== null && built.schema.safeParse(fallback).success;
    if (s.nullable) field = field.nullable();
    if (hasDefault) field = field.default(fallback as never);
    else if (!isRequired) field = field.optional();
    shape[name] = param(field, built.meta);
    order.push(name);
    if (hasDefault) initialValues[name] = fallback;
    const example = Array.isArray(s.node.examples) ? s.node.examples[0] : undefined;
    if (name === 'prompt' && !hasDefault && typeof example === 'string' && example.trim()) initialValues[name] = example;
  }
  const roles = order.map((n) => (shape[n] ? ROLE_BY_NAME[n] : undefined));
  const imageNames = order.filter((n) => {
    const s = props[n] && shapeOf(props[n], opts.resolve);
    return s?.type === 'string' && (s.node.format === 'uri' || s.node.format === 'binary');
  });
  const hasMask = imageNames.some((n) => MASK_NAMES.test(n));
  const requiredImage = imageNames.some((n) => IMAGE_NAMES.test(n) && required.has(n));
  const kind: EndpointKind = hasMask && imageNames.some((n) => IMAGE_NAMES.test(n)) && (requiredImage || !roles.includes('width')) ? 'inpaint' : requiredImage ? 'img2img' : 'txt2img';
  return { schema: z.object(shape), order, initialValues, kind, skipped };
}

/** A resolver for `#/components/schemas/<name>` (and any other local pointer) within `doc`. */
export function localResolver(doc: unknown): ConvertOptions['resolve'] {
  return (ref) => {
    if (!ref.startsWith('#/')) return undefined;
    let at: unknown = doc;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isObject(at) || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
      at = at[key];
    }
    return isObject(at) ? at : undefined;
  };
}

/**
 * A short digest of a schema document (FNV-1a, 32 bits, of its JSON with sorted keys): the
 * version of a schema whose publisher gives none that changes with it (fal). Not a security hash.
 */
export function documentDigest(doc: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;
  const text = JSON.stringify(canonical(doc)) ?? '';
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `fnv1a-${h.toString(16).padStart(8, '0')}`;
}
