/**
 * The ModelsLab v4 Dreambooth twin: text2img, img2img, inpaint, and the three fetch forms.
 * Errors are HTTP 200 {"status":"error","message"} like the service; injected failures use
 * their HTTP status.
 */
import { randomUUID } from 'node:crypto';
import type { Failure } from './control';
import { failureMessage, retryHeaders } from './failures';
import { fitSize, generate } from './generate';
import { json, mediaType, seconds } from './http';
import type { Reply, TwinRequest } from './http';
import { ImageSourceError, loadOptionalImage } from './image-source';
import { fetchAnswer, JobStore, PROCESSING_MESSAGE } from './modelslab-jobs';
import type { ModelsLabJob } from './modelslab-jobs';
import { enhancePromptText, readModelsLabParams } from './modelslab-params';
import type { ModelsLabKind, ModelsLabParams } from './modelslab-params';
import { FieldError, isAbsent, parseJsonObject } from './params';
import type { Fields } from './params';
import { encodePng } from './png';
import { drawSeed, hashString } from './prng';
import type { Raster } from './raster';
import { defineTwin } from './twin';
import type { Twin } from './twin';

const PREFIX = '/sandbox/modelslab';
const GENERATION: Record<string, ModelsLabKind> = {
  '/api/v4/dreambooth': 'text2img',
  '/api/v4/dreambooth/img2img': 'img2img',
  '/api/v4/dreambooth/inpaint': 'inpaint',
};
const FETCH_BY_ID = /^\/api\/v[34]\/dreambooth\/fetch\/([^/]+)$/;

export const MISSING_KEY_MESSAGE = 'API key is missing. Pass your API key as "key" in the request body.';
export const INVALID_KEY_MESSAGE = 'Invalid Api Key';

const error = (message: string, extra: Record<string, unknown> = {}) => json(200, { status: 'error', message, ...extra });

async function handleModelsLab(twin: Twin, req: TwinRequest, jobs: JobStore): Promise<Reply> {
  const path = req.path.slice(PREFIX.length).replace(/\/+$/, '');
  const kind = GENERATION[path];
  const fetchId = path === '/api/v4/dreambooth/fetch' ? null : FETCH_BY_ID.exec(path)?.[1];
  if (kind === undefined && fetchId === undefined) return json(404, { status: 'error', message: `Not found: ${path || '/'}` });
  if (req.method !== 'POST') return json(405, { status: 'error', message: `Method ${req.method} not allowed: use POST` });
  if (kind === undefined) return fetchResult(jobs, req, fetchId ?? null);
  const failure = twin.control.takeFailure('modelslab');
  if (failure && failure.status !== 200) return failureReply(failure);
  const parsed = readJson(req);
  if (!parsed) return error(NOT_JSON);
  const keyError = checkKey(parsed);
  if (keyError) return keyError;
  let params: ModelsLabParams;
  try {
    params = readModelsLabParams(kind, parsed);
  } catch (err) {
    if (err instanceof FieldError) return error(`The ${err.field} field ${err.reason}.`, { tip: `Fix ${err.field} and send the request again.` });
    throw err;
  }
  return generation(twin, jobs, req, params, failure);
}

function failureReply(failure: Failure): Reply {
  const body: Record<string, unknown> = { status: 'error', message: failureMessage(failure) };
  if (failure.status === 429 && failure.retryAfter !== undefined) body.retry_after = failure.retryAfter;
  return json(failure.status, body, retryHeaders(failure));
}

const NOT_JSON = 'Invalid request body: send a JSON object (Content-Type: application/json).';

/** The body as a JSON object, only when it is declared as JSON (a form or text/plain body is refused). */
function readJson(req: TwinRequest): Fields | undefined {
  return mediaType(req.headers) === 'application/json' ? parseJsonObject(req.body) : undefined;
}

function checkKey(fields: Fields): Reply | null {
  if (isAbsent(fields.key)) return error(MISSING_KEY_MESSAGE);
  if (fields.key === 'invalid') return error(INVALID_KEY_MESSAGE, { tip: 'Check the key in your dashboard and send it as "key".' });
  return null;
}

/** What meta echoes for an image field: URLs as given, inline base64 shortened. */
function shownImage(value: string): string {
  return /^https?:\/\//i.test(value) ? value : `<base64 image, ${value.length} characters>`;
}

/** The response's meta, in the service's own names (seed 002's response). */
function buildMeta(p: ModelsLabParams, used: { width: number; height: number; seed: number; prefix: string }): Record<string, unknown> {
  return {
    prompt: p.enhancePrompt ? enhancePromptText(p.prompt, hashString(p.prompt)) : p.prompt,
    model_id: p.modelId,
    scheduler: p.scheduler,
    safetychecker: p.safetyChecker ? 'yes' : 'no',
    safety_checker_type: p.safetyCheckerType,
    negative_prompt: p.negativePrompt ?? '',
    W: used.width,
    H: used.height,
    guidance_scale: p.guidanceScale,
    ...(p.initImage ? { init_image: shownImage(p.initImage) } : {}),
    ...(p.maskImage ? { mask_image: shownImage(p.maskImage) } : {}),
    steps: p.steps,
    n_samples: p.samples,
    ...(p.strength !== undefined ? { strength: p.strength } : {}),
    full_url: 'no',
    seed: used.seed,
    enhance_prompt: p.enhancePrompt ? 'yes' : 'no',
    base64: p.base64 ? 'yes' : 'no',
    ...p.extraMeta,
    outdir: 'out',
    file_prefix: used.prefix,
  };
}

async function generation(twin: Twin, jobs: JobStore, req: TwinRequest, p: ModelsLabParams, failure: Failure | null): Promise<Reply> {
  const started = Date.now();
  let init: Raster | undefined;
  let mask: Raster | undefined;
  try {
    init = await loadOptionalImage(p.initImage, { files: twin.files, outbound: twin.outbound, rawBase64: p.base64, field: 'init_image' });
    mask = await loadOptionalImage(p.maskImage, { files: twin.files, outbound: twin.outbound, rawBase64: p.base64, field: 'mask_image' });
  } catch (err) {
    if (err instanceof ImageSourceError) return error(err.message);
    throw err;
  }
  const fitted = init ? fitSize(init, 1024) : { width: 512, height: 512 };
  const width = p.width ?? fitted.width;
  const height = p.height ?? fitted.height;
  const seed = p.seed ?? drawSeed();
  const prefix = randomUUID();
  const id = jobs.newId();
  const queued = twin.control.shouldQueue(p.samples, width, height);
  const queueMs = queued ? twin.control.settings.queueMs : 0;
  const names = Array.from({ length: p.samples }, (_, i) => `${prefix}-${i}.${p.base64 ? 'base64' : 'png'}`);
  const output = names.map((name) => `${req.origin}/sandbox/files/${name}`);
  const meta = buildMeta(p, { width, height, seed, prefix });
  const job: ModelsLabJob = { id, readyAt: started + queueMs, output, meta, generationTime: 0, trackId: p.trackId, webhook: p.webhook };
  if (failure) job.failure = failureMessage(failure);
  else {
    const images = generate({
      provider: 'modelslab',
      model: p.modelId,
      prompt: p.prompt,
      negativePrompt: p.negativePrompt ?? '',
      seed,
      width,
      height,
      samples: p.samples,
      enhance: p.enhancePrompt,
      guidance: p.guidanceScale,
      steps: p.steps,
      init,
      mask,
      strength: p.strength,
    });
    images.forEach((image, i) => {
      const png = encodePng(image);
      const bytes = p.base64 ? new Uint8Array(Buffer.from(Buffer.from(png).toString('base64'), 'latin1')) : png;
      twin.files.put(names[i] ?? '', bytes, job.readyAt);
    });
    job.generationTime = seconds(Date.now() - started + queueMs);
  }
  jobs.add(job);
  if (queued) {
    const fetchUrl = `${req.origin}/sandbox/modelslab/api/v3/dreambooth/fetch/${id}`;
    return json(200, {
      status: 'processing',
      tip: `Your image is processing in the background; fetch it with a POST to ${fetchUrl} with your key in the body.`,
      eta: seconds(queueMs),
      messege: PROCESSING_MESSAGE,
      webhook_status: '',
      fetch_result: fetchUrl,
      id,
      output: [],
      meta,
      future_links: job.failure === undefined ? output : [],
    });
  }
  return json(200, fetchAnswer(job));
}

async function fetchResult(jobs: JobStore, req: TwinRequest, pathId: string | null): Promise<Reply> {
  const parsed = readJson(req);
  if (!parsed) return error(NOT_JSON);
  const keyError = checkKey(parsed);
  if (keyError) return keyError;
  const raw = pathId ?? parsed.request_id;
  if (isAbsent(raw)) return error('The request_id field is required.');
  const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  const job = Number.isSafeInteger(id) ? jobs.get(id) : undefined;
  if (!job) return json(200, { status: 'failed', id: Number.isSafeInteger(id) ? id : raw, message: `Request not found: no job with id ${String(raw)}.` });
  return json(200, fetchAnswer(job));
}

/** The ModelsLab twin: its jobs (queue, fetch, webhooks) are its own state. */
export const modelslabTwin = defineTwin<JobStore>({
  id: 'modelslab',
  endpoints: [
    'POST /sandbox/modelslab/api/v4/dreambooth',
    'POST /sandbox/modelslab/api/v4/dreambooth/img2img',
    'POST /sandbox/modelslab/api/v4/dreambooth/inpaint',
    'POST /sandbox/modelslab/api/v4/dreambooth/fetch',
    'POST /sandbox/modelslab/api/v4/dreambooth/fetch/{id}',
    'POST /sandbox/modelslab/api/v3/dreambooth/fetch/{id}',
  ],
  state: (twin) => new JobStore(twin.outbound),
  handle: handleModelsLab,
  reset: (jobs) => jobs.clear(),
});
