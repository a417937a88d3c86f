/**
 * DreamRender-3.0 `generate_image` parameters (seed document 000). The document
 * gives types and examples but no ranges or defaults: the ranges below are the
 * playground's own sensible limits, and the form starts from the cURL example.
 */
import { z } from 'zod';
import { param } from '../param';
import { MAX_SEED_32, requiredText } from '../shared/params';

/** Seeds up to 2^32 - 1 (the usual Stable Diffusion range); -1 asks for a random one. */
export const DREAMRENDER_MAX_SEED = MAX_SEED_32;

/** The only model name the document shows; its model list is not public. */
export const DREAMRENDER_MODEL_SUGGESTIONS = ['realisticVisionV60B1_v51VAE'] as const;

/**
 * "None" is documented. The style list behind the document's link is not public:
 * the other names are plausible guesses offered as suggestions only.
 */
export const DREAMRENDER_STYLE_SUGGESTIONS = ['None', 'Cinematic', 'Photographic', 'Anime', 'Digital Art'] as const;

export const generateImageSchema = z.object({
  model: param(requiredText(), {
    description: 'The model to be used for generating the image; different models suit different styles and outputs.',
    group: 'basic',
    role: 'model',
    suggestions: DREAMRENDER_MODEL_SUGGESTIONS,
  }),
  prompt: param(requiredText(), {
    description: 'A textual description of the image you want to generate.',
    group: 'basic',
    widget: 'textarea',
    role: 'prompt',
  }),
  width: param(z.number().int().min(64).max(2048), {
    description: 'The width of the generated image in pixels.',
    group: 'basic',
    role: 'width',
  }),
  height: param(z.number().int().min(64).max(2048), {
    description: 'The height of the generated image in pixels.',
    group: 'basic',
    role: 'height',
  }),
  seed: param(z.number().int().min(-1).max(DREAMRENDER_MAX_SEED).optional(), {
    description: 'A numerical seed for reproducibility; -1 for a random seed.',
    group: 'basic',
    widget: 'seed',
    randomValue: -1,
    role: 'seed',
  }),
  styles: param(z.string().optional(), {
    description: 'The art style to apply to the image; "None" for no specific style.',
    group: 'advanced',
    suggestions: DREAMRENDER_STYLE_SUGGESTIONS,
  }),
  cfg_scale: param(z.number().min(0).max(30).optional(), {
    description: 'Adherence to the prompt: higher values follow the prompt more closely.',
    group: 'basic',
    step: 0.5,
    role: 'guidance',
  }),
  steps: param(z.number().int().min(1).max(150).optional(), {
    description: 'The number of refining iterations; more steps generally give higher quality.',
    group: 'basic',
    role: 'steps',
  }),
  enable_hr: param(z.boolean().optional(), {
    wire: 'trueFalse',
    description: 'Enables high-resolution mode.',
    group: 'advanced',
  }),
  negative_prompt: param(z.string().optional(), {
    description: 'Elements or themes to exclude from the image.',
    group: 'basic',
    widget: 'textarea',
    role: 'negativePrompt',
  }),
  prompt_temp: param(z.number().min(0).max(2).optional(), {
    description: 'Creativity of the prompt: higher values give more creative outputs.',
    group: 'advanced',
    step: 0.05,
  }),
  prompt_top_p: param(z.number().min(0).max(1).optional(), {
    description: 'Probability distribution for the prompt: higher values give more deterministic outputs.',
    group: 'advanced',
    step: 0.05,
  }),
  designer: param(z.boolean().optional(), {
    wire: 'trueFalse',
    description: 'Object Designer: generates isolated objects without a background.',
    group: 'advanced',
  }),
  enhance_prompt: param(z.boolean().optional(), {
    wire: 'trueFalse',
    description: 'Enhances the prompt (without styles); with designer on, only the designer enhancement applies.',
    group: 'advanced',
  }),
});

export type GenerateImageParams = z.output<typeof generateImageSchema>;

/** The document's cURL example, field for field. */
export const generateImageExample = {
  model: 'realisticVisionV60B1_v51VAE',
  prompt: 'shoe',
  width: 512,
  height: 512,
  seed: -1,
  styles: 'None',
  cfg_scale: 7,
  steps: 30,
  enable_hr: false,
  negative_prompt: '',
  prompt_temp: 0.8,
  prompt_top_p: 0.9,
  designer: false,
  enhance_prompt: true,
} satisfies z.input<typeof generateImageSchema>;
