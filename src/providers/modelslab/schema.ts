/**
 * ModelsLab "Dreambooth API" v4 parameters (seeds 001, 002 and providers.md).
 * Fields that the docs' own example sends as `null` (negative_prompt, seed,
 * lora_model, vae, lora_strength, embeddings_model, webhook, track_id) are
 * `.nullable().optional()`: null is sent as null, undefined is left out.
 * The yes/no flags are booleans here and become "yes"/"no" on the wire.
 */
import { z } from 'zod';
import { param } from '../param';
import { hasText, HAS_TEXT, imageParam, MAX_SEED_32, seedNullable } from '../shared/params';

/** The 18 schedulers listed by seed 002. */
export const MODELSLAB_SCHEDULERS = [
  'DDPMScheduler',
  'DDIMScheduler',
  'PNDMScheduler',
  'LMSDiscreteScheduler',
  'EulerDiscreteScheduler',
  'EulerAncestralDiscreteScheduler',
  'DPMSolverMultistepScheduler',
  'HeunDiscreteScheduler',
  'KDPM2DiscreteScheduler',
  'DPMSolverSinglestepScheduler',
  'KDPM2AncestralDiscreteScheduler',
  'UniPCMultistepScheduler',
  'DDIMInverseScheduler',
  'DEISMultistepScheduler',
  'IPNDMScheduler',
  'KarrasVeScheduler',
  'ScoreSdeVeScheduler',
  'LCMScheduler',
] as const;

/** Seeds up to 2^32 - 1: the docs' own response reports seed 2916174600. */
export const MODELSLAB_MAX_SEED = MAX_SEED_32;

/** A public model id seen in the docs' response (`meta.model_id`); any model id may be typed. */
export const MODELSLAB_MODEL_SUGGESTIONS = ['midjourney-v4-painta'] as const;

const modelId = () =>
  param(z.string().min(1), {
    description: 'The ID of the model to be used. It can be public or your trained model.',
    group: 'basic',
    role: 'model',
    suggestions: MODELSLAB_MODEL_SUGGESTIONS,
  });

const promptMeta = {
  description: 'Text prompt with description of the things you want in the image to be generated.',
  group: 'basic',
  widget: 'textarea',
  role: 'prompt',
} as const;

const negativePrompt = () =>
  param(z.string().nullable().optional(), {
    description: "Items you don't want in the image.",
    group: 'basic',
    widget: 'textarea',
    role: 'negativePrompt',
  });

const size = (axis: 'width' | 'height') =>
  param(z.number().int().min(64).max(1024).multipleOf(8).optional(), {
    description: `Image ${axis} in pixels: at most 1024x1024, a multiple of 8.`,
    group: 'basic',
    step: 8,
    role: axis,
    wire: 'intString',
  });

const samples = () =>
  param(z.number().int().min(1).max(4).optional(), {
    description: 'Number of images to be returned in response. The maximum value is 4.',
    group: 'basic',
    role: 'samples',
    wire: 'intString',
  });

const stepsRange = () =>
  param(z.number().int().min(1).max(50).optional(), {
    description: 'Number of denoising steps (minimum: 1; maximum: 50).',
    group: 'basic',
    role: 'steps',
    wire: 'intString',
  });

const flag = (description: string) => param(z.boolean().optional(), { description, group: 'advanced', wire: 'yesNo' });

const flagDefault = (description: string, value: boolean) =>
  param(z.boolean().default(value), { description, group: 'advanced', wire: 'yesNo' });

const nullableText = (description: string) =>
  param(z.string().nullable().optional(), { description, group: 'advanced' });

const image = (role: 'initImage' | 'mask', description: string) => imageParam(role, description);

const strength = () =>
  param(z.number().min(0).max(1).optional(), {
    description: 'Prompt strength when using init image. 1.0 corresponds to full destruction of information in the init image.',
    group: 'basic',
    step: 0.05,
    role: 'strength',
  });

/**
 * Fields every ModelsLab endpoint takes, in the order of the docs' example body
 * (the schema's key order is the body's order): `guidanceFields`, then
 * `strength` where the endpoint has it, then `commonFields`.
 */
const guidanceFields = () => ({
  safety_checker: flag('A checker for NSFW images. If such an image is detected, it will be replaced by a blank image.'),
  enhance_prompt: flagDefault('Enhance prompts for better results.', true),
  guidance_scale: param(z.number().min(1).max(20).optional(), {
    description: 'Scale for classifier-free guidance (minimum: 1; maximum: 20).',
    group: 'basic',
    step: 0.5,
    role: 'guidance',
  }),
});

const commonFields = () => ({
  scheduler: param(z.enum(MODELSLAB_SCHEDULERS).optional(), {
    description: 'The scheduler used to denoise the image.',
    group: 'basic',
    role: 'scheduler',
  }),
  seed: seedNullable('Seed to reproduce results: the same seed gives the same image again. Null for a random number.'),
  lora_model: nullableText('LoRA models; multi LoRA is supported with comma-separated values, e.g. contrast-fix,yae-miko-genshin.'),
  tomesd: flagDefault('Enable tomesd to generate images: gives really fast results.', true),
  use_karras_sigmas: flagDefault('Use Karras sigmas to generate images: gives nice results.', true),
  vae: nullableText('Use a custom VAE in generating images (default: none).'),
  lora_strength: nullableText('Strength of the LoRA model; with multi LoRA, one value per model, comma-separated.'),
  embeddings_model: nullableText('An embeddings model to use.'),
  webhook: param(z.string().url().nullable().optional(), {
    description: 'A URL that gets a POST API call once the image generation is complete.',
    group: 'advanced',
  }),
  track_id: nullableText('An ID returned in the webhook call, to identify the webhook request.'),
  safety_checker_type: param(z.enum(['blur', 'sensitive_content_text', 'pixelate', 'black']).default('sensitive_content_text'), {
    description: 'How to modify an image when NSFW content is found.',
    group: 'advanced',
  }),
  algorithm_type: param(z.enum(['none', 'dpmsolver+++']).default('none'), {
    description: 'Algorithm used by the DPMSolverMultistepScheduler scheduler.',
    group: 'advanced',
  }),
  multi_lingual: flag('Allow prompts in languages other than English.'),
  panorama: flag('Generate a panorama image.'),
  self_attention: flag('Self-attention for a higher quality image; generation takes longer.'),
  upscale: flag('Upscale the generated image two times (2x) its requested resolution.'),
  clip_skip: param(z.number().int().min(1).max(8).optional(), {
    description: 'Clip Skip (minimum: 1; maximum: 8).',
    group: 'advanced',
    wire: 'intString',
  }),
  highres_fix: flag('Use a high-resolution fix when generating the image.'),
  temp: flag('Create a temporary image link, valid for 24 hours.'),
  base64: flagDefault('Get the response as base64 text; turned on automatically when a local image is sent as base64.', false),
});

/** Multi LoRA: one strength per model (seed 001), so `lora_strength` has as many values as `lora_model`. */
function loraCounts(value: { lora_model?: string | null; lora_strength?: string | null }, ctx: z.core.$RefinementCtx) {
  const count = (v: string | null | undefined) => (v && v.trim() ? v.split(',').length : 0);
  const models = count(value.lora_model);
  const strengths = count(value.lora_strength);
  if (strengths > 0 && strengths !== models) {
    ctx.addIssue({
      code: 'custom',
      path: ['lora_strength'],
      message: `has ${strengths} value${strengths === 1 ? '' : 's'} for ${models} LoRA model${models === 1 ? '' : 's'}: give one strength per model`,
    });
  }
}

export const text2imgSchema = z.object({
  model_id: modelId(),
  prompt: param(z.string().min(1).refine(hasText, HAS_TEXT), promptMeta),
  negative_prompt: negativePrompt(),
  width: size('width'),
  height: size('height'),
  samples: samples(),
  num_inference_steps: param(z.literal([21, 31, 41, 51]).optional(), {
    description: 'Number of denoising steps: 21, 31, 41 or 51 on the v4 text to image endpoint.',
    group: 'basic',
    role: 'steps',
    wire: 'intString',
  }),
  ...guidanceFields(),
  ...commonFields(),
}).superRefine(loraCounts);

export const img2imgSchema = z.object({
  model_id: modelId(),
  prompt: param(z.string().optional(), promptMeta),
  negative_prompt: negativePrompt(),
  init_image: image('initImage', 'Link to the initial image (a local image is sent as base64).'),
  width: size('width'),
  height: size('height'),
  samples: samples(),
  num_inference_steps: stepsRange(),
  ...guidanceFields(),
  strength: strength(),
  ...commonFields(),
}).superRefine(loraCounts);

export const inpaintSchema = z.object({
  model_id: modelId(),
  prompt: param(z.string().optional(), promptMeta),
  negative_prompt: negativePrompt(),
  init_image: image('initImage', 'Link to the initial image (a local image is sent as base64).'),
  mask_image: image('mask', 'Link to the mask image: white areas are repainted, black areas kept.'),
  width: size('width'),
  height: size('height'),
  samples: samples(),
  // The inpaint endpoint takes `steps`, not `num_inference_steps`.
  steps: stepsRange(),
  ...guidanceFields(),
  strength: strength(),
  ...commonFields(),
}).superRefine(loraCounts);

export type Text2imgParams = z.output<typeof text2imgSchema>;
export type Img2imgParams = z.output<typeof img2imgSchema>;
export type InpaintParams = z.output<typeof inpaintSchema>;
