/**
 * AUTOMATIC1111's "infotext" (the PNG `parameters` text, the JPEG `UserComment`): prompt lines,
 * then `Negative prompt: …` lines, then one last line of `Key: value` pairs. Values holding `,`,
 * `:` or a newline are JSON-quoted. Parsing follows the web UI's rules: the last line counts as the
 * parameter line only when it holds at least three pairs; a pair with an empty value is dropped.
 */
import type { GenerationParameters } from './types';
import { compact } from './types';
import { toNumber } from '../../providers/shared/http';

export interface Infotext {
  prompt: string;
  negativePrompt: string;
  /** The last line's pairs, unquoted, in order. */
  params: Record<string, string>;
}

const PAIR = /\s*([\p{L}\p{N}_][\p{L}\p{N}_ \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;
const SIZE = /^(\d+)x(\d+)$/;
const NEGATIVE = 'Negative prompt:';

/** JSON-quotes a value holding `,`, `:` or a newline (as the web UI does); other values pass unchanged. */
export function quoteInfotextValue(value: string): string {
  return /[,:\n]/.test(value) ? JSON.stringify(value) : value;
}

export function unquoteInfotextValue(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

function pairs(line: string): [string, string][] {
  return [...line.matchAll(PAIR)].map((m) => [m[1] ?? '', m[2] ?? '']);
}

export function parseInfotext(text: string): Infotext {
  const lines = text.trim().split('\n');
  let last = lines.pop() ?? '';
  if (pairs(last).length < 3) {
    lines.push(last);
    last = '';
  }
  const prompt: string[] = [];
  const negative: string[] = [];
  let inNegative = false;
  for (const rawLine of lines) {
    let line = rawLine.trim();
    if (line.startsWith(NEGATIVE)) {
      inNegative = true;
      line = line.slice(NEGATIVE.length).trim();
    }
    (inNegative ? negative : prompt).push(line);
  }
  const params: Record<string, string> = {};
  for (const [key, value] of pairs(last)) {
    if (value === '') continue;
    params[key] = value.startsWith('"') && value.endsWith('"') ? unquoteInfotextValue(value) : value.trimEnd();
  }
  return { prompt: prompt.join('\n'), negativePrompt: negative.join('\n'), params };
}

export type InfotextValue = string | number | boolean | null | undefined;

/** Writes infotext; pairs whose value is null, undefined or empty are left out. */
export function formatInfotext(prompt: string, negativePrompt: string | undefined, params: Record<string, InfotextValue>): string {
  const line = Object.entries(params)
    .filter((e): e is [string, string | number | boolean] => e[1] !== null && e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}: ${quoteInfotextValue(String(v))}`)
    .join(', ');
  const negative = negativePrompt ? `\n${NEGATIVE} ${negativePrompt}` : '';
  return `${prompt}${negative}\n${line}`.trim();
}

/** The infotext for normalised parameters, keys in the web UI's order; `extra` pairs go last. */
export function buildInfotext(p: GenerationParameters, extra: Record<string, InfotextValue> = {}): string {
  const size = p.width !== undefined && p.height !== undefined ? `${p.width}x${p.height}` : undefined;
  return formatInfotext(p.prompt ?? '', p.negativePrompt, {
    Steps: p.steps,
    Sampler: p.sampler,
    'Schedule type': p.scheduler,
    'CFG scale': p.cfgScale,
    Seed: p.seed,
    Size: size,
    Model: p.model,
    'Denoising strength': p.denoisingStrength,
    ...extra,
  });
}

/** Normalised parameters from parsed infotext. */
export function infotextToParameters(info: Infotext): GenerationParameters {
  const p = info.params;
  const size = SIZE.exec(p['Size'] ?? '');
  return compact({
    prompt: info.prompt || undefined,
    negativePrompt: info.negativePrompt || undefined,
    steps: toNumber(p['Steps']),
    sampler: p['Sampler'],
    scheduler: p['Schedule type'],
    cfgScale: toNumber(p['CFG scale']),
    seed: toNumber(p['Seed']),
    width: size ? Number(size[1]) : undefined,
    height: size ? Number(size[2]) : undefined,
    model: p['Model'],
    denoisingStrength: toNumber(p['Denoising strength']),
  });
}
