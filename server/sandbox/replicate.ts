/**
 * The Replicate twin (api.replicate.com, at /sandbox/replicate/v1/…): the curated models and their
 * versions, predictions created by name or by version with `Prefer: wait`, polled and cancelled,
 * problem-details errors. A prediction starts, processes for `runMs`, then succeeds; its output
 * is one URL (FLUX schnell's list) or a list, as each model's Output says. Independent of src/.
 */
import { randomBytes } from 'node:crypto';
import { failureMessage } from './failures';
import { header, json, mediaType, sleep } from './http';
import type { Reply, TwinRequest } from './http';
import { ImageSourceError, loadOptionalImage } from './image-source';
import { decodeImage } from './jpeg';
import type { Raster } from './raster';
import { handleFiles, uploadedBytes } from './replicate-files';
import type { UploadStore } from './replicate-files';
import { checkInput } from './model-input';
import type { Schema } from './model-input';
import { renderPictures } from './model-input';
import { drawSeed } from './prng';
import { defineTwin } from './twin';
import type { Twin } from './twin';
import schnell from './model-docs/flux-schnell.model.json';
import schnellV2 from './model-docs/flux-schnell-v2.model.json';
import fillDev from './model-docs/flux-fill-dev.model.json';
import sdxl from './model-docs/sdxl.model.json';
import fluxDev from './model-docs/flux-dev.model.json';
import fluxDevV2 from './model-docs/flux-dev-v2.model.json';
import multiImage from './model-docs/multi-image-list.model.json';

const PREFIX = '/sandbox/replicate';

interface ModelDoc {
  owner: string;
  name: string;
  latest_version: { id: string; created_at: string; cog_version: string; openapi_schema: unknown };
  [k: string]: unknown;
}

/** Every version the twin knows, by model; the first is the latest unless the control says otherwise. */
const MODELS: Record<string, { official: boolean; versions: ModelDoc[] }> = {
  'black-forest-labs/flux-schnell': { official: true, versions: [schnell as ModelDoc, schnellV2 as ModelDoc] },
  'black-forest-labs/flux-fill-dev': { official: true, versions: [fillDev as ModelDoc] },
  'stability-ai/sdxl': { official: false, versions: [sdxl as ModelDoc] },
  // Not among the app's curated models: "Add model" fetches its schema (a second version is there for the control to publish).
  'black-forest-labs/flux-dev': { official: true, versions: [fluxDev as ModelDoc, fluxDevV2 as ModelDoc] },
  // A required input that is a list of images: no form can fill it, so "Add model" refuses it.
  'flux-kontext-apps/multi-image-list': { official: false, versions: [multiImage as ModelDoc] },
};

interface Prediction {
  id: string;
  model: string;
  version: string;
  official: boolean;
  input: Record<string, unknown>;
  createdAt: number;
  startedAt: number;
  doneAt: number;
  seed: number;
  output: string[];
  /** Output is one URI (schema Output `type: string`) rather than a list. */
  single: boolean;
  canceledAt?: number;
  error?: string;
}

interface ReplicateState {
  predictions: Map<string, Prediction>;
  /** The version each model's page shows as latest (the control may move it to a newer one). */
  latest: Map<string, string>;
  /** How long a prediction runs once started. */
  runMs: number;
  /** Files uploaded with the Files API. */
  files: UploadStore;
}

const DEFAULT_RUN_MS = 1200;
const START_MS = 200;
const MAX_PREDICTIONS = 500;

const problem = (status: number, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  json(status, { title, detail, status, ...extra }, headers);

function versionOf(state: ReplicateState, model: string, id?: string): ModelDoc | undefined {
  const entry = MODELS[model];
  if (!entry) return undefined;
  const wanted = id ?? state.latest.get(model) ?? entry.versions[0]!.latest_version.id;
  return entry.versions.find((v) => v.latest_version.id === wanted);
}

function view(p: Prediction, origin: string, now = Date.now()): Record<string, unknown> {
  const status = p.canceledAt !== undefined ? 'canceled' : p.error ? 'failed' : now >= p.doneAt ? 'succeeded' : now >= p.startedAt ? 'processing' : 'starting';
  const steps = Number(p.input.num_inference_steps ?? p.input.steps ?? 4);
  const progress = status === 'processing' ? Math.min(steps, Math.floor(((now - p.startedAt) / (p.doneAt - p.startedAt)) * steps)) : status === 'succeeded' ? steps : 0;
  const logs = status === 'starting' ? '' : [`Using seed: ${p.seed}`, ...Array.from({ length: progress }, (_, i) => `step ${i + 1}/${steps}`)].join('\n');
  const url = `${origin}${PREFIX}/v1/predictions/${p.id}`;
  return {
    id: p.id,
    model: p.model,
    version: p.official ? 'hidden' : p.version,
    input: p.input,
    logs,
    output: status === 'succeeded' ? (p.single ? p.output[0] : p.output) : null,
    data_removed: false,
    error: p.error ?? null,
    status,
    source: 'api',
    created_at: new Date(p.createdAt).toISOString(),
    started_at: now >= p.startedAt ? new Date(p.startedAt).toISOString() : null,
    completed_at: status === 'succeeded' ? new Date(p.doneAt).toISOString() : p.canceledAt ? new Date(p.canceledAt).toISOString() : null,
    ...(status === 'succeeded' ? { metrics: { predict_time: (p.doneAt - p.startedAt) / 1000, total_time: (p.doneAt - p.createdAt) / 1000 } } : {}),
    urls: { get: url, cancel: `${url}/cancel`, web: `https://replicate.com/p/${p.id}` },
  };
}

function authorize(req: TwinRequest): Reply | undefined {
  const auth = header(req.headers, 'authorization')?.trim() ?? '';
  // Bearer is documented; some of the spec's examples use `Token`: both are accepted.
  const m = /^(Bearer|Token)\s+(\S+)$/i.exec(auth);
  if (!m) return problem(401, 'Unauthenticated', 'You did not pass an authentication token');
  if (m[2] === 'invalid') return problem(401, 'Unauthenticated', 'You did not pass a valid authentication token');
  return undefined;
}

function injected(twin: Twin): Reply | undefined {
  const failure = twin.control.takeFailure('replicate');
  if (!failure) return undefined;
  if (failure.status === 429) {
    const wait = failure.retryAfter ?? 30;
    return problem(429, 'Too Many Requests', `Request was throttled. Your rate limit resets in ~${wait}s.`, {}, { 'retry-after': String(wait) });
  }
  if (failure.status === 401) return problem(401, 'Unauthenticated', 'You did not pass a valid authentication token');
  if (failure.status === 402) return problem(402, 'Billing required', 'You need to set up billing to run this model.');
  return problem(failure.status, 'Error', failureMessage(failure));
}

async function create(twin: Twin, state: ReplicateState, req: TwinRequest, model: string | undefined): Promise<Reply> {
  const failed = injected(twin);
  if (failed) return failed;
  if (mediaType(req.headers) !== 'application/json') return problem(415, 'Unsupported Media Type', 'Send a JSON body with Content-Type: application/json.');
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    return problem(400, 'Bad Request', 'The body is not JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return problem(400, 'Bad Request', 'The body must be a JSON object.');
  const b = body as Record<string, unknown>;
  const unknownKeys = Object.keys(b).filter((k) => !['input', 'version', 'webhook', 'webhook_events_filter', 'stream'].includes(k) || (model && k === 'version'));
  if (unknownKeys.length) return problem(422, 'Input validation failed', `- ${unknownKeys[0]}: Additional property ${unknownKeys[0]} is not allowed\n`, { invalid_fields: unknownKeys.map((k) => ({ type: 'additional_property_not_allowed', field: k, description: `Additional property ${k} is not allowed` })) });
  let name = model;
  let versionId: string | undefined;
  if (!name) {
    const v = typeof b.version === 'string' ? b.version : '';
    const [a, c] = v.split(':');
    if (/^[0-9a-f]{64}$/.test(v)) {
      name = Object.keys(MODELS).find((m) => MODELS[m]!.versions.some((x) => x.latest_version.id === v));
      versionId = v;
    } else if (c && /^[0-9a-f]{64}$/.test(c)) [name, versionId] = [a, c];
    else if (MODELS[v]?.official) name = v;
    if (!name || !versionOf(state, name, versionId)) return problem(422, 'Invalid version or not permitted', 'The specified version does not exist (or perhaps you don\'t have permission to use it?)');
  } else if (!MODELS[name]) {
    return problem(404, 'Not found', `Model ${name} does not exist`);
  } else if (!MODELS[name]!.official) {
    return problem(422, 'Invalid version or not permitted', 'This model is not an official model: create the prediction with its version.');
  }
  const doc = versionOf(state, name, versionId)!;
  const input = typeof b.input === 'object' && b.input !== null && !Array.isArray(b.input) ? (b.input as Record<string, unknown>) : undefined;
  if (!input) return problem(422, 'Input validation failed', '- input: Invalid type. Expected: object\n', { invalid_fields: [{ type: 'invalid_type', field: 'input', description: 'Invalid type. Expected: object' }] });
  const schemas = (doc.latest_version.openapi_schema as { components: { schemas: Record<string, Schema> } }).components.schemas;
  const issues = checkInput(doc.latest_version.openapi_schema, schemas.Input!, input);
  if (issues.length) {
    return problem(422, 'Input validation failed', issues.map((i) => `- input: ${i.message}\n`).join(''), { invalid_fields: issues.map((i) => ({ type: i.type, field: i.field === 'input' ? 'input' : `input.${i.field}`, description: i.message })) });
  }
  let init;
  let mask;
  try {
    init = await inputImage(twin, state, input, 'image');
    mask = await inputImage(twin, state, input, 'mask');
  } catch (err) {
    if (err instanceof ImageSourceError) return problem(422, 'Input validation failed', `- input: ${err.message}\n`);
    throw err;
  }
  const id = randomBytes(16).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '').padEnd(26, '0').slice(0, 26);
  const seed = typeof input.seed === 'number' ? input.seed : drawSeed();
  const files = renderPictures(twin, req.origin, {
    provider: 'replicate',
    model: name,
    input,
    seed,
    samples: typeof input.num_outputs === 'number' ? input.num_outputs : 1,
    init,
    mask,
    format: input.output_format === 'jpg' ? 'jpg' : 'png',
    availableAt: Date.now() + START_MS + state.runMs,
  });
  // The prediction's clock starts once the pictures are made (rendering is the twin's work, not the
  // model's): a short run is not over before its create answer leaves.
  const now = Date.now();
  const doneAt = now + START_MS + state.runMs;
  const output = schemas.Output as Schema | undefined;
  const prediction: Prediction = { id, model: name, version: doc.latest_version.id, official: MODELS[name]!.official, input, createdAt: now, startedAt: now + START_MS, doneAt, seed, output: files.map((f) => f.url), single: output?.type === 'string' };
  state.predictions.set(id, prediction);
  for (const [oldest] of state.predictions) {
    if (state.predictions.size <= MAX_PREDICTIONS) break;
    state.predictions.delete(oldest);
  }
  // Prefer: wait[=1..60] holds the answer until the prediction ends or the time is up.
  const prefer = /^wait(=([1-9]|[1-9][0-9]|60))?$/.exec(header(req.headers, 'prefer')?.trim() ?? '');
  if (prefer) {
    const until = Math.min(doneAt, now + Number(prefer[2] ?? 60) * 1000);
    if (until > Date.now()) await sleep(until - Date.now());
  }
  return json(Date.now() >= doneAt || !prefer ? 201 : 202, view(prediction, req.origin), { location: `${req.origin}${PREFIX}/v1/predictions/${id}` });
}

/** An image input: one of the twin's uploaded files (its `urls.get`), or what image-source reads (a data URI, a URL). */
async function inputImage(twin: Twin, state: ReplicateState, input: Record<string, unknown>, field: string): Promise<Raster | undefined> {
  const own = uploadedBytes(state.files, input[field]);
  if (own instanceof Error) throw new ImageSourceError(`${field}: ${own.message}`);
  if (own) {
    try {
      return decodeImage(own);
    } catch (err) {
      throw new ImageSourceError(`${field} could not be decoded: ${(err as Error).message}`, { cause: err });
    }
  }
  const value = input[field];
  return loadOptionalImage(typeof value === 'string' ? value : undefined, { files: twin.files, outbound: twin.outbound, rawBase64: false, field });
}

function control(state: ReplicateState, req: TwinRequest, path: string): Reply {
  if (path === '/_control/reset' && req.method === 'POST') reset(state);
  else if (path === '/_control' && req.method === 'POST') {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return json(400, { error: 'The control body must be JSON.' });
    }
    if (body.runMs !== undefined) {
      if (typeof body.runMs !== 'number' || !(body.runMs >= 0 && body.runMs <= 120_000)) return json(400, { error: 'runMs must be 0..120000.' });
      state.runMs = body.runMs;
    }
    const latest = body.latest;
    if (latest !== undefined) {
      if (typeof latest !== 'object' || latest === null) return json(400, { error: 'latest must map a model to a version id.' });
      for (const [model, version] of Object.entries(latest)) {
        if (!MODELS[model]?.versions.some((v) => v.latest_version.id === version)) return json(400, { error: `No version ${String(version)} of ${model}.` });
        state.latest.set(model, version as string);
      }
    }
  } else if (path !== '/_control' || req.method !== 'GET') return json(405, { error: 'Use GET or POST /sandbox/replicate/_control, POST …/_control/reset.' });
  return json(200, { runMs: state.runMs, latest: Object.fromEntries(state.latest) }, { 'cache-control': 'no-store' });
}

function reset(state: ReplicateState) {
  state.predictions.clear();
  state.latest.clear();
  state.files.clear();
  state.runMs = DEFAULT_RUN_MS;
}

async function handleReplicate(twin: Twin, req: TwinRequest, state: ReplicateState): Promise<Reply> {
  const path = req.path.slice(PREFIX.length).replace(/\/+$/, '');
  if (path.startsWith('/_control')) return control(state, req, path);
  const denied = authorize(req);
  if (denied) return denied;
  const files = handleFiles(state.files, req, path);
  if (files) return files;
  let m: RegExpExecArray | null;
  if ((m = /^\/v1\/models\/([\w.-]+\/[\w.-]+)(\/versions\/([0-9a-f]{64}))?$/.exec(path)) && req.method === 'GET') {
    const doc = versionOf(state, m[1]!, m[3]);
    if (!doc) return problem(404, 'Not found', m[3] ? 'The requested version does not exist' : 'The requested model does not exist');
    return json(200, m[3] ? doc.latest_version : doc);
  }
  if ((m = /^\/v1\/models\/([\w.-]+\/[\w.-]+)\/predictions$/.exec(path)) && req.method === 'POST') return create(twin, state, req, m[1]);
  if (path === '/v1/predictions' && req.method === 'POST') return create(twin, state, req, undefined);
  if ((m = /^\/v1\/predictions\/([a-z0-9]+)(\/cancel)?$/.exec(path))) {
    const p = state.predictions.get(m[1]!);
    if (!p) return problem(404, 'Not found', 'The requested prediction does not exist');
    if (m[2] && req.method === 'POST') {
      if (Date.now() < p.doneAt && p.canceledAt === undefined) p.canceledAt = Date.now();
      return json(200, view(p, req.origin));
    }
    if (!m[2] && req.method === 'GET') return json(200, view(p, req.origin));
    return problem(405, 'Method Not Allowed', `Use ${m[2] ? 'POST' : 'GET'}.`);
  }
  return problem(404, 'Not found', `Not found: ${path || '/'}`);
}

export const replicateTwin = defineTwin<ReplicateState>({
  id: 'replicate',
  endpoints: [
    'GET /sandbox/replicate/v1/models/{owner}/{name}',
    'GET /sandbox/replicate/v1/models/{owner}/{name}/versions/{id}',
    'POST /sandbox/replicate/v1/models/{owner}/{name}/predictions',
    'POST /sandbox/replicate/v1/predictions',
    'GET /sandbox/replicate/v1/predictions/{id}',
    'POST /sandbox/replicate/v1/predictions/{id}/cancel',
    'POST /sandbox/replicate/v1/files',
    'GET /sandbox/replicate/v1/files',
    'GET /sandbox/replicate/v1/files/{id}',
    'GET|POST /sandbox/replicate/_control',
    'POST /sandbox/replicate/_control/reset',
  ],
  state: () => ({ predictions: new Map(), latest: new Map(), runMs: DEFAULT_RUN_MS, files: new Map() }),
  handle: handleReplicate,
  reset,
});
