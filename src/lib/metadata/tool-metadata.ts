/** Readers for InvokeAI's and NovelAI's JSON metadata, into the normalised parameters. */
import type { GenerationParameters } from './types';
import { compact, toNumber, toText } from './types';

function parseObject(json: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(json);
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function field(obj: unknown, key: string): unknown {
  return obj !== null && typeof obj === 'object' ? (obj as Record<string, unknown>)[key] : undefined;
}

/**
 * InvokeAI 3+ `invokeai_metadata`: `positive_prompt`, `negative_prompt`, `seed`, `steps`,
 * `cfg_scale`, `scheduler` (its sampler), `width`, `height`, `model` (an object with `name` or
 * `model_name`), `strength` for image-to-image.
 */
export function parseInvokeAiMetadata(json: string): GenerationParameters | undefined {
  const m = parseObject(json);
  if (!m) return undefined;
  const model = m['model'];
  return compact({
    prompt: toText(m['positive_prompt']),
    negativePrompt: toText(m['negative_prompt']),
    seed: toNumber(m['seed']),
    steps: toNumber(m['steps']),
    cfgScale: toNumber(m['cfg_scale']),
    sampler: toText(m['scheduler']),
    width: toNumber(m['width']),
    height: toNumber(m['height']),
    model: toText(model) ?? toText(field(model, 'name')) ?? toText(field(model, 'model_name')),
    denoisingStrength: toNumber(m['strength']),
  });
}

/** InvokeAI 2 writes the negative prompt inside the prompt, in square brackets: `a cat [blurry, dog]`. */
export function splitInvokeAiPrompt(text: string): { prompt: string; negativePrompt?: string } {
  const negative: string[] = [];
  const prompt = text.replace(/\[([^[\]]*)\]/g, (_, inner: string) => {
    negative.push(inner.trim());
    return '';
  });
  return negative.length ? { prompt: prompt.replace(/\s+/g, ' ').trim(), negativePrompt: negative.join(', ') } : { prompt: text.trim() };
}

/**
 * InvokeAI 2's `Dream` text, its command line: `"a cat [blurry]" -s 50 -S 42 -W 512 -H 768 -C 7.5
 * -A k_lms -f 0.75`. Undefined when it does not start with a quoted prompt.
 */
export function parseInvokeAiDream(text: string): GenerationParameters | undefined {
  const m = /^\s*"((?:\\.|[^"\\])*)"(.*)$/s.exec(text);
  if (!m) return undefined;
  const flags = new Map<string, string>();
  const tokens = (m[2] ?? '').trim().split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (/^-{1,2}[A-Za-z]/.test(t) && next !== undefined && !/^-[A-Za-z]/.test(next)) flags.set(t, next);
  }
  const quoted = (m[1] ?? '').replace(/\\(.)/g, '$1');
  return compact({
    ...splitInvokeAiPrompt(quoted),
    steps: toNumber(flags.get('-s')),
    seed: toNumber(flags.get('-S')),
    width: toNumber(flags.get('-W')),
    height: toNumber(flags.get('-H')),
    cfgScale: toNumber(flags.get('-C')),
    sampler: flags.get('-A'),
    denoisingStrength: toNumber(flags.get('-f')),
  });
}

/** InvokeAI 2 `sd-metadata`: `{ model_weights, image: { prompt, seed, steps, cfg_scale, sampler, width, height, strength } }`. */
export function parseInvokeAiLegacyMetadata(json: string): GenerationParameters | undefined {
  const m = parseObject(json);
  const image = m?.['image'];
  if (!m || image === null || typeof image !== 'object') return undefined;
  const rawPrompt = field(image, 'prompt');
  const prompt = Array.isArray(rawPrompt)
    ? rawPrompt.map((p) => toText(field(p, 'prompt')) ?? '').filter(Boolean).join(' ')
    : toText(rawPrompt);
  return compact({
    ...(prompt === undefined ? {} : splitInvokeAiPrompt(prompt)),
    seed: toNumber(field(image, 'seed')),
    steps: toNumber(field(image, 'steps')),
    cfgScale: toNumber(field(image, 'cfg_scale')),
    sampler: toText(field(image, 'sampler')),
    width: toNumber(field(image, 'width')),
    height: toNumber(field(image, 'height')),
    model: toText(m['model_weights']),
    denoisingStrength: toNumber(field(image, 'strength')),
  });
}

/**
 * NovelAI: `Comment` JSON (`prompt`, `uc` the negative prompt, `steps`, `scale`, `seed`, `sampler`,
 * `noise_schedule`, `width`, `height`, `strength`; V4 puts the prompts in `v4_prompt` /
 * `v4_negative_prompt` `.caption.base_caption`), `Description` (the prompt) and `Source` (the model,
 * with its 8-digit hash after it, dropped).
 */
export function parseNovelAiMetadata(comment: string | undefined, description?: string, source?: string): GenerationParameters | undefined {
  const c = comment === undefined ? undefined : parseObject(comment);
  if (!c && description === undefined) return undefined;
  const caption = (key: string) => toText(field(field(c?.[key], 'caption'), 'base_caption'));
  const isImageToImage = c?.['image'] !== undefined || c?.['request_type'] === 'Img2ImgRequest';
  return compact({
    prompt: toText(c?.['prompt']) ?? caption('v4_prompt') ?? description,
    negativePrompt: toText(c?.['uc']) ?? caption('v4_negative_prompt'),
    seed: toNumber(c?.['seed']),
    steps: toNumber(c?.['steps']),
    cfgScale: toNumber(c?.['scale']),
    sampler: toText(c?.['sampler']),
    scheduler: toText(c?.['noise_schedule']),
    width: toNumber(c?.['width']),
    height: toNumber(c?.['height']),
    model: source?.replace(/\s+[0-9A-F]{8}$/, ''),
    denoisingStrength: isImageToImage ? toNumber(c?.['strength']) : undefined,
  });
}
