import type { z } from 'zod';
import type { ImageSizeRule, ProviderDef } from '../types';
import { endpointsOf } from '../shared/define';
import { buildFetchRequest, markBase64Images, MODELSLAB_KEY, MODELSLAB_WIRE } from './request';
import { parseModelslabResponse } from './response';
import { img2imgSchema, inpaintSchema, text2imgSchema } from './schema';

/**
 * Starting values, taken from the docs' img2img example (prompt, size, samples,
 * guidance, strength, scheduler, flags). Choices where the docs are silent:
 * model_id is the public model the docs' response names instead of the
 * placeholder "your_model_id"; text2img starts at 31 steps, the allowed value
 * closest to the example's 30; init_image and mask_image start empty (the
 * example's link is a temporary file), the user picks or paints them.
 */
const shared = {
  model_id: 'midjourney-v4-painta',
  prompt: 'papercraft, quilling, layers, landscape',
  width: 512,
  height: 512,
  samples: 1,
  safety_checker: true,
  enhance_prompt: true,
  guidance_scale: 7.5,
  scheduler: 'UniPCMultistepScheduler',
  seed: null,
  tomesd: true,
  use_karras_sigmas: true,
} as const;

const text2imgInitial: Partial<z.input<typeof text2imgSchema>> = { ...shared, num_inference_steps: 31 };
const img2imgInitial: Partial<z.input<typeof img2imgSchema>> = { ...shared, num_inference_steps: 30, strength: 0.7 };
const inpaintInitial: Partial<z.input<typeof inpaintSchema>> = { ...shared, steps: 30, strength: 0.7 };

const endpoint = endpointsOf({ provider: 'modelslab', wire: MODELSLAB_WIRE, adjust: markBase64Images, parseResponse: parseModelslabResponse });

export const text2imgEndpoint = endpoint({
  name: 'text2img',
  title: 'Text to image',
  kind: 'txt2img',
  path: '/api/v4/dreambooth',
  description: 'Generates and returns an image from a text prompt and a model ID.',
  schema: text2imgSchema,
  initialValues: text2imgInitial,
});

/** Width and height up to 1024, multiples of 8 (the documents' limits). */
const MODELSLAB_SIZES: ImageSizeRule = {
  width: { kind: 'range', min: 64, max: 1024, multiple: 8 },
  height: { kind: 'range', min: 64, max: 1024, multiple: 8 },
};

export const img2imgEndpoint = endpoint({
  name: 'img2img',
  title: 'Image to image',
  kind: 'img2img',
  path: '/api/v4/dreambooth/img2img',
  description: 'Generates an image from an initial image and a prompt, with the chosen model.',
  schema: img2imgSchema,
  initialValues: img2imgInitial,
  sizeRule: MODELSLAB_SIZES,
});

export const inpaintEndpoint = endpoint({
  name: 'inpaint',
  title: 'Inpainting',
  kind: 'inpaint',
  path: '/api/v4/dreambooth/inpaint',
  description: 'Replaces the masked part of an image according to the prompt, with the chosen model.',
  schema: inpaintSchema,
  initialValues: inpaintInitial,
  sizeRule: MODELSLAB_SIZES,
});

export const modelslab: ProviderDef = {
  id: 'modelslab',
  name: 'ModelsLab',
  keyLocation: MODELSLAB_KEY,
  keyRequired: true,
  keyHelp: 'Sign up at modelslab.com and copy the API key from your dashboard.',
  defaultBaseUrl: 'https://stablediffusionapi.com',
  baseUrlHelp: 'Default: https://stablediffusionapi.com (modelslab.com works too).',
  proxyHosts: ['stablediffusionapi.com', 'modelslab.com'],
  responseHeaders: ['retry-after'],
  endpoints: [text2imgEndpoint, img2imgEndpoint, inpaintEndpoint],
  buildFetchRequest,
  parseFetchResponse: parseModelslabResponse,
};
