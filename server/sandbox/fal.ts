/**
 * The fal twins: the queue (queue.fal.run, at /sandbox/fal-queue/…) and the per-endpoint OpenAPI
 * documents (fal.ai/api/openapi/queue/openapi.json, at /sandbox/fal-schema/…). A request waits in
 * the queue for `queueMs` (IN_QUEUE, with its position), runs for `runMs` (IN_PROGRESS, a log line
 * per step), then COMPLETED; its result is `{images, timings, seed, has_nsfw_concepts, prompt}`.
 * Errors: `{detail}`, a list of `{loc, msg, type}` on a 422. Independent of src/.
 */
import { randomUUID } from 'node:crypto';
import { failureMessage } from './failures';
import { header, json, mediaType } from './http';
import type { Reply, TwinRequest } from './http';
import { ImageSourceError, loadOptionalImage } from './image-source';
import { checkInput, pointer, renderPictures } from './model-input';
import type { Schema } from './model-input';
import { drawSeed } from './prng';
import { defineTwin } from './twin';
import type { Twin } from './twin';
import schnell from './model-docs/flux-schnell.openapi.json';
import fill from './model-docs/flux-pro-fill.openapi.json';
import dev from './model-docs/flux-dev.openapi.json';

const QUEUE = '/sandbox/fal-queue';
const SCHEMA = '/sandbox/fal-schema';

// fal-ai/flux/dev is not among the app's curated models: "Add model" fetches its schema from here.
const DOCS: Record<string, unknown> = { 'fal-ai/flux/schnell': schnell, 'fal-ai/flux-pro/v1/fill': fill, 'fal-ai/flux/dev': dev };

interface FalRequest {
  id: string;
  endpointId: string;
  input: Record<string, unknown>;
  createdAt: number;
  startedAt: number;
  doneAt: number;
  seed: number;
  steps: number;
  images: Array<{ url: string; width: number; height: number; content_type: string }>;
  cancelled?: boolean;
}

interface FalState {
  requests: Map<string, FalRequest>;
  queueMs: number;
  runMs: number;
}

const DEFAULTS = { queueMs: 400, runMs: 900 };
const MAX_REQUESTS = 500;

/** `fal-ai/flux/schnell` → `fal-ai/flux`: where its requests live. */
const appOf = (endpointId: string) => endpointId.split('/').slice(0, 2).join('/');

function inputSchema(doc: unknown, endpointId: string): Schema | undefined {
  const ref = (doc as { paths?: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } } }> }).paths?.[`/${endpointId}`]?.post?.requestBody?.content?.['application/json']?.schema?.$ref;
  return ref ? pointer(doc, ref) : undefined;
}

function statusOf(r: FalRequest, now = Date.now()) {
  if (now >= r.doneAt) return 'COMPLETED';
  return now >= r.startedAt ? 'IN_PROGRESS' : 'IN_QUEUE';
}

function urls(origin: string, r: FalRequest) {
  const base = `${origin}${QUEUE}/${appOf(r.endpointId)}/requests/${r.id}`;
  return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
}

function logs(r: FalRequest, now = Date.now()) {
  if (now < r.startedAt) return [];
  const done = Math.min(r.steps, Math.floor(((now - r.startedAt) / Math.max(1, r.doneAt - r.startedAt)) * r.steps));
  return Array.from({ length: done }, (_, i) => ({ message: `step ${i + 1}/${r.steps}`, level: 'INFO', source: 'user', timestamp: new Date(r.startedAt + i).toISOString() }));
}

function authorize(req: TwinRequest): Reply | undefined {
  const m = /^Key\s+(\S+)$/i.exec(header(req.headers, 'authorization')?.trim() ?? '');
  if (!m) return json(401, { detail: 'Missing credentials: send Authorization: Key <key_id:key_secret>.' });
  if (m[1] === 'invalid') return json(401, { detail: 'No user found for Key ID and Secret' });
  return undefined;
}

function injected(twin: Twin): Reply | undefined {
  const failure = twin.control.takeFailure('fal-queue');
  if (!failure) return undefined;
  if (failure.status === 401) return json(401, { detail: 'No user found for Key ID and Secret' });
  if (failure.status === 429) {
    const wait = failure.retryAfter ?? 10;
    return json(429, { detail: `Too many requests: retry in ${wait} seconds.` }, { 'retry-after': String(wait) });
  }
  return json(failure.status, { detail: failureMessage(failure), error_type: failure.status >= 500 ? 'runner_scheduling_failure' : 'request_error' }, failure.status >= 500 ? { 'x-fal-error-type': 'runner_scheduling_failure' } : {});
}

async function submit(twin: Twin, state: FalState, req: TwinRequest, endpointId: string): Promise<Reply> {
  const doc = DOCS[endpointId];
  if (!doc) return json(404, { detail: `Application '${endpointId}' not found` });
  const failed = injected(twin);
  if (failed) return failed;
  if (mediaType(req.headers) !== 'application/json') return json(422, { detail: [{ loc: ['body'], msg: 'Send a JSON body with Content-Type: application/json.', type: 'type_error' }] });
  let input: unknown;
  try {
    input = JSON.parse(req.body.toString('utf8'));
  } catch {
    return json(422, { detail: [{ loc: ['body'], msg: 'The body is not JSON.', type: 'value_error.jsondecode' }] });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return json(422, { detail: [{ loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }] });
  const values = input as Record<string, unknown>;
  // fal ignores keys its models do not know; only the model's own inputs are checked.
  const schema = inputSchema(doc, endpointId)!;
  const issues = checkInput(doc, schema, values).filter((i) => i.type !== 'additional_property_not_allowed');
  if (issues.length) return json(422, { detail: issues.map((i) => ({ loc: ['body', i.field], msg: i.type === 'required' ? 'field required' : i.message, type: i.type === 'required' ? 'value_error.missing' : `value_error.${i.type}` })) });
  let init;
  let mask;
  try {
    init = await loadOptionalImage(typeof values.image_url === 'string' ? values.image_url : undefined, { files: twin.files, outbound: twin.outbound, rawBase64: false, field: 'image_url' });
    mask = await loadOptionalImage(typeof values.mask_url === 'string' ? values.mask_url : undefined, { files: twin.files, outbound: twin.outbound, rawBase64: false, field: 'mask_url' });
  } catch (err) {
    if (err instanceof ImageSourceError) return json(422, { detail: [{ loc: ['body', 'image_url'], msg: err.message, type: 'value_error' }] });
    throw err;
  }
  let now = Date.now();
  // Earlier requests still waiting put this one behind them.
  const ahead = [...state.requests.values()].filter((r) => !r.cancelled && statusOf(r, now) === 'IN_QUEUE').length;
  const startedAt = now + state.queueMs;
  const seed = typeof values.seed === 'number' ? values.seed : drawSeed();
  const r: FalRequest = { id: randomUUID(), endpointId, input: values, createdAt: now, startedAt, doneAt: startedAt + state.runMs, seed, steps: Number(values.num_inference_steps ?? 28), images: [] };
  r.images = renderPictures(twin, req.origin, {
    provider: 'fal',
    model: endpointId,
    input: values,
    seed,
    samples: typeof values.num_images === 'number' ? values.num_images : 1,
    init,
    mask,
    format: values.output_format === 'png' ? 'png' : 'jpg',
    availableAt: r.doneAt,
  }).map((f) => ({ url: f.url, width: f.width, height: f.height, content_type: f.contentType }));
  // The queue starts once the pictures are made (rendering is the twin's work, not the model's).
  now = Date.now();
  Object.assign(r, { createdAt: now, startedAt: now + state.queueMs, doneAt: now + state.queueMs + state.runMs });
  state.requests.set(r.id, r);
  for (const [oldest] of state.requests) {
    if (state.requests.size <= MAX_REQUESTS) break;
    state.requests.delete(oldest);
  }
  return json(200, { status: 'IN_QUEUE', request_id: r.id, ...urls(req.origin, r), queue_position: ahead });
}

function follow(state: FalState, req: TwinRequest, app: string, id: string, action: string): Reply {
  const r = state.requests.get(id);
  if (!r || appOf(r.endpointId) !== app) return json(404, { detail: 'Request not found' });
  const now = Date.now();
  const status = statusOf(r, now);
  if (action === '/cancel') {
    if (req.method !== 'PUT') return json(405, { detail: 'Use PUT to cancel.' });
    if (status === 'COMPLETED') return json(400, { status: 'ALREADY_COMPLETED' });
    r.cancelled = true;
    r.doneAt = now;
    return json(202, { status: 'CANCELLATION_REQUESTED' });
  }
  if (req.method !== 'GET') return json(405, { detail: 'Use GET.' });
  if (action === '/status') {
    const withLogs = new URLSearchParams(req.query ?? '').get('logs') === '1';
    const body: Record<string, unknown> = { status, request_id: r.id, ...urls(req.origin, r) };
    if (status === 'IN_QUEUE') body.queue_position = [...state.requests.values()].filter((x) => !x.cancelled && x.createdAt < r.createdAt && statusOf(x, now) === 'IN_QUEUE').length;
    if (withLogs && status !== 'IN_QUEUE') body.logs = logs(r, now);
    if (status === 'COMPLETED') body.metrics = { inference_time: (r.doneAt - r.startedAt) / 1000 };
    if (status === 'COMPLETED' && r.cancelled) body.error = 'Request was cancelled.';
    return json(status === 'COMPLETED' ? 200 : 202, body);
  }
  // The result before completion: an error saying so (fal's behaviour there is undocumented).
  if (status !== 'COMPLETED') return json(400, { detail: 'Request is still in progress' });
  if (r.cancelled) return json(400, { detail: 'Request was cancelled' });
  return json(200, { images: r.images, timings: { inference: (r.doneAt - r.startedAt) / 1000 }, seed: r.seed, has_nsfw_concepts: r.images.map(() => false), prompt: r.input.prompt ?? '' });
}

function control(state: FalState, req: TwinRequest, path: string): Reply {
  if (path === '/_control/reset' && req.method === 'POST') reset(state);
  else if (path === '/_control' && req.method === 'POST') {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return json(400, { error: 'The control body must be JSON.' });
    }
    for (const k of ['queueMs', 'runMs'] as const) {
      if (body[k] === undefined) continue;
      const v = body[k];
      if (typeof v !== 'number' || !(v >= 0 && v <= 120_000)) return json(400, { error: `${k} must be 0..120000.` });
      state[k] = v;
    }
  } else if (path !== '/_control' || req.method !== 'GET') return json(405, { error: 'Use GET or POST /sandbox/fal-queue/_control, POST …/_control/reset.' });
  return json(200, { queueMs: state.queueMs, runMs: state.runMs }, { 'cache-control': 'no-store' });
}

function reset(state: FalState) {
  state.requests.clear();
  Object.assign(state, DEFAULTS);
}

function handleQueue(twin: Twin, req: TwinRequest, state: FalState): Reply | Promise<Reply> {
  const path = req.path.slice(QUEUE.length).replace(/\/+$/, '');
  if (path.startsWith('/_control')) return control(state, req, path);
  const denied = authorize(req);
  if (denied) return denied;
  const m = /^\/([\w.-]+\/[\w.-]+)\/requests\/([\w-]+)(\/status|\/cancel)?$/.exec(path);
  if (m) return follow(state, req, m[1]!, m[2]!, m[3] ?? '');
  if (req.method === 'POST' && /^(\/[\w.-]+){2,5}$/.test(path)) return submit(twin, state, req, path.slice(1));
  return json(404, { detail: `Not found: ${path || '/'}` });
}

function handleSchema(_twin: Twin, req: TwinRequest): Reply {
  const path = req.path.slice(SCHEMA.length).replace(/\/+$/, '');
  if (path !== '/api/openapi/queue/openapi.json' || req.method !== 'GET') return json(404, { detail: `Not found: ${path || '/'}` });
  const id = new URLSearchParams(req.query ?? '').get('endpoint_id') ?? '';
  const doc = DOCS[id];
  if (!doc) return json(404, { detail: `Endpoint '${id.slice(0, 80)}' not found` });
  return json(200, doc, { 'cache-control': 'public, max-age=300' });
}

export const falQueueTwin = defineTwin<FalState>({
  id: 'fal-queue',
  endpoints: [
    'POST /sandbox/fal-queue/{endpoint id}',
    'GET /sandbox/fal-queue/{owner}/{app}/requests/{id}/status',
    'GET /sandbox/fal-queue/{owner}/{app}/requests/{id}',
    'PUT /sandbox/fal-queue/{owner}/{app}/requests/{id}/cancel',
    'GET|POST /sandbox/fal-queue/_control',
    'POST /sandbox/fal-queue/_control/reset',
  ],
  state: () => ({ requests: new Map(), ...DEFAULTS }),
  handle: handleQueue,
  reset,
});

export const falSchemaTwin = defineTwin({ id: 'fal-schema', endpoints: ['GET /sandbox/fal-schema/api/openapi/queue/openapi.json?endpoint_id={id}'], handle: handleSchema });
