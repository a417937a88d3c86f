/**
 * AUTOMATIC1111-compatible servers (Stable Diffusion WebUI, Forge, SD.Next) on the user's own
 * machine: txt2img, img2img and inpainting (img2img with a mask), an optional Basic login, the
 * server's progress (with a live preview), its interrupt, and its model/sampler/scheduler lists.
 */
import type { z } from 'zod';
import type { ProviderDef } from '../types';
import { PAGE_ORIGIN } from '../types';
import { endpointsOf } from '../shared/define';
import { A1111_KEY } from './auth';
import { buildListRequest, parseListResponse } from './lists';
import type { A1111List } from './lists';
import { buildInterruptRequest, buildProgressRequest, progressInfo } from './progress';
import { A1111_WIRE, dropHiresUnlessOn } from './request';
import { parseA1111Response } from './response';
import { img2imgSchema, inpaintSchema, txt2imgSchema } from './schema';

export const A1111_ID = 'a1111';
export const A1111_DEFAULT_BASE_URL = 'http://127.0.0.1:7860';

const startingPrompt = {
  prompt: 'a lighthouse on a cliff at sunset, oil painting',
  negative_prompt: 'blurry, low quality',
  sampler_name: 'DPM++ 2M',
  scheduler: 'Karras',
} satisfies Partial<z.input<typeof txt2imgSchema>>;

/** batch_size (8) × n_iter (100), plus the grid the server may add: the client keeps no more images than that. */
const A1111_MAX_OUTPUTS = 8 * 100 + 1;

const endpoint = endpointsOf({ provider: A1111_ID, wire: A1111_WIRE, parseResponse: parseA1111Response });

export const txt2imgEndpoint = endpoint({
  name: 'txt2img',
  title: 'Text to image',
  kind: 'txt2img',
  path: '/sdapi/v1/txt2img',
  description: 'Stable Diffusion on your own server: a picture from a prompt (POST /sdapi/v1/txt2img).',
  schema: txt2imgSchema,
  initialValues: startingPrompt,
  maxOutputs: A1111_MAX_OUTPUTS,
  adjust: dropHiresUnlessOn,
});

export const img2imgEndpoint = endpoint({
  name: 'img2img',
  title: 'Image to image',
  kind: 'img2img',
  path: '/sdapi/v1/img2img',
  description: 'Stable Diffusion on your own server: a picture repainted after a prompt (POST /sdapi/v1/img2img).',
  schema: img2imgSchema,
  initialValues: { ...startingPrompt, prompt: 'the same scene as a watercolour painting' },
  maxOutputs: A1111_MAX_OUTPUTS,
});

export const inpaintEndpoint = endpoint({
  name: 'inpaint',
  title: 'Inpainting (img2img with a mask)',
  kind: 'inpaint',
  path: '/sdapi/v1/img2img',
  description: 'Stable Diffusion on your own server: the masked part of a picture repainted (img2img with a mask).',
  schema: inpaintSchema,
  initialValues: { ...startingPrompt, prompt: 'a small wooden boat' },
  maxOutputs: A1111_MAX_OUTPUTS,
});

const list = (name: A1111List) => ({
  build: (args: { key: string; baseUrl: string }) => buildListRequest(name, args),
  parse: (res: Parameters<typeof parseListResponse>[1]) => parseListResponse(name, res) ?? [],
});

export const a1111: ProviderDef = {
  id: A1111_ID,
  name: 'AUTOMATIC1111 (Stable Diffusion WebUI)',
  shortName: 'A1111',
  // The login is kept as one key, `user:password`; none when the WebUI runs without --api-auth.
  keyLocation: A1111_KEY,
  keyRequired: false,
  keyHelp: 'Only needed when the server was started with a login: --api-auth user:password (A1111, Forge) or --auth (SD.Next).',
  defaultBaseUrl: A1111_DEFAULT_BASE_URL,
  baseUrlHelp:
    `Default: http://127.0.0.1:7860. Start A1111 or Forge with --api --cors-allow-origins=${PAGE_ORIGIN} ` +
    `(and --api-auth user:password for a login); SD.Next with --cors-origins=${PAGE_ORIGIN} (--auth for a login).`,
  // Called straight from the browser, never through the proxy.
  proxyHosts: [],
  local: true,
  // The POST answers only when every image is done: a large batch on a consumer GPU takes minutes,
  // and the progress poll shows it is alive meanwhile. Cancel interrupts it on the server.
  timeoutMs: 30 * 60_000,
  networkHint:
    `Start A1111 or Forge with --api --cors-allow-origins=${PAGE_ORIGIN}, SD.Next with ` +
    `--cors-origins=${PAGE_ORIGIN} (the browser cannot tell a CORS refusal from a server that is ` +
    'not running), and check the base URL in Settings.',
  responseHeaders: [],
  endpoints: [txt2imgEndpoint, img2imgEndpoint, inpaintEndpoint],
  extra: {
    progress: { build: (args) => buildProgressRequest(args), parse: progressInfo },
    cancel: { build: buildInterruptRequest },
    lists: { models: list('sd-models'), samplers: list('samplers'), schedulers: list('schedulers') },
  },
};
