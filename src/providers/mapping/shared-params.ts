/**
 * The parameters one comparison shares across its targets, by role. Each
 * target's own names come from its schema's metadata (see map-params.ts).
 */
import { z } from 'zod';
import type { ParamRole } from '../types';

export const SHARED_KEYS = [
  'prompt',
  'negativePrompt',
  'seed',
  'width',
  'height',
  'steps',
  'guidance',
  'scheduler',
  'samples',
  'initImage',
  'mask',
  'strength',
] as const satisfies readonly ParamRole[];

export type SharedKey = (typeof SHARED_KEYS)[number];

export const NUMERIC_KEYS = ['seed', 'width', 'height', 'steps', 'guidance', 'samples', 'strength'] as const satisfies readonly SharedKey[];
export type NumericKey = (typeof NUMERIC_KEYS)[number];

export interface SharedParams {
  prompt: string;
  negativePrompt: string;
  /** Undefined: random, drawn once per comparison so every target gets the same one. */
  seed?: number;
  width?: number;
  height?: number;
  steps?: number;
  guidance?: number;
  /** Empty: each endpoint's own default. Any provider's name; translated per endpoint. */
  scheduler?: string;
  samples?: number;
  /** Data URL or link. */
  initImage?: string;
  /** Data URL or link; white = repaint. */
  mask?: string;
  strength?: number;
}

export const SHARED_LABELS: Record<SharedKey | 'model' | 'size', string> = {
  model: 'model',
  size: 'width × height',
  prompt: 'prompt',
  negativePrompt: 'negative prompt',
  seed: 'seed',
  width: 'width',
  height: 'height',
  steps: 'steps',
  guidance: 'guidance',
  scheduler: 'scheduler',
  samples: 'samples',
  initImage: 'init image',
  mask: 'mask',
  strength: 'strength',
};

export function isNumericKey(key: string): key is NumericKey {
  return (NUMERIC_KEYS as readonly string[]).includes(key);
}

/** The shared form as typed: every box is text. */
export type SharedForm = Record<Exclude<SharedKey, 'initImage' | 'mask'>, string>;

export const DEFAULT_SHARED_FORM: SharedForm = {
  prompt: 'a lighthouse on a cliff at dusk, papercraft',
  negativePrompt: '',
  seed: '',
  width: '512',
  height: '512',
  steps: '30',
  guidance: '7.5',
  scheduler: '',
  samples: '1',
  strength: '0.7',
};

/** Text boxes → shared params. An empty number box means "the endpoint's default" (seed: random). */
export function parseSharedForm(
  form: SharedForm,
  images: { initImage?: string; mask?: string } = {},
): { shared: SharedParams; errors: Partial<Record<SharedKey, string>> } {
  const errors: Partial<Record<SharedKey, string>> = {};
  const shared: SharedParams = { prompt: form.prompt, negativePrompt: form.negativePrompt };
  for (const key of NUMERIC_KEYS) {
    const text = form[key].trim();
    if (text === '') continue;
    const n = Number(text);
    if (!Number.isFinite(n)) {
      errors[key] = `"${text}" is not a number`;
      continue;
    }
    // -1 is how two of the three providers say "random": the shared seed takes it the same way.
    if (key === 'seed' && n < 0) continue;
    shared[key] = n;
  }
  if (form.scheduler.trim()) shared.scheduler = form.scheduler.trim();
  if (images.initImage) shared.initImage = images.initImage;
  if (images.mask) shared.mask = images.mask;
  return { shared, errors };
}

/** Shared params → text boxes (to reopen a saved comparison). */
export function sharedToForm(shared: Partial<SharedParams>): SharedForm {
  const text = (v: number | undefined) => (v === undefined ? '' : String(v));
  return {
    prompt: shared.prompt ?? '',
    negativePrompt: shared.negativePrompt ?? '',
    seed: text(shared.seed),
    width: text(shared.width),
    height: text(shared.height),
    steps: text(shared.steps),
    guidance: text(shared.guidance),
    scheduler: shared.scheduler ?? '',
    samples: text(shared.samples),
    strength: text(shared.strength),
  };
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** What a saved comparison keeps of the shared params: no image data (the jobs keep their inputs). */
export const storedSharedSchema = z.object({
  prompt: z.string(),
  negativePrompt: z.string(),
  seed: finite.optional(),
  width: finite.optional(),
  height: finite.optional(),
  steps: finite.optional(),
  guidance: finite.optional(),
  scheduler: z.string().optional(),
  samples: finite.optional(),
  strength: finite.optional(),
  hasInitImage: z.boolean().optional(),
  hasMask: z.boolean().optional(),
});
export type StoredShared = z.infer<typeof storedSharedSchema>;

export function toStoredShared(shared: SharedParams): StoredShared {
  const { initImage, mask, ...rest } = shared;
  const out: StoredShared = { ...rest };
  if (initImage) out.hasInitImage = true;
  if (mask) out.hasMask = true;
  return out;
}
