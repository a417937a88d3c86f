/**
 * Reading a txt2img / img2img body the way the WebUI's generated pydantic (v1) models do: every
 * field optional with the processing classes' defaults, values coerced ("20" is 20), unknown
 * fields ignored, every type error of the body reported at once as a FastAPI 422
 * `{"detail": [{"loc", "msg", "type"}]}`. The WebUI checks no ranges; the twin adds the ranges of
 * the WebUI's own sliders (documented in the README) so that a request cannot ask for a
 * 100 000-pixel picture; n_iter has no upper limit, as on real servers (each batch is a loop).
 */

export type FieldType = 'int' | 'float' | 'bool' | 'str' | 'list' | 'dict';

interface FieldSpec {
  type: FieldType;
  default: unknown;
  min?: number;
  max?: number;
}

const f = (type: FieldType, value: unknown, min?: number, max?: number): FieldSpec => ({ type, default: value, min, max });

/** The txt2img fields (StableDiffusionProcessingTxt2Img plus the API's extra keys). */
export const TXT2IMG_FIELDS: Record<string, FieldSpec> = {
  prompt: f('str', ''),
  negative_prompt: f('str', ''),
  styles: f('list', null),
  seed: f('int', -1, -1, 4294967295),
  subseed: f('int', -1, -1, 4294967295),
  subseed_strength: f('float', 0, 0, 1),
  seed_resize_from_h: f('int', -1),
  seed_resize_from_w: f('int', -1),
  sampler_name: f('str', null),
  scheduler: f('str', null),
  batch_size: f('int', 1, 1, 8),
  n_iter: f('int', 1, 1),
  steps: f('int', 50, 1, 150),
  cfg_scale: f('float', 7, 1, 30),
  width: f('int', 512, 64, 2048),
  height: f('int', 512, 64, 2048),
  restore_faces: f('bool', null),
  tiling: f('bool', null),
  do_not_save_samples: f('bool', false),
  do_not_save_grid: f('bool', false),
  eta: f('float', null),
  denoising_strength: f('float', null, 0, 1),
  enable_hr: f('bool', false),
  hr_scale: f('float', 2),
  hr_upscaler: f('str', null),
  hr_second_pass_steps: f('int', 0),
  hr_resize_x: f('int', 0),
  hr_resize_y: f('int', 0),
  override_settings: f('dict', null),
  override_settings_restore_afterwards: f('bool', true),
  sampler_index: f('str', 'Euler'),
  script_name: f('str', null),
  script_args: f('list', []),
  send_images: f('bool', true),
  save_images: f('bool', false),
  alwayson_scripts: f('dict', {}),
  force_task_id: f('str', null),
  infotext: f('str', null),
};

/** img2img: the same plus the StableDiffusionProcessingImg2Img fields. */
export const IMG2IMG_FIELDS: Record<string, FieldSpec> = {
  ...TXT2IMG_FIELDS,
  init_images: f('list', null),
  resize_mode: f('int', 0, 0, 3),
  denoising_strength: f('float', 0.75, 0, 1),
  image_cfg_scale: f('float', null),
  mask: f('str', null),
  mask_blur_x: f('int', 4, 0, 64),
  mask_blur_y: f('int', 4, 0, 64),
  mask_blur: f('int', null, 0, 64),
  inpainting_fill: f('int', 0, 0, 3),
  inpaint_full_res: f('bool', true),
  inpaint_full_res_padding: f('int', 0, 0, 256),
  inpainting_mask_invert: f('int', 0, 0, 1),
  initial_noise_multiplier: f('float', null),
  latent_mask: f('str', null),
  include_init_images: f('bool', false),
};

export interface ValidationItem {
  loc: Array<string | number>;
  msg: string;
  type: string;
  ctx?: Record<string, unknown>;
}

/** The body's fields after coercion, every known field present (defaults filled in). */
export type A1111Values = Record<string, unknown>;

const TRUE = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const FALSE = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

const typeError = (name: string, msg: string, type: string): ValidationItem => ({ loc: ['body', name], msg, type: `type_error.${type}` });

function numberOf(value: unknown, integer: boolean): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? (integer ? Math.trunc(value) : value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (integer) return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : undefined;
}

function coerce(name: string, spec: FieldSpec, value: unknown): { value: unknown } | { error: ValidationItem } {
  switch (spec.type) {
    case 'int':
    case 'float': {
      const n = numberOf(value, spec.type === 'int');
      if (n === undefined) {
        return spec.type === 'int'
          ? { error: typeError(name, 'value is not a valid integer', 'integer') }
          : { error: typeError(name, 'value is not a valid float', 'float') };
      }
      if (spec.min !== undefined && n < spec.min) {
        return { error: { loc: ['body', name], msg: `ensure this value is greater than or equal to ${spec.min}`, type: 'value_error.number.not_ge', ctx: { limit_value: spec.min } } };
      }
      if (spec.max !== undefined && n > spec.max) {
        return { error: { loc: ['body', name], msg: `ensure this value is less than or equal to ${spec.max}`, type: 'value_error.number.not_le', ctx: { limit_value: spec.max } } };
      }
      return { value: n };
    }
    case 'bool': {
      if (typeof value === 'boolean') return { value };
      if (value === 0 || value === 1) return { value: value === 1 };
      const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
      if (text !== undefined && TRUE.has(text)) return { value: true };
      if (text !== undefined && FALSE.has(text)) return { value: false };
      return { error: typeError(name, 'value could not be parsed to a boolean', 'bool') };
    }
    case 'str':
      if (typeof value === 'string') return { value };
      if (typeof value === 'number' && Number.isFinite(value)) return { value: String(value) };
      return { error: typeError(name, 'str type expected', 'str') };
    case 'list':
      return Array.isArray(value) ? { value } : { error: typeError(name, 'value is not a valid list', 'list') };
    case 'dict':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? { value }
        : { error: typeError(name, 'value is not a valid dict', 'dict') };
  }
}

/**
 * The request's values, or the 422 items. `body` is the raw request body: a body that is not
 * JSON gets FastAPI's json-decode item, a JSON value that is not an object its dict item.
 */
export function readA1111Body(body: Buffer, fields: Record<string, FieldSpec>): { values: A1111Values } | { errors: ValidationItem[] } {
  let parsed: unknown;
  const text = body.toString('utf8');
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { errors: [{ loc: ['body', 0], msg: `JSON decode error: ${(err as Error).message}`, type: 'value_error.jsondecode' }] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { errors: [{ loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }] };
  }
  const input = parsed as Record<string, unknown>;
  const values: A1111Values = {};
  const errors: ValidationItem[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    const raw = input[name];
    if (raw === undefined || raw === null) {
      values[name] = structuredClone(spec.default);
      continue;
    }
    const result = coerce(name, spec, raw);
    if ('error' in result) errors.push(result.error);
    else values[name] = result.value;
  }
  const styles = values.styles;
  if (Array.isArray(styles)) {
    styles.forEach((style, i) => {
      if (typeof style !== 'string') errors.push({ loc: ['body', 'styles', i], msg: 'str type expected', type: 'type_error.str' });
    });
  }
  return errors.length > 0 ? { errors } : { values };
}

/** Typed readers for values already coerced by readA1111Body. */
export const num = (values: A1111Values, name: string): number => (typeof values[name] === 'number' ? (values[name] as number) : 0);
export const str = (values: A1111Values, name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
export const flag = (values: A1111Values, name: string): boolean => values[name] === true;
