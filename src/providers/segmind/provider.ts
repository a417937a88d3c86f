import type { ImageSizeRule, ProviderDef } from '../types';
import { endpointsOf } from '../shared/define';
import { SEGMIND_KEY, SEGMIND_WIRE } from './request';
import { parseSegmindResponse } from './response';
import { dreamshaperExample, dreamshaperSchema, img2imgSchema, inpaintingSchema } from './schema';

const endpoint = endpointsOf({ provider: 'segmind', wire: SEGMIND_WIRE, parseResponse: parseSegmindResponse });

export const dreamshaperEndpoint = endpoint({
  name: 'sd1.5-dreamshaper',
  title: 'Dream Shaper (text to image)',
  kind: 'txt2img',
  path: '/v1/sd1.5-dreamshaper',
  description: 'Dreamshaper delivers high-quality, detailed images across a diverse range of artistic styles and subjects.',
  schema: dreamshaperSchema,
  initialValues: dreamshaperExample,
});

// The siblings have no example in the documents: the form starts from the schema defaults and
// a short prompt of ours, so that one click after choosing an image makes a picture.
/** The SD 1.5 family's sizes: 512, 768 or 1024 on each side. */
const SEGMIND_SIZES: ImageSizeRule = {
  width: { kind: 'fixed', values: [512, 768, 1024] },
  height: { kind: 'fixed', values: [512, 768, 1024] },
};

export const img2imgEndpoint = endpoint({
  name: 'sd1.5-img2img',
  title: 'SD 1.5 image to image',
  kind: 'img2img',
  path: '/v1/sd1.5-img2img',
  description: 'Stable Diffusion 1.5 transforms an input image according to the prompt.',
  schema: img2imgSchema,
  initialValues: { prompt: 'the same scene as a watercolour painting' },
  sizeRule: SEGMIND_SIZES,
});

export const inpaintingEndpoint = endpoint({
  name: 'sd1.5-inpainting',
  title: 'SD 1.5 inpainting',
  kind: 'inpaint',
  path: '/v1/sd1.5-inpainting',
  description: 'Stable Diffusion 1.5 repaints the masked part of an image according to the prompt.',
  schema: inpaintingSchema,
  initialValues: { prompt: 'a small wooden boat' },
  sizeRule: SEGMIND_SIZES,
});

export const segmind: ProviderDef = {
  id: 'segmind',
  name: 'Segmind',
  keyLocation: SEGMIND_KEY,
  keyRequired: true,
  keyHelp: 'Sign in at segmind.com and create an API key in your account’s API keys page.',
  defaultBaseUrl: 'https://api.segmind.com',
  baseUrlHelp: 'Default: https://api.segmind.com',
  proxyHosts: ['api.segmind.com'],
  // Documented (credits) and seen (seed, timing, cost, request id, rate limit).
  responseHeaders: ['x-remaining-credits', 'x-generation-time', 'x-seed-value', 'x-cost', 'x-request-id', 'x-rate-limit-remaining', 'retry-after'],
  endpoints: [dreamshaperEndpoint, img2imgEndpoint, inpaintingEndpoint],
};
