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
  if (!value || value.length > MAX_SETUP_CHARS) return undefined;
  try {
    const parsed = setupSchema.safeParse(JSON.parse(fromBase64Url(value)));
    return parsed.success && getEndpoint(parsed.data.endpoint) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The largest `setup` value a link may carry (characters of base64url, about 48 KB of JSON):
 * far more than any real form, and quick to apply (a 685 KB link once took 40 s).
 */
export const MAX_SETUP_CHARS = 64 * 1024;

/** Where a link may not point the form: a URL-valued parameter (a webhook, a callback, an image URL). */
const URL_NAME = /webhook|callback|(^|_)url$/i;
const URL_VALUE = /^\s*([a-z][a-z0-9+.-]*:\/\/|\/\/|(data|blob|javascript|file):)/i;

export type ReadSetup =
  | {
      ok: true;
      setup: SharedSetup;
      /** `name: value` for every value the form takes from the link that is not a prompt or a number. */
      named: string[];
      /** Parameters the link carried that the form did not take, each with why. */
      dropped: string[];
    }
  | { ok: false; problem: string };

const shown = (v: unknown) => {
  const text = typeof v === 'string' ? JSON.stringify(v) : String(JSON.stringify(v));
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/**
 * A link's setup, ready to fill the form: too large or damaged links are refused with why;
 * URL-valued parameters (a webhook or callback that would send results elsewhere, an image
 * URL) and names the endpoint does not have are left out; every other value that is not a
 * prompt or a number is named, so nothing is filled unseen.
 */
export function readSetup(value: string): ReadSetup {
  if (value.length > MAX_SETUP_CHARS) {
    return { ok: false, problem: `The link is too large (${Math.round(value.length / 1024)} KB; a setup link holds at most ${MAX_SETUP_CHARS / 1024} KB): the form was left as it was.` };
  }
  const setup = decodeSetup(value);
  if (!setup) return { ok: false, problem: 'The link could not be read: the form was left as it was.' };
  const endpoint = getEndpoint(setup.endpoint)!;
  const fields = new Map(describeSchema(endpoint.schema).map((f) => [f.name, f]));
  const params: Record<string, unknown> = {};
  const named: string[] = [];
  const dropped: string[] = [];
  for (const [k, v] of Object.entries(setup.params)) {
    const field = fields.get(k);
    if (!field || isKeyLikeName(k)) {
      dropped.push(`${k} (not a parameter of ${setup.endpoint})`);
      continue;
    }
    if (v === null || v === '') {
      params[k] = v;
      continue;
    }
    const prompt = field.role === 'prompt' || field.role === 'negativePrompt';
    // A prompt is text the notice need not name, whatever it holds ("shared: a lantern" is no URL).
    if (URL_NAME.test(k) || field.kind === 'image' || (!prompt && typeof v === 'string' && URL_VALUE.test(v))) {
      dropped.push(`${k} ${shown(v)} (a link may not set where requests or results go)`);
      continue;
    }
    params[k] = v;
    if (!prompt && typeof v !== 'number') named.push(`${k}: ${shown(v)}`);
  }
  return { ok: true, setup: { ...setup, params }, named, dropped };
}

/** The notice after a link filled the form: what it set beyond prompts and numbers, what it left out. */
export function setupNotice(read: Extract<ReadSetup, { ok: true }>): string {
  const parts = ['Filled from a shared link.'];
  if (read.named.length) parts.push(`It set ${read.named.join(', ')}.`);
  if (read.dropped.length) parts.push(`Left out: ${read.dropped.join('; ')}.`);
  if (read.setup.omitted?.length) parts.push(`Not in the link: ${read.setup.omitted.join(', ')}; choose them again.`);
  parts.push('Nothing was sent, and nothing is saved until you edit or generate.');
  return parts.join(' ');
}

/** The whole link: this page, the playground view, the setup in the fragment. */
export function setupLink(setup: SharedSetup, base: string = location.href): string {
  const url = new URL(base);
  url.hash = `/playground?${SETUP_PARAM}=${encodeSetup(setup)}`;
  return url.toString();
}
