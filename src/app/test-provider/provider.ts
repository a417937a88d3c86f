/**
 * A throwaway fourth provider, for `fourth-provider.test.tsx` only: the whole of
 * what a new provider writes (a schema, a response parser, its ProviderDef).
 * It runs on the user's machine, takes an optional Basic-auth key, and is never
 * part of the app's registry.
 */
import { z } from 'zod';
import { param } from '../../providers/param';
import { defineEndpoint } from '../../providers/shared/define';
import { parseJson } from '../../providers/shared/http';
import { imagesFrom } from '../../providers/shared/images';
import type { KeyLocation, ProviderDef, HttpResponse, ProviderResult } from '../../providers/types';

const KEY: KeyLocation = { in: 'basic' };

const txtSchema = z.object({
  prompt: param(z.string().min(1), { description: 'What to draw.', group: 'basic', widget: 'textarea', role: 'prompt' }),
  steps: param(z.number().int().min(1).max(150).default(20), { description: 'Sampling steps.', group: 'basic', role: 'steps' }),
});

function parse(res: HttpResponse): ProviderResult {
  const body = parseJson(res.body) as { images?: unknown } | undefined;
  return { kind: 'images', images: imagesFrom(body?.images, 'image/png') };
}

export const throwawayTxt = defineEndpoint({
  provider: 'throwaway',
  name: 'txt',
  title: 'Text to image',
  kind: 'txt2img',
  path: '/api/txt',
  description: 'Draws a picture from a prompt.',
  schema: txtSchema,
  initialValues: { prompt: 'a lighthouse' },
  wire: { body: 'json', key: KEY, nulls: 'omit', blankText: 'omit' },
  parseResponse: parse,
});

export const throwaway: ProviderDef = {
  id: 'throwaway',
  name: 'Throwaway Local',
  keyLocation: KEY,
  keyRequired: false,
  keyHelp: 'Only if the server was started with a user and password.',
  defaultBaseUrl: 'http://127.0.0.1:7777',
  baseUrlHelp: 'Default: http://127.0.0.1:7777',
  proxyHosts: [],
  local: true,
  responseHeaders: [],
  endpoints: [throwawayTxt],
};

/** The same provider hosted somewhere public, so the proxy has hosts to list. */
export const throwawayHosted: ProviderDef = {
  ...throwaway,
  id: 'throwaway-hosted',
  name: 'Throwaway Hosted',
  defaultBaseUrl: 'https://api.throwaway.test',
  proxyHosts: ['api.throwaway.test'],
  local: false,
  responseHeaders: ['x-throwaway-credits'],
  endpoints: [{ ...throwawayTxt, id: 'throwaway-hosted/txt', provider: 'throwaway-hosted' }],
};
