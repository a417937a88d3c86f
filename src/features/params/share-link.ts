/**
 * "Copy link": the endpoint and its parameters in the URL fragment (`#/playground?setup=…`), so
 * the link never reaches a server. Never a key (the form holds none); an init image or mask is
 * left out, and the link says so (`omitted`). Opening it fills the form and sends nothing.
 */
import { z } from 'zod';
import { describeSchema } from '../../providers/fields/describe';
import { getEndpoint } from '../../providers/registry';
import { isKeyLikeName } from '../../job-store/key-guard';

export const SETUP_PARAM = 'setup';
const SETUP_VERSION = 1;

const setupSchema = z.object({
  v: z.literal(SETUP_VERSION),
  endpoint: z.string().min(1),
  params: z.record(z.string(), z.unknown()),
  /** Parameters left out of the link (images). */
  omitted: z.array(z.string()).optional(),
  /** The batch beside Generate: how many runs, and their seeds. */
  batch: z.object({ count: z.number().int().min(1).max(64), seeds: z.enum(['consecutive', 'drawn']) }).optional(),
});
export type SharedSetup = z.infer<typeof setupSchema>;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The setup of `endpointId` with `values`, images left out. */
export function buildSetup(endpointId: string, values: Record<string, unknown>, batch?: SharedSetup['batch']): SharedSetup {
  const endpoint = getEndpoint(endpointId);
  const imageFields = new Set(endpoint ? describeSchema(endpoint.schema).filter((f) => f.kind === 'image').map((f) => f.name) : []);
  const params: Record<string, unknown> = {};
  const omitted: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || isKeyLikeName(k)) continue;
    if (imageFields.has(k) || (typeof v === 'string' && v.startsWith('data:'))) {
      if (v !== '' && v !== null) omitted.push(k);
      continue;
    }
    params[k] = v;
  }
  return { v: SETUP_VERSION, endpoint: endpointId, params, ...(omitted.length ? { omitted } : {}), ...(batch ? { batch } : {}) };
}

export function encodeSetup(setup: SharedSetup): string {
  return toBase64Url(JSON.stringify(setup));
}

/** The setup in a link's `setup` value; undefined when it is damaged or names an unknown endpoint. */
export function decodeSetup(value: string | undefined | null): SharedSetup | undefined {
  if (!value) return undefined;
  try {
    const parsed = setupSchema.safeParse(JSON.parse(fromBase64Url(value)));
    return parsed.success && getEndpoint(parsed.data.endpoint) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The whole link: this page, the playground view, the setup in the fragment. */
export function setupLink(setup: SharedSetup, base: string = location.href): string {
  const url = new URL(base);
  url.hash = `/playground?${SETUP_PARAM}=${encodeSetup(setup)}`;
  return url.toString();
}
