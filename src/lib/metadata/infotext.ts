/**
 * AUTOMATIC1111's "infotext" (the PNG `parameters` text, the JPEG `UserComment`): prompt lines,
 * then `Negative prompt: …` lines, then one last line of `Key: value` pairs. Values holding `,`,
 * `:` or a newline are JSON-quoted. Parsing follows the web UI's rules: the last line counts as the
 * parameter line only when it holds at least three pairs; a pair with an empty value is dropped.
 */
import type { GenerationParameters } from './types';
import { compact, toNumber } from './types';

export interface Infotext {
  prompt: string;
  negativePrompt: string;
  /** The last line's pairs, unquoted, in order. */
  params: Record<string, string>;
}

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

const WORD = /[\p{L}\p{N}_]/u;
const KEY_CHAR = /[\p{L}\p{N}_ \-/]/u;
const SPACE = /\s/;

/** Where the key run starting at `from` ends: the first index that is not a key character. */
function keyEnd(line: string, from: number): number {
  let i = from;
  while (i < line.length && KEY_CHAR.test(line[i] as string)) i++;
  return i;
}

/** The end of a JSON-quoted value starting at `from` (a `"`), after its closing quote; -1 when unclosed. */
function quotedEnd(line: string, from: number): number {
  for (let i = from + 1; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '"') return i > from + 1 ? i + 1 : -1;
  }
  return -1;
}

/**
 * The `Key: value` pairs of a parameter line, as the web UI's pattern
 * `\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)` finds them, in one pass: a key is a maximal
 * run of word characters, spaces, `-` and `/` (so a run not followed by `:` can be skipped whole),
 * which keeps a long line without pairs linear where the regex was quadratic.
 */
function pairs(line: string): [string, string][] {
  const out: [string, string][] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && SPACE.test(line[i] as string)) i++;
    if (i >= line.length) break;
    if (!WORD.test(line[i] as string)) {
      i++;
      continue;
    }
    const end = keyEnd(line, i);
    if (end - i < 2 || line[end] !== ':') {
      i = Math.max(end, i + 1);
      continue;
    }
    let v = end + 1;
    while (v < line.length && SPACE.test(line[v] as string)) v++;
    let valueEnd = line[v] === '"' ? quotedEnd(line, v) : -1;
    if (valueEnd >= 0 && valueEnd < line.length && line[valueEnd] !== ',') valueEnd = -1;
    if (valueEnd < 0) {
      const comma = line.indexOf(',', v);
      valueEnd = comma < 0 ? line.length : comma;
    }
    out.push([line.slice(i, end), line.slice(v, valueEnd)]);
    i = valueEnd + 1;
  }
  return out;
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
