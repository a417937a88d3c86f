import type { ProviderDef } from '../types';
import { defineEndpoint } from '../shared/define';
import { DREAMRENDER_KEY, DREAMRENDER_WIRE } from './request';
import { parseGenerateImageResponse } from './response';
import { generateImageExample, generateImageSchema } from './schema';

export const generateImageEndpoint = defineEndpoint({
  provider: 'dreamrender',
  name: 'generate_image',
  title: 'Text to image',
  kind: 'txt2img',
  path: '/api/generate_image',
  description: 'Generates an image from a prompt with a chosen model, optional style and prompt enhancement.',
  schema: generateImageSchema,
  initialValues: generateImageExample,
  wire: DREAMRENDER_WIRE,
  parseResponse: parseGenerateImageResponse,
});

export const dreamrender: ProviderDef = {
  id: 'dreamrender',
  name: 'DreamRender-3.0',
  shortName: 'DreamRender',
  keyLocation: DREAMRENDER_KEY,
  keyRequired: true,
  keyHelp: 'DreamRender issues developer keys (dev_key) to its API customers; ask DreamRender support for one.',
  // The real host is not public (the document uses a placeholder): the user sets the base URL.
  defaultBaseUrl: undefined,
  baseUrlHelp: 'DreamRender has no public host: enter the one you were given (https).',
  proxyHosts: 'any-public-https',
  responseHeaders: [],
  endpoints: [generateImageEndpoint],
};
