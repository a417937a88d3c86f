/** Segmind SD 1.5 family request validation (seed 003, providers.md). */
import { readEnum, readFlag, readNumber, readSeed, readString } from './params';
import type { Fields } from './params';

export type SegmindModel = 'sd1.5-dreamshaper' | 'sd1.5-img2img' | 'sd1.5-inpainting';
export const SEGMIND_MODELS: readonly SegmindModel[] = ['sd1.5-dreamshaper', 'sd1.5-img2img', 'sd1.5-inpainting'];

/** The siblings' documented schedulers. */
export const SIBLING_SCHEDULERS = ['DDIM', 'DPM Multi', 'DPM Single', 'Euler a', 'Euler', 'Heun', 'DPM2 a Karras', 'DPM2 Karras', 'LMS', 'PNDM', 'DDPM'];
/** dreamshaper's list: the siblings' plus the three its page shows. All three endpoints accept it. */
export const DREAMSHAPER_SCHEDULERS = ['UniPC', ...SIBLING_SCHEDULERS, 'dpmpp_2m', 'dpmpp_sde_ancestral'];

export interface SegmindParams {
  model: SegmindModel;
  prompt: string;
  negativePrompt: string;
  scheduler: string;
  steps: number;
  guidanceScale: number;
  samples: number;
  /** Absent means random. */
  seed?: number;
  /** dreamshaper only; the siblings answer at the init image's size. */
  width: number;
  height: number;
  base64: boolean;
  image?: string;
  mask?: string;
  strength?: number;
}

const SIZES = [512, 768, 1024];

/** Validates a body; throws FieldError naming the first bad field. */
export function readSegmindParams(model: SegmindModel, fields: Fields): SegmindParams {
  const dreamshaper = model === 'sd1.5-dreamshaper';
  const prompt = readString(fields, 'prompt', dreamshaper) ?? '';
  const image = dreamshaper ? undefined : readString(fields, 'image', true);
  const mask = model === 'sd1.5-inpainting' ? readString(fields, 'mask', true) : undefined;
  return {
    model,
    prompt,
    image,
    mask,
    strength: dreamshaper ? undefined : (readNumber(fields, 'strength', { min: 0, max: 1 }) ?? (mask ? 1 : 0.75)),
    negativePrompt: readString(fields, 'negative_prompt') ?? '',
    scheduler: readEnum(fields, 'scheduler', DREAMSHAPER_SCHEDULERS) ?? (dreamshaper ? 'UniPC' : 'DDIM'),
    steps: readNumber(fields, 'num_inference_steps', { integer: true, min: 20, max: 100 }) ?? 20,
    guidanceScale: readNumber(fields, 'guidance_scale', { min: 0.1, max: 25 }) ?? 7.5,
    samples: readNumber(fields, 'samples', { integer: true, min: 1, max: 4 }) ?? 1,
    seed: readSeed(fields, 'seed'),
    width: dreamshaper ? (readNumber(fields, 'img_width', { integer: true, min: 512, max: 1024, oneOf: SIZES }) ?? 512) : 0,
    height: dreamshaper ? (readNumber(fields, 'img_height', { integer: true, min: 512, max: 1024, oneOf: SIZES }) ?? 512) : 0,
    base64: readFlag(fields, 'base64', 'json') ?? false,
  };
}
