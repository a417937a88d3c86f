/**
 * The AUTOMATIC1111 WebUI twin (`--api`): /sdapi/v1/txt2img and img2img (synchronous, one at a
 * time, watched through /progress and stopped by /interrupt), the model, sampler and scheduler
 * lists, /options, optional HTTP Basic auth, and the WebUI's error shapes: FastAPI 422
 * `{"detail": [...]}`, and `{"error", "detail", "body", "errors"}` for everything raised inside.
 */
import { fitInit, fitMask, paintMask, previewSize } from './a1111-images';
import { flag, IMG2IMG_FIELDS, num, readA1111Body, str, TXT2IMG_FIELDS } from './a1111-params';
import type { A1111Values } from './a1111-params';
import { emptyGeneration, runGeneration } from './a1111-run';
import type { A1111Plan } from './a1111-run';
import { a1111State, findModel, parseCredentials, resetA1111, samplerAndScheduler, SAMPLERS, SCHEDULERS, SD_MODELS, wakeA1111 } from './a1111-state';
import type { SdModel } from './a1111-state';
import type { A1111State } from './a1111-state';
import type { Failure, ProviderName } from './control';
import { failureMessage, retryHeaders } from './failures';
import { header, json } from './http';
import type { Reply, TwinRequest } from './http';
import { ImageSourceError, loadImage } from './image-source';
import { parseJsonObject } from './params';
import { encodePng } from './png';
import { drawSeed } from './prng';
import { defineTwin } from './twin';
import type { Twin } from './twin';

const PREFIX = '/sandbox/a1111';

/** A raised HTTPException, as the WebUI's exception middleware writes it. */
export function httpException(status: number, detail: string, headers: Record<string, string> = {}): Reply {
  return json(status, { error: 'HTTPException', detail, body: '', errors: `${status}: ${detail}` }, headers);
}

/** Any other exception raised inside a route: HTTP 500 with the exception's class name. */
function exception(name: string, message: string): Reply {
  return json(500, { error: name, detail: '', body: '', errors: message });
}

const ROUTES: Record<string, readonly string[]> = {
  '/sdapi/v1/txt2img': ['POST'],
  '/sdapi/v1/img2img': ['POST'],
  '/sdapi/v1/progress': ['GET'],
  '/sdapi/v1/interrupt': ['POST'],
  '/sdapi/v1/sd-models': ['GET'],
  '/sdapi/v1/samplers': ['GET'],
  '/sdapi/v1/schedulers': ['GET'],
  '/sdapi/v1/options': ['GET', 'POST'],
};

/** This twin's lines in GET /sandbox/. */
export const A1111_ENDPOINTS = [
  ...Object.entries(ROUTES).map(([path, methods]) => `${methods.join('|')} ${PREFIX}${path}`),
  `GET|POST ${PREFIX}/_control`,
  `POST ${PREFIX}/_control/reset`,
];

export async function handleA1111(twin: Twin, req: TwinRequest): Promise<Reply> {
  const path = req.path.slice(PREFIX.length).replace(/\/+$/, '');
  const state = a1111State(twin);
  if (path === '/_control' || path === '/_control/reset') return twinControl(twin, state, req, path);
  const methods = ROUTES[path];
  if (!methods) return json(404, { detail: 'Not Found' });
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  if (!methods.includes(method)) return json(405, { detail: 'Method Not Allowed' });
  const denied = checkAuth(state, req);
  if (denied) return denied;
  switch (path) {
    case '/sdapi/v1/txt2img':
      return generation(twin, state, req, 'txt2img');
    case '/sdapi/v1/img2img':
      return generation(twin, state, req, 'img2img');
    case '/sdapi/v1/progress':
      return progress(state);
    case '/sdapi/v1/interrupt':
      if (state.job) state.job.interrupted = true;
      wakeA1111(state);
      return json(200, {});
    case '/sdapi/v1/sd-models':
      return json(200, SD_MODELS);
    case '/sdapi/v1/samplers':
      return json(200, SAMPLERS);
    case '/sdapi/v1/schedulers':
      return json(200, SCHEDULERS);
    default:
      return method === 'GET' ? json(200, state.options) : setOptions(state, req);
  }
}

/** HTTP Basic auth when credentials are configured (`--api-auth`); none by default. */
function checkAuth(state: A1111State, req: TwinRequest): Reply | null {
  if (state.credentials.size === 0) return null;
  const match = /^Basic\s+(\S+)$/i.exec(header(req.headers, 'authorization')?.trim() ?? '');
  if (!match?.[1]) return httpException(401, 'Not authenticated');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  if (state.credentials.get(user) === password) return null;
  return httpException(401, 'Incorrect username or password');
}

function failureReply(failure: Failure): Reply {
  if (failure.status === 500) return exception('RuntimeError', failureMessage(failure));
  if (failure.status === 401) return httpException(401, 'Incorrect username or password');
  if (failure.status === 422) return json(422, { detail: [{ loc: ['body'], msg: failureMessage(failure), type: 'value_error' }] });
  return httpException(failure.status, failureMessage(failure), retryHeaders(failure));
}

async function generation(twin: Twin, state: A1111State, req: TwinRequest, kind: 'txt2img' | 'img2img'): Promise<Reply> {
  // 'a1111' is not (yet) in control.ts's provider list: only "*" rules reach this twin.
  const failure = twin.control.takeFailure('a1111' as ProviderName);
  if (failure && failure.status !== 200) return failureReply(failure);
  const read = readA1111Body(req.body, kind === 'img2img' ? IMG2IMG_FIELDS : TXT2IMG_FIELDS);
  if ('errors' in read) return json(422, { detail: read.errors });
  const planned = await plan(twin, state, kind, read.values);
  if ('status' in planned) return planned;
  if (failure) return emptyGeneration(planned);
  // One generation at a time, like the WebUI's queue lock; the others wait their turn.
  const turn = state.queue.then(() => runGeneration(state, planned));
  state.queue = turn.then(
    () => undefined,
    () => undefined,
  );
  return turn;
}

async function plan(twin: Twin, state: A1111State, kind: 'txt2img' | 'img2img', v: A1111Values): Promise<A1111Plan | Reply> {
  // Like WebUI 1.10: combined names split, an unknown sampler, scheduler or checkpoint silently becomes the default.
  const { sampler, scheduler } = samplerAndScheduler(str(v, 'sampler_name') || str(v, 'sampler_index'), str(v, 'scheduler'));
  const override = (v.override_settings ?? {}) as Record<string, unknown>;
  const checkpoint = typeof override.sd_model_checkpoint === 'string' ? override.sd_model_checkpoint : String(state.options.sd_model_checkpoint);
  const model = findModel(checkpoint) ?? (SD_MODELS[0] as SdModel);
  const width = num(v, 'width');
  const height = num(v, 'height');
  const invert = num(v, 'inpainting_mask_invert') === 1;
  const resizeMode = num(v, 'resize_mode');
  const parameters: Record<string, unknown> = { ...v };
  let init;
  let mask;
  if (kind === 'img2img') {
    delete parameters.include_init_images;
    if (!flag(v, 'include_init_images')) {
      parameters.init_images = null;
      parameters.mask = null;
    }
    const images = v.init_images;
    if (!Array.isArray(images)) return httpException(404, 'Init image not found');
    const first: unknown = images[0];
    if (first === undefined) return exception('IndexError', 'list index out of range');
    if (typeof first !== 'string') return exception('AttributeError', `'${typeof first}' object has no attribute 'startswith'`);
    try {
      init = fitInit(await loadImage(first, { files: twin.files, outbound: twin.outbound, rawBase64: true, field: 'init_images' }), width, height, resizeMode);
      const maskValue = str(v, 'mask');
      if (maskValue) mask = paintMask(fitMask(await loadImage(maskValue, { files: twin.files, outbound: twin.outbound, rawBase64: true, field: 'mask' }), width, height, resizeMode), invert);
    } catch (err) {
      if (err instanceof ImageSourceError) return httpException(500, /^https?:/i.test(err.message) ? 'Invalid image url' : 'Invalid encoded image');
      throw err;
    }
  }
  const seed = num(v, 'seed') === -1 ? drawSeed() : num(v, 'seed');
  const denoising = v.denoising_strength;
  return {
    kind,
    prompt: str(v, 'prompt') ?? '',
    negativePrompt: str(v, 'negative_prompt') ?? '',
    styles: Array.isArray(v.styles) ? (v.styles as string[]) : [],
    seed,
    subseed: num(v, 'subseed') === -1 ? drawSeed() : num(v, 'subseed'),
    subseedStrength: num(v, 'subseed_strength'),
    sampler: sampler.name,
    scheduler: scheduler.label,
    batchSize: num(v, 'batch_size'),
    nIter: num(v, 'n_iter'),
    steps: num(v, 'steps'),
    cfgScale: num(v, 'cfg_scale'),
    width,
    height,
    model,
    enableHr: flag(v, 'enable_hr'),
    denoisingStrength: typeof denoising === 'number' ? denoising : null,
    init,
    mask,
    maskBlur: typeof v.mask_blur === 'number' ? v.mask_blur : num(v, 'mask_blur_x'),
    inpaintingFill: num(v, 'inpainting_fill'),
    sendImages: flag(v, 'send_images'),
    parameters,
  };
}

/** GET /sdapi/v1/progress: the WebUI's formula (0.01 + finished batches + this batch's steps). */
function progress(state: A1111State): Reply {
  const job = state.job;
  const snapshot = {
    skipped: false,
    interrupted: job?.interrupted ?? false,
    stopping_generation: false,
    job: job && job.jobCount > 0 ? `Batch ${job.jobNo + 1} out of ${job.jobCount}` : '',
    job_count: job?.jobCount ?? 0,
    job_timestamp: job?.timestamp ?? '0',
    job_no: job?.jobNo ?? 0,
    sampling_step: job?.samplingStep ?? 0,
    sampling_steps: job?.samplingSteps ?? 0,
  };
  if (!job) return json(200, { progress: 0, eta_relative: 0, state: snapshot, current_image: null, textinfo: null });
  // job_count is -1 while the checkpoint loads: only the 0.01 start, as in the WebUI's formula.
  const value = job.jobCount > 0 ? 0.01 + job.jobNo / job.jobCount + (job.samplingStep / job.samplingSteps) / job.jobCount : 0.01;
  const elapsed = (Date.now() - job.startedAt) / 1000;
  const eta = elapsed / value - elapsed;
  const every = Number(state.options.show_progress_every_n_steps);
  const absolute = job.jobNo * job.samplingSteps + job.samplingStep;
  if (state.options.live_previews_enable !== false && every > 0 && job.preview && absolute - job.previewStep >= every) {
    job.previewBase64 = Buffer.from(encodePng(previewSize(job.preview(job.samplingStep)))).toString('base64');
    job.previewStep = absolute;
  }
  return json(200, {
    progress: Math.min(value, 1),
    eta_relative: eta,
    state: snapshot,
    current_image: job.previewBase64,
    textinfo: `Sampling step ${job.samplingStep}/${job.samplingSteps}`,
  });
}

/** POST /sdapi/v1/options: any option may be set; an unknown checkpoint fails like the WebUI. */
function setOptions(state: A1111State, req: TwinRequest): Reply {
  const body = parseJsonObject(req.body);
  if (!body) return json(422, { detail: [{ loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }] });
  const checkpoint = body.sd_model_checkpoint;
  if (checkpoint !== undefined && checkpoint !== null) {
    const model = typeof checkpoint === 'string' ? findModel(checkpoint) : undefined;
    if (!model) return exception('RuntimeError', `model ${JSON.stringify(checkpoint)} not found`);
    body.sd_model_checkpoint = model.title;
    body.sd_checkpoint_hash = model.sha256;
    state.loaded = model.title;
  }
  Object.assign(state.options, body);
  return json(200, null);
}

/**
 * The twin's own settings, beside the shared /sandbox/_control: `apiAuth` ("user:pass[,…]" or
 * null), `stepMs` (time per sampling step), `loadMs` (time loading another checkpoint takes) and
 * `holdAtStep` (a running job waits after that sampling step until it is moved on or null).
 * Reset restores the defaults.
 */
function twinControl(twin: Twin, state: A1111State, req: TwinRequest, path: string): Reply {
  const view = () => json(200, { apiAuth: [...state.credentials.keys()], stepMs: state.stepMs, loadMs: state.loadMs, holdAtStep: state.holdAtStep }, { 'cache-control': 'no-store' });
  if (path === '/_control/reset') {
    if (req.method !== 'POST') return json(405, { error: 'Use POST /sandbox/a1111/_control/reset.' });
    resetA1111(twin);
    return view();
  }
  if (req.method === 'GET') return view();
  if (req.method !== 'POST') return json(405, { error: 'Use GET or POST /sandbox/a1111/_control.' });
  const body = parseJsonObject(req.body);
  if (!body) return json(400, { error: 'The control body must be a JSON object.' });
  let credentials = state.credentials;
  let stepMs = state.stepMs;
  let loadMs = state.loadMs;
  let holdAtStep = state.holdAtStep;
  for (const [key, value] of Object.entries(body)) {
    if (key === 'apiAuth') {
      if (value !== null && typeof value !== 'string') return json(400, { error: 'apiAuth must be "user:password[,user2:password2]" or null' });
      try {
        credentials = parseCredentials(value ?? '');
      } catch (err) {
        return json(400, { error: `apiAuth: ${(err as Error).message}` });
      }
    } else if (key === 'stepMs') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 5000) return json(400, { error: 'stepMs must be an integer from 0 to 5000' });
      stepMs = value;
    } else if (key === 'loadMs') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 60_000) return json(400, { error: 'loadMs must be an integer from 0 to 60000' });
      loadMs = value;
    } else if (key === 'holdAtStep') {
      if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 150)) return json(400, { error: 'holdAtStep must be an integer from 0 to 150, or null' });
      holdAtStep = value;
    } else return json(400, { error: `unknown setting ${key}` });
  }
  state.credentials = credentials;
  state.stepMs = stepMs;
  state.loadMs = loadMs;
  state.holdAtStep = holdAtStep;
  wakeA1111(state);
  return view();
}

/** Its state (options, lists, login, the running job) lives in a1111-state.ts, one per sandbox instance. */
export const a1111Twin = defineTwin({ id: 'a1111', endpoints: A1111_ENDPOINTS, handle: handleA1111, reset: (_state, twin) => void resetA1111(twin) });
