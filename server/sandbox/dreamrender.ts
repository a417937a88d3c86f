/**
 * The DreamRender-3.0 twin (seed 000): multipart form in, image/png out, {"error"} JSON with
 * 400 (bad field), 401 (dev_key), 415 (not a form) otherwise.
 */
import { failureMessage, retryHeaders } from './failures';
import { json, mediaType, seconds } from './http';
import type { Reply, TwinRequest } from './http';
import { FieldError, isAbsent, readFlag, readNumber, readSeed, readString } from './params';
import type { Fields } from './params';
import { encodePng } from './png';
import { drawSeed } from './prng';
import { synthesize } from './synth';
import { defineTwin } from './twin';
import type { Twin } from './twin';

export const DREAMRENDER_PATH = '/sandbox/dreamrender/api/generate_image';

export const MESSAGES = {
  missingKey: 'Missing dev_key: send your developer key in the dev_key form field.',
  invalidKey: 'Invalid dev_key: the developer key was not recognised.',
  contentType: 'Unsupported content type: send the fields as multipart/form-data (or application/x-www-form-urlencoded).',
};

const error = (status: number, message: string, headers: Record<string, string> = {}) => json(status, { error: message }, headers);

/** The form fields as strings; a file part is kept as a marker so validation can name it. */
async function readForm(req: TwinRequest): Promise<Fields | null> {
  const type = mediaType(req.headers);
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
  if (type !== 'multipart/form-data') return null;
  const contentType = String(req.headers['content-type']);
  const form = await new Request('http://sandbox.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(req.body) }).formData();
  const fields: Fields = {};
  for (const [name, value] of form) if (!(name in fields)) fields[name] = typeof value === 'string' ? value : { file: true };
  return fields;
}

interface DreamRenderParams {
  model: string;
  prompt: string;
  width: number;
  height: number;
  seed?: number;
  styles: string;
  cfgScale: number;
  steps: number;
  enableHr: boolean;
  negativePrompt: string;
  designer: boolean;
  enhancePrompt: boolean;
}

function required(value: number | undefined, field: string): number {
  if (value === undefined) throw new FieldError(field, 'is required');
  return value;
}

function readParams(fields: Fields): DreamRenderParams {
  const size = { integer: true, min: 64, max: 2048 };
  const params: DreamRenderParams = {
    model: readString(fields, 'model', true) ?? '',
    prompt: readString(fields, 'prompt', true) ?? '',
    width: required(readNumber(fields, 'width', size), 'width'),
    height: required(readNumber(fields, 'height', size), 'height'),
    seed: readSeed(fields, 'seed'),
    styles: readString(fields, 'styles') ?? 'None',
    cfgScale: readNumber(fields, 'cfg_scale', { min: 0, max: 30 }) ?? 7,
    steps: readNumber(fields, 'steps', { integer: true, min: 1, max: 150 }) ?? 30,
    enableHr: readFlag(fields, 'enable_hr', 'TrueFalse') ?? false,
    negativePrompt: readString(fields, 'negative_prompt') ?? '',
    designer: readFlag(fields, 'designer', 'TrueFalse') ?? false,
    enhancePrompt: readFlag(fields, 'enhance_prompt', 'TrueFalse') ?? false,
  };
  // Validated only: the twin's picture does not depend on them.
  readNumber(fields, 'prompt_temp', { min: 0, max: 2 });
  readNumber(fields, 'prompt_top_p', { min: 0, max: 1 });
  return params;
}

async function handleDreamRender(twin: Twin, req: TwinRequest): Promise<Reply> {
  if (req.path.replace(/\/+$/, '') !== DREAMRENDER_PATH) {
    return error(404, `Not found: ${req.path.slice('/sandbox/dreamrender'.length) || '/'}. The endpoint is POST /api/generate_image.`);
  }
  if (req.method !== 'POST') return error(405, `Method ${req.method} not allowed: use POST.`);
  const failure = twin.control.takeFailure('dreamrender');
  if (failure && failure.status !== 200) return error(failure.status, failureMessage(failure), retryHeaders(failure));
  let fields: Fields | null;
  try {
    fields = await readForm(req);
  } catch {
    return error(400, 'Invalid request: the multipart/form-data body could not be parsed.');
  }
  if (!fields) return error(415, MESSAGES.contentType);
  if (isAbsent(fields.dev_key)) return error(401, MESSAGES.missingKey);
  if (fields.dev_key === 'invalid') return error(401, MESSAGES.invalidKey);
  let p: DreamRenderParams;
  try {
    p = readParams(fields);
  } catch (err) {
    if (err instanceof FieldError) return error(400, `Invalid request: ${err.message}.`);
    throw err;
  }
  if (failure) return error(200, failureMessage(failure));
  const started = Date.now();
  const seed = p.seed ?? drawSeed();
  const image = synthesize({
    provider: 'dreamrender',
    model: p.model,
    prompt: p.prompt,
    negativePrompt: p.negativePrompt,
    seed,
    width: p.width,
    height: p.height,
    sample: 0,
    style: p.styles,
    enhance: p.enhancePrompt,
    designer: p.designer,
    detail: p.enableHr,
    guidance: p.cfgScale,
    steps: p.steps,
  });
  const png = encodePng(image);
  return {
    status: 200,
    headers: { 'content-type': 'image/png', 'x-seed-value': String(seed), 'x-generation-time': seconds(Date.now() - started).toFixed(2) },
    body: png,
  };
}

export const dreamrenderTwin = defineTwin({ id: 'dreamrender', endpoints: [`POST ${DREAMRENDER_PATH}`], handle: handleDreamRender });
