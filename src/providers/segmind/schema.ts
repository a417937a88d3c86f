/**
 * Segmind serverless SD 1.5 parameters (seed 003 and providers.md). Ranges and
 * defaults are the documented ones; the siblings (img2img, inpainting) share
 * the conventions and drop the size fields.
 */
import { z } from 'zod';
import { param } from '../param';
import { imageParam, MAX_SEED_32, requiredText, seedMinusOne } from '../shared/params';

export const SEGMIND_SIBLING_SCHEDULERS = [
  'DDIM',
  'DPM Multi',
  'DPM Single',
  'Euler a',
  'Euler',
  'Heun',
  'DPM2 a Karras',
  'DPM2 Karras',
  'LMS',
  'PNDM',
  'DDPM',
] as const;

export const SEGMIND_DREAMSHAPER_SCHEDULERS = [
  'UniPC',
  ...SEGMIND_SIBLING_SCHEDULERS,
  'dpmpp_2m',
  'dpmpp_sde_ancestral',
] as const;

/** Seeds up to 2^32 - 1; -1 asks for a random one. The document gives no upper bound. */
export const SEGMIND_MAX_SEED = MAX_SEED_32;

const prompt = () =>
  param(requiredText(), { description: 'Prompt to render.', group: 'basic', widget: 'textarea', role: 'prompt' });

const negativePrompt = () =>
  param(z.string().optional(), {
    description: "Prompts to exclude, e.g. 'bad anatomy, bad hands, missing fingers'.",
    group: 'basic',
    widget: 'textarea',
    role: 'negativePrompt',
  });

const steps = () =>
  param(z.number().int().min(20).max(100).default(20), {
    description: 'Number of denoising steps.',
    group: 'basic',
    role: 'steps',
  });

const guidance = () =>
  param(z.number().min(0.1).max(25).default(7.5), {
    description: 'Scale for classifier-free guidance.',
    group: 'basic',
    step: 0.1,
    role: 'guidance',
  });

const samples = () =>
  param(z.number().int().min(1).max(4).default(1), {
    description: 'Number of samples to generate.',
    group: 'basic',
    role: 'samples',
  });

const seed = () => seedMinusOne('Seed for image generation; -1 for a random seed.');

const base64 = () =>
  param(z.boolean().default(false), {
    description: 'Base64 encoding of the output image (JSON instead of image bytes).',
    group: 'advanced',
  });

const image = (role: 'initImage' | 'mask', description: string) => imageParam(role, description);

const strength = (value: number) =>
  param(z.number().min(0).max(1).default(value), {
    description: 'How much the init image is transformed: 0 keeps it, 1 replaces it entirely.',
    group: 'basic',
    step: 0.05,
    role: 'strength',
  });

const siblingScheduler = () =>
  param(z.enum(SEGMIND_SIBLING_SCHEDULERS).optional(), {
    description: 'Type of scheduler.',
    group: 'basic',
    role: 'scheduler',
  });

export const dreamshaperSchema = z.object({
  prompt: prompt(),
  negative_prompt: negativePrompt(),
  // Default "UniPC": the value the document's parameter list shows first.
  scheduler: param(z.enum(SEGMIND_DREAMSHAPER_SCHEDULERS).default('UniPC'), {
    description: 'Type of scheduler.',
    group: 'basic',
    role: 'scheduler',
  }),
  num_inference_steps: steps(),
  guidance_scale: guidance(),
  samples: samples(),
  seed: seed(),
  img_width: param(z.literal([512, 768, 1024]).default(512), {
    description: 'Width of the image.',
    group: 'basic',
    role: 'width',
  }),
  img_height: param(z.literal([512, 768, 1024]).default(512), {
    description: 'Height of the image.',
    group: 'basic',
    role: 'height',
  }),
  base64: base64(),
});

export const img2imgSchema = z.object({
  image: image('initImage', 'The input image: a link, or a local image sent as base64.'),
  prompt: prompt(),
  negative_prompt: negativePrompt(),
  scheduler: siblingScheduler(),
  num_inference_steps: steps(),
  guidance_scale: guidance(),
  strength: strength(0.75),
  samples: samples(),
  seed: seed(),
  base64: base64(),
});

export const inpaintingSchema = z.object({
  image: image('initImage', 'The image to paint into: a link, or a local image sent as base64.'),
  mask: image('mask', 'The mask: white areas are repainted, black areas kept.'),
  prompt: prompt(),
  negative_prompt: negativePrompt(),
  scheduler: siblingScheduler(),
  num_inference_steps: steps(),
  guidance_scale: guidance(),
  strength: strength(1),
  samples: samples(),
  seed: seed(),
  base64: base64(),
});

export type DreamshaperParams = z.output<typeof dreamshaperSchema>;
export type SegmindImg2imgParams = z.output<typeof img2imgSchema>;
export type InpaintingParams = z.output<typeof inpaintingSchema>;

/** The document's Python example, value for value. */
export const dreamshaperExample = {
  prompt:
    '(masterpiece, best quality, absurdres, intricate), fantasy, (woman, extremely delicate and beautiful, looking at viewer, (floating long hair)), (standing over tiny village), colorhalf00d, fog, smoke, haunting, spooky, creepy, dark themed, 8k GC wallpaper, Trending on artstation, octance render, unreal engine, volumetrics dtx, award winning digital art, ink, official art, painting by anna dittmann',
  negative_prompt:
    'cartoon, 3d, sketches, (painting by bad-artist), (worst quality:2), (low quality:2), (normal quality:2), lowres, normal quality, bad anatomy, (bad-hands-5), (badhandv4), fat, curvy, thick, dull, simple background, ugly, mole, skin tags, acne, freckles, lightning. veil, hat, hood, ((blurry)), ((monochrome)), ((from side)), ((back turned)), Far away, back turned,',
  scheduler: 'dpmpp_2m',
  num_inference_steps: 20,
  guidance_scale: 7,
  samples: 1,
  seed: 165577282,
  img_width: 512,
  img_height: 768,
  base64: false,
} satisfies z.input<typeof dreamshaperSchema>;
