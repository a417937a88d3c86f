/**
 * Which tool wrote the texts an image carries, and its parameters in the normalised shape. Each
 * format is tried by its own key and shape, most specific first: this app's JSON, InvokeAI 3
 * (`invokeai_metadata`), InvokeAI 2 (`sd-metadata`, `Dream`), the `parameters` text as JSON
 * (Fooocus, SwarmUI, demo apps) or as A1111 infotext, a ComfyUI graph (`prompt`), NovelAI.
 */
import { parseComfyPrompt } from './comfyui';
import { infotextToParameters, parseInfotext } from './infotext';
import { parseJsonParameters } from './json-parameters';
import { OWN_METADATA_KEY, parseOwnMetadata } from './own-metadata';
import { parseInvokeAiDream, parseInvokeAiLegacyMetadata, parseInvokeAiMetadata, parseNovelAiMetadata } from './tool-metadata';
import type { GenerationParameters, MetadataSource, ReadResult } from './types';
import { DEFAULT_LIMITS } from './limits';
import type { ReadLimits } from './limits';

/** The PNG keyword A1111 writes its infotext under. */
export const INFOTEXT_KEY = 'parameters';

/** The keys the stealth reader stores infotext found in the pixels' low bits under. */
const STEALTH_KEYS = ['parameters (stealth alpha)', 'parameters (stealth rgb)'];

/** Infotext that has a parameter line (the web UI's test: at least three pairs on the last line). */
function infotextParameters(text: string | undefined): GenerationParameters | undefined {
  if (!text?.trim()) return undefined;
  const info = parseInfotext(text);
  return Object.keys(info.params).length ? infotextToParameters(info) : undefined;
}

/** NovelAI writes `Software: NovelAI`; without it, a `Comment` JSON with NovelAI's own field names. */
function looksLikeNovelAi(raw: Record<string, string>): boolean {
  if (raw['Software'] === 'NovelAI') return true;
  const comment = raw['Comment']?.trim() ?? '';
  return comment.startsWith('{') && /"(uc|v4_prompt|noise_schedule)"\s*:/.test(comment);
}

type Interpreted = Omit<ReadResult, 'format' | 'raw' | 'warnings'>;

function ownResult(raw: Record<string, string>, infotext: string | undefined, warnings: string[]): Interpreted | undefined {
  const ownJson = raw[OWN_METADATA_KEY];
  if (ownJson === undefined) return undefined;
  const own = parseOwnMetadata(ownJson);
  if (!own.ok) {
    warnings.push(`This app's metadata could not be used: ${own.error}`);
    return undefined;
  }
  const fromInfotext = infotextParameters(infotext) ?? (infotext?.trim() ? { prompt: infotext.trim() } : {});
  const seed = own.value.seed ?? fromInfotext.seed;
  return { source: 'image-api-playground', ...fromInfotext, ...(seed !== undefined ? { seed } : {}), own: own.value };
}

/** The normalised parameters and their source, from the text fields alone (any format). */
export function interpretMetadata(raw: Record<string, string>, warnings: string[] = [], limits: ReadLimits = DEFAULT_LIMITS): Interpreted {
  // A JPEG comment segment counts as infotext only when it has a parameter line.
  const comment = raw['comment'];
  const stealthKey = STEALTH_KEYS.find((k) => raw[k] !== undefined);
  const stealth = stealthKey === undefined ? undefined : { text: raw[stealthKey] as string, detail: stealthKey.slice(INFOTEXT_KEY.length + 2, -1) };
  // A UserComment holding JSON (a ComfyUI graph, NovelAI's texts, SwarmUI) is not infotext.
  const userComment = raw['UserComment']?.trim().startsWith('{') ? undefined : raw['UserComment'];
  const infotext = raw[INFOTEXT_KEY] ?? userComment ?? (infotextParameters(comment) ? comment : undefined) ?? stealth?.text;
  const own = ownResult(raw, infotext, warnings);
  if (own) return own;
  const as = (source: MetadataSource, p: GenerationParameters | undefined, sourceDetail?: string): Interpreted | undefined =>
    p ? { source, ...(sourceDetail ? { sourceDetail } : {}), ...p } : undefined;
  const json = (key: string) => (raw[key] === undefined ? undefined : parseJsonParameters(raw[key], raw['fooocus_scheme']));
  const candidates: [string, () => Interpreted | undefined][] = [
    ['invokeai_metadata', () => as('invokeai', parseInvokeAiMetadata(raw['invokeai_metadata'] ?? ''))],
    ['sd-metadata', () => as('invokeai', parseInvokeAiLegacyMetadata(raw['sd-metadata'] ?? ''), 'sd-metadata')],
    ['Dream', () => as('invokeai', parseInvokeAiDream(raw['Dream'] ?? ''), 'Dream')],
    [INFOTEXT_KEY, () => json(INFOTEXT_KEY) ?? as('a1111', infotextParameters(infotext))],
    ['UserComment', () => json('UserComment') ?? as('a1111', infotextParameters(infotext))],
    ['comment', () => as('a1111', infotextParameters(infotext))],
    ['prompt', () => as('comfyui', parseComfyPrompt(raw['prompt'] ?? '', warnings, limits))],
    ['Comment', () => (looksLikeNovelAi(raw) ? as('novelai', parseNovelAiMetadata(raw['Comment'], raw['Description'], raw['Source'])) : undefined)],
  ];
  if (stealthKey) candidates.push([stealthKey, () => as('a1111', infotextParameters(stealth?.text), stealth?.detail)]);
  for (const [key, read] of candidates) {
    if (raw[key] === undefined) continue;
    const result = read();
    if (result) return result;
  }
  // Infotext without a parameter line is still a prompt (the web UI reads it so), unless it is JSON no reader knew.
  if (infotext?.trim() && !infotext.trim().startsWith('{')) {
    return { source: 'a1111', ...(stealth && infotext === stealth.text ? { sourceDetail: stealth.detail } : {}), ...infotextToParameters(parseInfotext(infotext)) };
  }
  if (infotext?.trim()) warnings.push('The parameters are JSON of a shape this app does not know; the raw text is below.');
  return { source: 'none' };
}
