/**
 * Parameters written as JSON in the `parameters` text (or an EXIF comment), recognised by shape:
 * Fooocus (`metadata_scheme`/`version: "Fooocus …"`), RuinedFooocus (`software: "RuinedFooocus"`),
 * SwarmUI (`sui_image_params`), and the plain JSON of demo apps such as Hugging Face spaces
 * (`prompt` with `negative_prompt`, `num_inference_steps`, `guidance_scale`, …).
 */
import type { GenerationParameters, MetadataSource } from './types';
import { compact, toNumber, toText } from './types';

export interface JsonParameters extends GenerationParameters {
  source: MetadataSource;
  sourceDetail?: string;
}

type Obj = Record<string, unknown>;

export function parseJsonObject(text: string): Obj | undefined {
  const t = text.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    const data: unknown = JSON.parse(t);
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Obj) : undefined;
  } catch {
    return undefined;
  }
}

/** The first of `names` the object has (exact, then ignoring case). */
function pick(o: Obj, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n];
  const lower = new Map(Object.keys(o).map((k) => [k.toLowerCase(), k]));
  for (const n of names) {
    const k = lower.get(n.toLowerCase());
    if (k !== undefined && o[k] !== undefined && o[k] !== null) return o[k];
  }
  return undefined;
}

/** A seed as a number, and its digits when a number cannot hold them exactly (64-bit seeds). */
export function seedFields(value: unknown): Pick<GenerationParameters, 'seed' | 'seedText'> {
  const seed = toNumber(value);
  if (seed === undefined) return {};
  const digits = typeof value === 'string' ? value.trim() : String(value);
  return Number.isSafeInteger(seed) || !/^-?\d+$/.test(digits) ? { seed } : { seed, seedText: digits };
}

/** `(768, 1280)`, `768x1280`, `1024 x 1024`, `[768, 1280]` → width and height. */
function size(value: unknown): { width?: number; height?: number } {
  if (Array.isArray(value) && value.length === 2) return { width: toNumber(value[0]), height: toNumber(value[1]) };
  const m = typeof value === 'string' ? /^\s*[([]?\s*(\d+)\s*(?:,|x|×|\*)\s*(\d+)\s*[)\]]?\s*$/i.exec(value) : null;
  return m ? { width: Number(m[1]), height: Number(m[2]) } : {};
}

const modelName = (v: unknown) => toText(v) ?? toText((v as Obj | undefined)?.['name']);

function fooocus(o: Obj): JsonParameters {
  return compact({
    source: 'fooocus' as const,
    prompt: toText(o['prompt']),
    negativePrompt: toText(o['negative_prompt']),
    ...size(o['resolution']),
    model: toText(o['base_model']),
    sampler: toText(o['sampler']),
    scheduler: toText(o['scheduler']),
    steps: toNumber(o['steps']),
    cfgScale: toNumber(o['guidance_scale']),
    ...seedFields(o['seed']),
  });
}

function ruinedFooocus(o: Obj): JsonParameters {
  return compact({
    source: 'fooocus' as const,
    sourceDetail: 'RuinedFooocus',
    prompt: toText(pick(o, 'Prompt', 'prompt')),
    negativePrompt: toText(pick(o, 'Negative', 'negative_prompt')),
    width: toNumber(o['width']),
    height: toNumber(o['height']),
    model: toText(pick(o, 'base_model_name', 'base_model')),
    sampler: toText(pick(o, 'sampler_name', 'sampler')),
    scheduler: toText(o['scheduler']),
    steps: toNumber(o['steps']),
    cfgScale: toNumber(pick(o, 'cfg', 'guidance_scale')),
    ...seedFields(o['seed']),
  });
}

function swarm(p: Obj): JsonParameters {
  const strength = toNumber(pick(p, 'initimagecreativity'));
  return compact({
    source: 'swarmui' as const,
    prompt: toText(p['prompt']),
    negativePrompt: toText(p['negativeprompt']),
    width: toNumber(p['width']),
    height: toNumber(p['height']),
    model: toText(p['model']),
    sampler: toText(p['sampler']),
    scheduler: toText(p['scheduler']),
    steps: toNumber(p['steps']),
    cfgScale: toNumber(p['cfgscale']),
    ...seedFields(p['seed']),
    denoisingStrength: strength !== undefined && pick(p, 'initimage') !== undefined ? strength : undefined,
  });
}

/** Plain JSON with the usual diffusers/demo names. */
function plain(o: Obj): JsonParameters {
  const sized = size(pick(o, 'resolution', 'size'));
  return compact({
    source: 'json' as const,
    prompt: toText(pick(o, 'prompt', 'positive_prompt')),
    negativePrompt: toText(pick(o, 'negative_prompt', 'negativePrompt', 'negative')),
    width: toNumber(pick(o, 'width')) ?? sized.width,
    height: toNumber(pick(o, 'height')) ?? sized.height,
    model: modelName(pick(o, 'model', 'model_name', 'base_model', 'Model')),
    sampler: toText(pick(o, 'sampler', 'sampler_name', 'scheduler')),
    scheduler: pick(o, 'sampler', 'sampler_name') !== undefined ? toText(pick(o, 'scheduler', 'schedule')) : undefined,
    steps: toNumber(pick(o, 'steps', 'num_inference_steps')),
    cfgScale: toNumber(pick(o, 'guidance_scale', 'cfg_scale', 'cfg', 'guidance')),
    ...seedFields(pick(o, 'seed')),
    denoisingStrength: toNumber(pick(o, 'strength', 'denoising_strength', 'denoise')),
  });
}

/**
 * Parameters from a JSON text, or undefined when the text is not JSON of a shape this knows.
 * `fooocusScheme` is the PNG's `fooocus_scheme` text, when present.
 */
export function parseJsonParameters(text: string, fooocusScheme?: string): JsonParameters | undefined {
  const o = parseJsonObject(text);
  if (!o) return undefined;
  const sui = o['sui_image_params'];
  if (sui !== null && typeof sui === 'object' && !Array.isArray(sui)) return swarm(sui as Obj);
  const version = toText(o['version']) ?? '';
  if (o['metadata_scheme'] === 'fooocus' || fooocusScheme === 'fooocus' || version.startsWith('Fooocus')) return fooocus(o);
  if (toText(o['software'])?.startsWith('RuinedFooocus')) return ruinedFooocus(o);
  const prompt = pick(o, 'prompt', 'positive_prompt');
  // `{ prompt: "{…graph…}", workflow }` is ComfyUI's pair (Civitai), read as a graph elsewhere.
  if (typeof prompt === 'string' && !prompt.trim().startsWith('{')) return plain(o);
  return undefined;
}
