/**
 * The AUTOMATIC1111 provider draft. Typed against today's contract, but not registered: the
 * contract has no 'a1111' ProviderId, no optional key, no progress or interrupt requests and no
 * server-provided suggestions yet. Those parts are plain functions here (auth.ts, progress.ts,
 * lists.ts, response.ts's a1111NetworkError), gathered in `a1111Extras`.
 */
import type { z } from 'zod';
import type { AnyObjectSchema, EndpointDef, ProviderDef } from '../types';
import { redactA1111Request } from './auth';
import { buildListRequest, LIST_FIELDS, parseListResponse } from './lists';
import { buildInterruptRequest, buildProgressRequest, parseProgressResponse } from './progress';
import { buildImg2ImgRequest, buildInpaintRequest, buildTxt2ImgRequest } from './request';
import { a1111NetworkError, imageSeeds, parseA1111Response } from './response';
import { img2imgSchema, inpaintSchema, txt2imgSchema } from './schema';

export const A1111_ID = 'a1111';
export const A1111_DEFAULT_BASE_URL = 'http://127.0.0.1:7860';

/** An EndpointDef whose provider is 'a1111' (not yet a ProviderId). */
export type A1111EndpointDef<S extends AnyObjectSchema = AnyObjectSchema> = Omit<EndpointDef<S>, 'provider'> & { provider: typeof A1111_ID };

function defineA1111Endpoint<S extends AnyObjectSchema>(def: A1111EndpointDef<S>): A1111EndpointDef<S> {
  return def;
}

const startingPrompt = {
  prompt: 'a lighthouse on a cliff at sunset, oil painting',
  negative_prompt: 'blurry, low quality',
  sampler_name: 'DPM++ 2M',
  scheduler: 'Karras',
} satisfies Partial<z.input<typeof txt2imgSchema>>;

export const txt2imgEndpoint = defineA1111Endpoint({
  id: 'a1111/txt2img',
  provider: A1111_ID,
  name: 'txt2img',
  title: 'Text to image',
  kind: 'txt2img',
  path: '/sdapi/v1/txt2img',
  description: 'Stable Diffusion on your own server: a picture from a prompt (POST /sdapi/v1/txt2img).',
  schema: txt2imgSchema,
  initialValues: startingPrompt,
  buildRequest: buildTxt2ImgRequest,
  parseResponse: parseA1111Response,
});

export const img2imgEndpoint = defineA1111Endpoint({
  id: 'a1111/img2img',
  provider: A1111_ID,
  name: 'img2img',
  title: 'Image to image',
  kind: 'img2img',
  path: '/sdapi/v1/img2img',
  description: 'Stable Diffusion on your own server: a picture repainted after a prompt (POST /sdapi/v1/img2img).',
  schema: img2imgSchema,
  initialValues: { ...startingPrompt, prompt: 'the same scene as a watercolour painting' },
  buildRequest: buildImg2ImgRequest,
  parseResponse: parseA1111Response,
});

export const inpaintEndpoint = defineA1111Endpoint({
  id: 'a1111/inpaint',
  provider: A1111_ID,
  name: 'img2img (inpaint)',
  title: 'Inpainting',
  kind: 'inpaint',
  path: '/sdapi/v1/img2img',
  description: 'Stable Diffusion on your own server: the masked part of a picture repainted (img2img with a mask).',
  schema: inpaintSchema,
  initialValues: { ...startingPrompt, prompt: 'a small wooden boat' },
  buildRequest: buildInpaintRequest,
  parseResponse: parseA1111Response,
});

export interface A1111ProviderDraft extends Omit<ProviderDef, 'id' | 'endpoints'> {
  id: typeof A1111_ID;
  endpoints: A1111EndpointDef[];
}

export const a1111: A1111ProviderDraft = {
  id: A1111_ID,
  name: 'AUTOMATIC1111 (Stable Diffusion WebUI)',
  defaultBaseUrl: A1111_DEFAULT_BASE_URL,
  // Called straight from the browser: the local proxy forwards to public https hosts only.
  proxyHosts: [],
  keyLocation: { in: 'header', name: 'Authorization' },
  keyHelp:
    'Only needed when the WebUI was started with --api-auth: enter user:password. Start it with --api ' +
    '(and --cors-allow-origins=<this page’s origin> to call it from the browser).',
  endpoints: [txt2imgEndpoint, img2imgEndpoint, inpaintEndpoint],
};

/** What the contract cannot carry yet; the lead wires these in after the contract refactor. */
export const a1111Extras = {
  /** The key (`user:password`) is optional: no key, no Authorization header. */
  keyOptional: true,
  redactRequest: redactA1111Request,
  buildProgressRequest,
  parseProgressResponse,
  buildInterruptRequest,
  /** Server lists that feed field suggestions: list -> field name. */
  listFields: LIST_FIELDS,
  buildListRequest,
  parseListResponse,
  networkError: a1111NetworkError,
  imageSeeds,
};
