/**
 * AUTOMATIC1111-compatible servers (Stable Diffusion WebUI, Forge, SD.Next): the fields of
 * POST /sdapi/v1/txt2img and /sdapi/v1/img2img, named as the WebUI's processing classes name
 * them (providers.md, last section). Inpainting is img2img plus a mask and its options.
 *
 * The server checks types only; the ranges here are the WebUI's own sliders. Defaults are the
 * WebUI form's (steps 20, "original" fill, "whole picture"), which is what its users expect;
 * a field left out of a request gets the API's own default instead (steps 50, fill 0, ...).
 * `sd_model_checkpoint` is a form field of ours: it goes out as
 * `override_settings.sd_model_checkpoint` (empty: the model the server has loaded).
 */
import { z } from 'zod';
import { param } from '../param';
import { imageParam, MAX_SEED_32, seedMinusOne } from '../shared/params';

/** Samplers of a stock WebUI 1.10, offered until the server's own list (/sdapi/v1/samplers) is read. */
export const A1111_SAMPLERS = [
  'DPM++ 2M',
  'DPM++ SDE',
  'DPM++ 2M SDE',
  'DPM++ 2S a',
  'Euler a',
  'Euler',
  'LMS',
  'Heun',
  'DPM2',
  'DPM2 a',
  'DPM fast',
  'DPM adaptive',
  'Restart',
  'DDIM',
  'PLMS',
  'UniPC',
  'LCM',
] as const;

/** Schedule types of a stock WebUI 1.10 (labels; the server also accepts the names). */
export const A1111_SCHEDULERS = [
  'Automatic',
  'Uniform',
  'Karras',
  'Exponential',
  'Polyexponential',
  'SGM Uniform',
  'KL Optimal',
  'Align Your Steps',
  'Simple',
  'Normal',
  'DDIM',
  'Beta',
] as const;

/** Seeds are 32-bit; -1 asks the server for a random one (it reports it in `info.all_seeds`). */
export const A1111_MAX_SEED = MAX_SEED_32;

const prompt = () =>
  param(z.string().min(1), { description: 'The prompt: what the picture shows.', group: 'basic', widget: 'textarea', role: 'prompt' });

const negativePrompt = () =>
  param(z.string().optional(), { description: 'What the picture should not show.', group: 'basic', widget: 'textarea', role: 'negativePrompt' });

const model = () =>
  param(z.string().optional(), {
    description: 'Checkpoint to use (sent in override_settings); empty: the model the server has loaded.',
    group: 'basic',
    role: 'model',
    serverList: 'models',
    wireName: 'override_settings.sd_model_checkpoint',
  });

const sampler = () =>
  param(z.string().optional(), {
    description: 'Sampling method, e.g. "Euler a" or "DPM++ 2M"; empty: the server default (Euler).',
    group: 'basic',
    role: 'scheduler',
    suggestions: A1111_SAMPLERS,
    serverList: 'samplers',
  });

const scheduler = () =>
  param(z.string().optional(), {
    description: 'Schedule type (WebUI 1.9 and later), e.g. "Karras"; empty: Automatic.',
    group: 'advanced',
    suggestions: A1111_SCHEDULERS,
    serverList: 'schedulers',
  });

const steps = () => param(z.number().int().min(1).max(150).default(20), { description: 'Sampling steps.', group: 'basic', role: 'steps' });

const cfgScale = () =>
  param(z.number().min(1).max(30).default(7), {
    description: 'CFG scale: how strictly the picture follows the prompt.',
    group: 'basic',
    step: 0.5,
    role: 'guidance',
  });

const size = (role: 'width' | 'height') =>
  param(z.number().int().min(64).max(2048).multipleOf(8).default(512), {
    description: `${role === 'width' ? 'Width' : 'Height'} of the picture in pixels (a multiple of 8).`,
    group: 'basic',
    step: 8,
    role,
  });

const seed = () => seedMinusOne('Seed; -1 for a random one. Picture i of a request uses seed + i.');

const batchSize = () =>
  param(z.number().int().min(1).max(8).default(1), { description: 'Pictures made at once (one batch).', group: 'basic', role: 'samples' });

const nIter = () =>
  param(z.number().int().min(1).max(100).default(1), { description: 'Batch count: batches made one after another.', group: 'advanced' });

const flag = (description: string, value = false) => param(z.boolean().default(value), { description, group: 'advanced' });

/** Fields common to txt2img and img2img, in the order they go out. */
const common = () => ({
  prompt: prompt(),
  negative_prompt: negativePrompt(),
  sd_model_checkpoint: model(),
  sampler_name: sampler(),
  scheduler: scheduler(),
  steps: steps(),
  cfg_scale: cfgScale(),
  width: size('width'),
  height: size('height'),
  seed: seed(),
  batch_size: batchSize(),
  n_iter: nIter(),
  subseed: param(z.number().int().min(-1).max(A1111_MAX_SEED).default(-1), {
    description: 'Variation seed; -1 for a random one (used only when the variation strength is above 0).',
    group: 'advanced',
  }),
  subseed_strength: param(z.number().min(0).max(1).default(0), {
    description: 'Variation strength: how far the variation seed pulls the picture.',
    group: 'advanced',
    step: 0.01,
  }),
  tiling: flag('Make a picture that tiles seamlessly.'),
});

export const txt2imgSchema = z.object({
  ...common(),
  enable_hr: flag('Hires. fix: generate small, then upscale and refine.'),
  hr_scale: param(z.number().min(1).max(4).default(2), { description: 'Hires. fix: upscale factor.', group: 'advanced', step: 0.05 }),
  hr_upscaler: param(z.string().optional(), {
    description: 'Hires. fix: upscaler, e.g. "Latent" or "R-ESRGAN 4x+".',
    group: 'advanced',
    suggestions: ['Latent', 'Latent (nearest-exact)', 'Lanczos', 'Nearest', 'ESRGAN_4x', 'R-ESRGAN 4x+'],
  }),
  hr_second_pass_steps: param(z.number().int().min(0).max(150).default(0), {
    description: 'Hires. fix: steps of the second pass; 0 uses the same as the first.',
    group: 'advanced',
  }),
  denoising_strength: param(z.number().min(0).max(1).default(0.7), {
    description: 'Hires. fix: how much the upscaled picture is repainted.',
    group: 'advanced',
    step: 0.01,
  }),
});

// The init image goes as the one item of `init_images`; the mask as one base64 image.
const image = (role: 'initImage' | 'mask', description: string) => imageParam(role, description, role === 'mask' ? {} : { wire: 'imageList' });

const img2imgFields = () => ({
  init_images: image('initImage', 'The starting picture (sent as the first of init_images).'),
  ...common(),
  denoising_strength: param(z.number().min(0).max(1).default(0.75), {
    description: 'Denoising strength: 0 keeps the picture, 1 replaces it entirely.',
    group: 'basic',
    step: 0.01,
    role: 'strength',
  }),
  resize_mode: param(z.literal([0, 1, 2, 3]).default(0), {
    description: 'Resize mode when sizes differ: 0 just resize, 1 crop and resize, 2 resize and fill, 3 just resize (latent upscale).',
    group: 'advanced',
  }),
});

export const img2imgSchema = z.object(img2imgFields());

export const inpaintSchema = z.object({
  ...img2imgFields(),
  mask: image('mask', 'The mask: white is repainted, black is kept (unless inverted).'),
  mask_blur: param(z.number().int().min(0).max(64).default(4), { description: 'Mask blur in pixels.', group: 'advanced' }),
  inpainting_fill: param(z.literal([0, 1, 2, 3]).default(1), {
    description: 'Masked content: 0 fill, 1 original, 2 latent noise, 3 latent nothing.',
    group: 'basic',
  }),
  inpaint_full_res: flag('Inpaint area "Only masked": repaint the masked region at full resolution.'),
  inpaint_full_res_padding: param(z.number().int().min(0).max(256).default(32), {
    description: '"Only masked" padding in pixels.',
    group: 'advanced',
    step: 4,
  }),
  inpainting_mask_invert: param(z.literal([0, 1]).default(0), {
    description: 'Mask mode: 0 inpaint the white (masked) area, 1 inpaint the black (not masked) area.',
    group: 'advanced',
  }),
});

export type A1111Txt2ImgParams = z.output<typeof txt2imgSchema>;
export type A1111Img2ImgParams = z.output<typeof img2imgSchema>;
export type A1111InpaintParams = z.output<typeof inpaintSchema>;
