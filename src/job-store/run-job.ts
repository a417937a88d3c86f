/**
 * One Generate, start to finish: validate, resolve the seed, write the job
 * record, send, parse, keep the images (job-outcome.ts); and what the user does
 * to a job afterwards: cancel, resume, retry. Polling a queued job (poll-job.ts)
 * ends the same way.
 */
import type { Route } from '../api/route';
import { cryptoRandom } from '../lib/random';
import { redactRequest } from '../providers/redact';
import { requestTimeoutMs } from '../providers/shared/limits';
import { resolveSeed } from '../providers/shared/seed';
import { getProvider } from '../providers/registry';
import { currentRoute } from '../api/current-route';
import type { EndpointDef, HttpRequest, ProviderDef, ProviderResult } from '../providers/types';
import { describeSchema } from '../providers/fields/describe';
import { plainError } from '../providers/fields/plain-errors';
import { exchange, limitsOf, networkError, rateLimitWait, sleep } from './job-exchange';
import { fail, finish, STOPPED_WATCHING } from './job-outcome';
import { JOB_RECORD_VERSION } from './job-record';
import type { JobRecord } from './job-record';
import { REDACTED } from './key-guard';
import { getJob, loadParams, putJob, updateJob } from './store';
import { clearLive, getLive, setLive } from './live-state';
import { MissingImageError, resolveLocalImages } from './local-images';
import type { InpaintSettings } from './workspace';
import type { PreparedImages } from './inpaint-job';
import { planUploads } from '../providers/shared/uploads';
import { uploadImages } from './upload-images';
import type { UploadedImage } from './upload-images';

export interface SubmitInput {
  provider: ProviderDef;
  endpoint: EndpointDef;
  params: Record<string, unknown>;
  mode: 'sandbox' | 'live';
  route: Route;
  compareGroupId?: string;
  compareLabel?: string;
  /** "Inpaint area" and "Mask blur" for the workspace image (default: Whole picture). */
  inpaint?: InpaintSettings;
  /** A retry: the params are already the crop, stitched back as this says. */
  stitch?: JobRecord['inpaint'];
  /** Called once the job record is written, before the request leaves. */
  onCreated?(job: JobRecord): void;
}

const MAX_RATE_LIMIT_WAITS = 3;

export class InvalidParamsError extends Error {}

/** The image step (loaded on first use, or ahead of it when the page is idle: see the results column). */
export const loadImageStep = () => import('./inpaint-job');

/** Validates and gives the seed a concrete value: every request is reproducible. */
export function prepareParams(endpoint: EndpointDef, params: Record<string, unknown>, rand = cryptoRandom) {
  const parsed = endpoint.schema.safeParse(params, { error: plainError });
  if (!parsed.success) {
    throw new InvalidParamsError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; '));
  }
  const out = { ...(parsed.data as Record<string, unknown>) };
  let seed: number | undefined;
  for (const f of describeSchema(endpoint.schema)) {
    if (f.kind !== 'seed') continue;
    seed = resolveSeed(out[f.name] as number | null | undefined, f.randomValue, rand);
    out[f.name] = seed;
  }
  return { params: out, seed };
}

/** Long base64 strings (local init images, masks) are kept once, in params, not again in the stored request. */
function compactBody(body: HttpRequest['body']): HttpRequest['body'] {
  const shorten = (v: string) => (v.length > 1024 && /^[A-Za-z0-9+/=\s]+$|^data:/.test(v) ? `<${v.length} characters of base64 image>` : v);
  if (body.type === 'json') {
    const short = (v: unknown) => (typeof v === 'string' ? shorten(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? shorten(x) : x)) : v);
    return { type: 'json', value: Object.fromEntries(Object.entries(body.value).map(([k, v]) => [k, short(v)])) };
  }
  if (body.type === 'multipart') return { type: 'multipart', fields: body.fields.map(([k, v]) => [k, shorten(v)]) };
  return body;
}

/**
 * Writes the job, sends it, and brings it to done, queued or failed. Never retried automatically.
 * A job whose images must be prepared (scaled, cropped, encoded: in the image Worker) is written
 * first, with a "Preparing: …" notice, so its card shows at once and Cancel works meanwhile.
 */
export async function submitJob(input: SubmitInput): Promise<JobRecord> {
  const { provider, endpoint, mode, route } = input;
  const prepared = prepareParams(endpoint, input.params);
  const { seed } = prepared;
  const now = Date.now();
  const build = (params: Record<string, unknown>) => {
    const req = endpoint.buildRequest({ params, key: route.key, baseUrl: route.baseUrl });
    const stored = redactRequest(req, provider.keyLocation, REDACTED);
    return { req, request: { method: stored.method, url: stored.url, headers: stored.headers, body: compactBody(stored.body) } };
  };
  const preparing = !input.stitch && !!endpoint.sizeRule;
  // Built now so a request the endpoint cannot build fails before the card; kept on the record only
  // once it leaves (the playground titles a job's request "Request as sent").
  if (preparing) build(prepared.params);
  const job: JobRecord = {
    version: JOB_RECORD_VERSION,
    starred: false,
    id: crypto.randomUUID(),
    createdAt: now,
    updatedAt: now,
    mode,
    provider: provider.id,
    endpointId: endpoint.id,
    ...(endpoint.schemaVersion ? { schemaVersion: endpoint.schemaVersion } : {}),
    params: prepared.params,
    seed,
    status: 'sending',
    timings: { submittedAt: now },
    images: [],
    compareGroupId: input.compareGroupId,
    compareLabel: input.compareLabel,
    ...(input.stitch ? { inpaint: input.stitch } : {}),
  };
  const controller = new AbortController();
  const cancel = provider.extra?.cancel;
  const interrupt = cancel && (() => exchange(cancel.build({ key: route.key, baseUrl: route.baseUrl }), route, () => ({ kind: 'images', images: [] }), undefined, requestTimeoutMs(provider)).then(() => undefined));
  if (preparing) {
    // Each endpoint takes the full-size image through its size rule (scaled, or cropped for "Only masked").
    // (Loaded on first use: the image step is not needed on the first page.)
    setLive(job.id, { controller, preparing: true, notice: 'Preparing the init image' });
    await putJob(job);
    performance.mark('job: card record written');
    input.onCreated?.(job);
    let images: PreparedImages;
    try {
      const { prepareSentImages } = await loadImageStep();
      images = await prepareSentImages(endpoint, prepared.params, input.inpaint, (text) => {
        if (!controller.signal.aborted) setLive(job.id, { notice: `Preparing: ${text}` });
      });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      return fail(job.id, { kind: 'invalid', message: `Not sent: ${e instanceof MissingImageError ? detail : `the init image could not be prepared (${detail}).`}` });
    }
    if (controller.signal.aborted) return (await getJob(job.id)) ?? job;
    // Local images become base64 here, when the request is built for sending, and not before.
    performance.mark('job: images prepared');
    const params = await resolveLocalImages(images.params);
    setLive(job.id, { preparing: false });
    const uploaded = await uploadLarge(job.id, input, params, controller);
    if (!uploaded.ok) return uploaded.job;
    const { req, request } = build(uploaded.params);
    performance.mark('job: request built');
    if (controller.signal.aborted) return (await getJob(job.id)) ?? job;
    // What was sent is on the card from the record ("Init image sent: …"); the status line says what happens now.
    setLive(job.id, { notice: undefined, interrupt });
    await updateJob(job.id, (j) => ({
      ...j,
      params,
      request,
      ...(images.inpaint ? { inpaint: images.inpaint } : {}),
      ...(images.sent ? { sentImage: images.sent } : {}),
      ...(uploaded.uploads.length ? { uploads: uploaded.uploads } : {}),
    }));
    performance.mark('job: record updated');
    return runSend(job.id, req, input, controller.signal);
  }
  // Local images become base64 here, when the request is built for sending, and not before.
  const params = await resolveLocalImages(prepared.params);
  if (planUploads(endpoint.schema, params, provider.uploads).length > 0) {
    // The uploads leave first: the job is written before them, and its request once they are done.
    setLive(job.id, { controller, interrupt });
    await putJob({ ...job, params });
    input.onCreated?.({ ...job, params });
    const uploaded = await uploadLarge(job.id, input, params, controller);
    if (!uploaded.ok) return uploaded.job;
    const { req, request } = build(uploaded.params);
    setLive(job.id, { notice: undefined });
    await updateJob(job.id, (j) => ({ ...j, request, uploads: uploaded.uploads }));
    return runSend(job.id, req, input, controller.signal);
  }
  const { req, request } = build(params);
  const ready = { ...job, params, request };
  setLive(job.id, { controller, interrupt });
  await putJob(ready); // before the request leaves
  input.onCreated?.(ready);
  return runSend(job.id, req, input, controller.signal);
}

/**
 * Uploads the images too large to go inline (the provider's `uploads`), with the job's signal:
 * the params to send (each uploaded image replaced by its URL) and what was uploaded; or the job,
 * failed or cancelled, when an upload did not finish (then nothing was sent to the model).
 */
async function uploadLarge(jobId: string, input: SubmitInput, params: Record<string, unknown>, controller: AbortController): Promise<{ ok: true; params: Record<string, unknown>; uploads: UploadedImage[] } | { ok: false; job: JobRecord }> {
  const planned = planUploads(input.endpoint.schema, params, input.provider.uploads);
  if (planned.length === 0) return { ok: true, params, uploads: [] };
  setLive(jobId, { uploading: true });
  const outcome = await uploadImages(input.provider, planned, params, input.route, input.mode, controller.signal, (text) => {
    if (!controller.signal.aborted) setLive(jobId, { notice: `${text}…` });
  });
  setLive(jobId, { uploading: false });
  if (outcome.kind === 'done') return { ok: true, params: outcome.params, uploads: outcome.uploads };
  // Cancel fails the job itself (cancelJob), saying that nothing reached the model.
  if (outcome.kind === 'cancelled' || controller.signal.aborted) return { ok: false, job: (await getJob(jobId)) ?? (await fail(jobId, UPLOAD_CANCELLED)) };
  return { ok: false, job: await fail(jobId, outcome.error) };
}

const UPLOAD_CANCELLED = {
  kind: 'cancelled' as const,
  message: 'Cancelled while an image was being uploaded: no request was sent to the model (a file that already arrived stays in the provider’s storage until it expires).',
};

/** `JPEG 1024×768, 182 KB (crop 2992×2992 at 120, 40 → 1024×768); mask PNG, 9 KB` */
export function describeSent(sent: NonNullable<JobRecord['sentImage']>): string {
  const type = (mime: string) => (mime.split('/')[1] ?? mime).toUpperCase();
  const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
  const mask = sent.mask ? `; mask ${type(sent.mask.mime)}, ${size(sent.mask.bytes)}` : '';
  return `${type(sent.mime)} ${sent.width}×${sent.height}, ${size(sent.bytes)} (${sent.how})${mask}`;
}

async function runSend(jobId: string, req: HttpRequest, input: SubmitInput, signal: AbortSignal): Promise<JobRecord> {
  const started = performance.now();
  const limits = limitsOf(input.provider, input.endpoint);
  for (let waits = 0; ; waits++) {
    let result: ProviderResult;
    setLive(jobId, { step: 'waiting' });
    try {
      result = await exchange(req, input.route, (r) => input.endpoint.parseResponse(r), signal, limits.timeoutMs);
    } catch (e) {
      return fail(jobId, networkError(e, input.provider));
    }
    const latencyMs = Math.round(performance.now() - started);
    if (result.kind === 'images') {
      setLive(jobId, { step: 'receiving' });
      await updateJob(jobId, (j) => ({ ...j, timings: { ...j.timings, latencyMs } }));
      return finish(jobId, result, latencyMs, signal, limits).catch((e) => fail(jobId, networkError(e)));
    }
    if (result.kind === 'queued') {
      return updateJob(jobId, (j) => ({
        ...j,
        status: 'queued',
        providerJobId: result.id,
        eta: result.eta,
        fetchUrl: result.fetchUrl,
        meta: result.meta ?? j.meta,
        timings: { ...j.timings, queuedAt: Date.now() },
      }));
    }
    const wait = rateLimitWait(result.error);
    if (wait === undefined || waits >= MAX_RATE_LIMIT_WAITS) return fail(jobId, result.error);
    // A 429 is not billed: waiting as the provider asked and sending again is not a paid retry.
    setLive(jobId, {
      step: undefined,
      notice: `Rate limited by ${input.provider.name}: waiting ${wait} s as it asked, then sending again.`,
      waitUntil: Date.now() + wait * 1000,
    });
    try {
      await sleep(wait * 1000, signal);
    } catch (e) {
      return fail(jobId, networkError(e));
    }
    setLive(jobId, { notice: undefined, waitUntil: undefined });
  }
}

/** How long an interrupted request may take to answer before it is aborted. */
const INTERRUPT_GRACE_MS = 30_000;

/**
 * Cancels a job. A request in flight is aborted (the provider may already be running, and billing,
 * it). A queued job is not cancelled at the provider (none of the documented APIs can): polling
 * stops, in a neutral state that `resumeJob` undoes without a new request. A server on this machine
 * that can be interrupted (A1111) is asked to stop first.
 */
export async function cancelJob(jobId: string) {
  const live = getLive(jobId);
  if (live.interrupt && !live.interrupted && (await getJob(jobId))?.status === 'sending') {
    // The server stops and answers the request with what it made; abort only if it cannot be asked.
    setLive(jobId, { interrupted: true });
    try {
      await live.interrupt();
      setTimeout(() => getLive(jobId).controller?.abort(), INTERRUPT_GRACE_MS);
      return;
    } catch {
      // Not reachable: cancel as any other request.
    }
  }
  setLive(jobId, { cancelled: true });
  live.controller?.abort();
  const job = await getJob(jobId);
  if (job?.status === 'queued' && (await cancelAtProvider(job))) return;
  if (live.uploading && job?.status === 'sending') {
    await fail(jobId, UPLOAD_CANCELLED);
  } else if (live.preparing && job?.status === 'sending') {
    await fail(jobId, { kind: 'cancelled', message: 'Cancelled while the init image was being prepared: nothing was sent.' });
  } else if (job?.status === 'queued') {
    await fail(jobId, {
      kind: STOPPED_WATCHING,
      message: `Stopped watching. The provider still has this job${job.providerJobId ? ` (${job.providerJobId})` : ''} and may finish and bill it.`,
      hint: 'Resume fetches the same job again; it sends no new request.',
    });
  } else if (job?.status === 'sending') {
    await fail(jobId, {
      kind: 'cancelled',
      message: 'Cancelled while the request was in flight: the provider may have received it and may still bill it.',
    });
  }
}

/**
 * A queued job whose provider can cancel it (Replicate `urls.cancel`, fal `cancel_url`) is
 * cancelled there. False when it cannot be, or the provider could not be reached.
 */
async function cancelAtProvider(job: JobRecord): Promise<boolean> {
  const provider = getProvider(job.provider);
  const cancel = provider?.extra?.cancelQueued;
  if (!provider || !cancel || !job.providerJobId) return false;
  try {
    const route = await currentRoute(provider);
    const req = cancel.build({ id: job.providerJobId, key: route.key, baseUrl: route.baseUrl });
    const answer = await exchange(req, route, (r): ProviderResult => (r.status < 400 ? { kind: 'images', images: [] } : endpointlessError(r.status)), undefined, requestTimeoutMs(provider));
    if (answer.kind === 'error') return false;
  } catch {
    return false;
  }
  await fail(job.id, {
    kind: 'cancelled',
    message: `Cancelled at ${provider.name}: a job still waiting is dropped; one already running stops, and its time so far may be billed.`,
  });
  return true;
}

function endpointlessError(status: number): ProviderResult {
  return { kind: 'error', error: { kind: 'unknown', message: `The cancel request failed (HTTP ${status}).`, status } };
}

/** Whether Resume can pick this job up again at the provider (no new request). */
export function canResume(job: JobRecord) {
  return job.status === 'cancelled' && job.error?.kind === STOPPED_WATCHING && !!job.providerJobId;
}

/** Watches a stopped job again: back to queued, and the pollers fetch the same provider job. */
export async function resumeJob(jobId: string) {
  clearLive(jobId);
  return updateJob(jobId, (j) => (canResume(j) ? { ...j, status: 'queued', error: undefined, timings: { ...j.timings, finishedAt: undefined } } : j));
}

/** Sends a job again with the same parameters and seed (as a new job). */
export async function retryJob(job: JobRecord, route: Route, provider: ProviderDef, endpoint: EndpointDef, onCreated?: (j: JobRecord) => void) {
  const params = await loadParams(job);
  return submitJob({ provider, endpoint, params, mode: job.mode, route, compareGroupId: job.compareGroupId, compareLabel: job.compareLabel, stitch: job.inpaint, onCreated });
}
