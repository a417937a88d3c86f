/**
 * The Segmind serverless twin (SD 1.5 dreamshaper, img2img, inpainting): JPEG bytes or base64
 * JSON, credit headers, {"error"} bodies with the documented statuses.
 */
import { randomUUID } from 'node:crypto';
import type { Failure } from './control';
import { failureMessage, retryHeaders } from './failures';
import { fitSize, generate } from './generate';
import { header, json, mediaType, seconds } from './http';
import type { Reply, TwinRequest } from './http';
import { ImageSourceError, loadOptionalImage } from './image-source';
import { encodeJpeg } from './jpeg';
import { FieldError, parseJsonObject } from './params';
import { drawSeed } from './prng';
import type { Raster } from './raster';
import { readSegmindParams, SEGMIND_MODELS } from './segmind-params';
import type { SegmindModel, SegmindParams } from './segmind-params';
import { defineTwin } from './twin';
import type { Twin } from './twin';

const PREFIX = '/sandbox/segmind/v1/';
/** Nominal requests per key per minute reported in x-rate-limit-remaining (never enforced). */
export const RATE_LIMIT_PER_MINUTE = 600;

export const MESSAGES = {
  missingKey: 'Unauthorized: API key is missing. Send it in the x-api-key header.',
  invalidKey: 'Unauthorized: invalid API key.',
  contentType: 'Invalid content type: send a JSON body with Content-Type: application/json.',
  credits: 'Insufficient credits: not enough credits to process this request. Add credits to continue.',
};

const METHOD_NOT_ALLOWED =
  '<html><head><title>405 Method Not Allowed</title></head><body><h1>405 Method Not Allowed</h1>' +
  '<p>The method is not allowed for the requested URL. Use POST.</p></body></html>';

const error = (status: number, message: string, headers: Record<string, string> = {}) => json(status, { error: message }, headers);

function methodNotAllowed(headers: Record<string, string> = {}): Reply {
  return { status: 405, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: METHOD_NOT_ALLOWED };
}

function failureReply(failure: Failure): Reply {
  const headers = retryHeaders(failure);
  if (failure.status === 405) return methodNotAllowed(headers);
  const text = failure.status === 401 ? MESSAGES.invalidKey : failure.status === 406 ? MESSAGES.credits : failureMessage(failure);
  return error(failure.status, text, headers);
}

/** Credits and the informational rate window, per API key. */
interface SegmindState {
  /** Credit balance per API key (a key starts with settings.segmindCredits). */
  credits: Map<string, number>;
  /** Requests per key in the current minute (for x-rate-limit-remaining). */
  rate: Map<string, { start: number; count: number }>;
}

async function handleSegmind(twin: Twin, req: TwinRequest, state: SegmindState): Promise<Reply> {
  const name = req.path.startsWith(PREFIX) ? req.path.slice(PREFIX.length).replace(/\/+$/, '') : '';
  const model = SEGMIND_MODELS.find((m) => m === name);
  if (!model) return error(404, `Model or endpoint not found: ${req.path.slice('/sandbox/segmind'.length) || '/'}`);
  if (req.method !== 'POST') return methodNotAllowed();
  const failure = twin.control.takeFailure('segmind');
  if (failure && failure.status !== 200) return failureReply(failure);
  const key = header(req.headers, 'x-api-key')?.trim() ?? '';
  if (key === '') return error(401, MESSAGES.missingKey);
  if (key === 'invalid') return error(401, MESSAGES.invalidKey);
  if (mediaType(req.headers) !== 'application/json') return error(406, MESSAGES.contentType);
  const fields = parseJsonObject(req.body);
  if (!fields) return error(400, 'Bad Request: the body is not a JSON object.');
  let params: SegmindParams;
  try {
    params = readSegmindParams(model, fields);
  } catch (err) {
    if (err instanceof FieldError) return error(400, `Bad Request: invalid parameter ${err.field}: ${err.field} ${err.reason}.`);
    throw err;
  }
  const balance = state.credits.get(key) ?? twin.control.settings.segmindCredits;
  if (balance < 1) return error(406, MESSAGES.credits);
  if (failure) return error(200, failureMessage(failure));
  return render(twin, state, model, params, key, balance);
}

async function render(twin: Twin, state: SegmindState, model: SegmindModel, p: SegmindParams, key: string, balance: number): Promise<Reply> {
  const started = Date.now();
  let init: Raster | undefined;
  let mask: Raster | undefined;
  try {
    init = await loadOptionalImage(p.image, { files: twin.files, outbound: twin.outbound, rawBase64: true, field: 'image' });
    mask = await loadOptionalImage(p.mask, { files: twin.files, outbound: twin.outbound, rawBase64: true, field: 'mask' });
  } catch (err) {
    if (err instanceof ImageSourceError) return error(400, `Bad Request: ${err.message}.`);
    throw err;
  }
  const size = init ? fitSize(init, 1024, 8) : { width: p.width, height: p.height };
  const seed = p.seed ?? drawSeed();
  const images = generate({
    provider: 'segmind',
    model,
    prompt: p.prompt,
    negativePrompt: p.negativePrompt,
    seed,
    ...size,
    samples: p.samples,
    guidance: p.guidanceScale,
    steps: p.steps,
    init,
    mask,
    strength: p.strength,
  }).map((image) => encodeJpeg(image));
  state.credits.set(key, balance - 1);
  const headers = {
    'x-remaining-credits': String(balance - 1),
    'x-generation-time': seconds(Date.now() - started).toFixed(2),
    'x-seed-value': String(seed),
    'x-cost': '1',
    'x-request-id': randomUUID(),
    'x-rate-limit-remaining': String(rateRemaining(state, key)),
  };
  const encoded = images.map((bytes) => Buffer.from(bytes).toString('base64'));
  if (images.length > 1) return json(200, { image: encoded[0], images: encoded }, headers);
  if (p.base64) return json(200, { image: encoded[0] }, headers);
  return { status: 200, headers: { 'content-type': 'image/jpeg', ...headers }, body: images[0] ?? new Uint8Array(0) };
}

/** Informational only: requests left in this key's current one-minute window. */
function rateRemaining(state: SegmindState, key: string, now = Date.now()): number {
  const window = state.rate.get(key);
  const current = window && now - window.start < 60_000 ? window : { start: now, count: 0 };
  current.count += 1;
  state.rate.set(key, current);
  return Math.max(0, RATE_LIMIT_PER_MINUTE - current.count);
}

export const segmindTwin = defineTwin<SegmindState>({
  id: 'segmind',
  endpoints: SEGMIND_MODELS.map((m) => `POST ${PREFIX}${m}`),
  state: () => ({ credits: new Map(), rate: new Map() }),
  handle: handleSegmind,
  reset: (state) => {
    state.credits.clear();
    state.rate.clear();
  },
  // Setting segmindCredits starts every key again from the new balance.
  onControl: (state, input) => {
    if ('segmindCredits' in input) state.credits.clear();
  },
});
