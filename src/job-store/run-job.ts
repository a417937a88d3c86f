/**
 * One Generate, start to finish: validate, resolve the seed, write the job
 * record, send, parse, keep the images. Polling a queued job ends the same way.
 */
import { downloadImage } from '../api/download-result-image';
import { NetworkError, send } from '../api/http';
import { routedUrl } from '../api/route';
import type { Route } from '../api/route';
import { cryptoRandom } from '../lib/random';
import { redactRequest } from '../providers/redact';
import { maxOutputs, requestTimeoutMs } from '../providers/shared/limits';
import { resolveSeed } from '../providers/shared/seed';
import type { EndpointDef, HttpRequest, ProviderDef, ProviderError, ProviderResult } from '../providers/types';
import { describeSchema } from '../providers/fields/describe';
import { plainError } from '../providers/fields/plain-errors';
import type { JobRecord } from './job-record';
import { REDACTED } from './key-guard';
import { getJob, JobClosedError, loadParams, putJob, saveImage, saveImageLink, updateJob } from './store';
import { clearLive, getLive, setLive } from './live-state';
import { resolveLocalImages } from './local-images';
import type { InpaintSettings } from './workspace';

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

/** When this page was loaded: jobs still "sending" from before it lost their request. */
const PAGE_STARTED_AT = Date.now();

/** Longest wait the client accepts from a rate limit before giving up on its own. */
export const MAX_RATE_LIMIT_WAIT_S = 60;
const MAX_RATE_LIMIT_WAITS = 3;

export class InvalidParamsError extends Error {}

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

function networkError(e: unknown, provider?: ProviderDef): ProviderError {
  if (e instanceof NetworkError && e.cancelled) {
    return { kind: 'cancelled', message: 'Cancelled while the request was in flight: the provider may have received it and may still bill it.' };
  }
  // The fetch wrapper's own failures (proxy, timeout, size cap, not an image) say what to check.
  if (e instanceof NetworkError && e.hint) {
    return { kind: e.kind, message: e.message, hint: e.hint, ...(e.status !== undefined ? { status: e.status } : {}) };
  }
  return {
    kind: 'network',
    message: e instanceof Error ? e.message : String(e),
    hint: provider?.networkHint ?? 'Check the base URL and your connection; in Live mode try routing through the local proxy (Settings).',
  };
}

function sleep(ms: number, signal?: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new NetworkError('Cancelled.', true));
    });
  });
}

/** Per request: its time limit; when proxied, a little longer than the proxy's so its own plain answer arrives first. */
const PROXY_MARGIN_MS = 5_000;

async function exchange(req: HttpRequest, route: Route, parse: (r: Awaited<ReturnType<typeof send>>) => ProviderResult, signal: AbortSignal | undefined, timeoutMs: number) {
  const { url, extraHeaders } = routedUrl(route, req.url);
  const viaProxy = url !== req.url;
  const res = await send(req, { url, extraHeaders, signal, viaProxy, timeoutMs: timeoutMs + (viaProxy ? PROXY_MARGIN_MS : 0) });
  return parse(res);
}

interface Limits {
  maxOutputs: number;
  timeoutMs: number;
}

function limitsOf(provider: ProviderDef, endpoint: EndpointDef | undefined): Limits {
  return { maxOutputs: endpoint ? maxOutputs(endpoint) : 1, timeoutMs: requestTimeoutMs(provider, endpoint) };
}

/** Keeps every image as a Blob (or its link, when the browser may not read it) and closes the job. */
async function finish(jobId: string, result: Extract<ProviderResult, { kind: 'images' }>, latencyMs: number, signal: AbortSignal | undefined, limits: Limits) {
  const job = await getJob(jobId);
  const seed = result.seed ?? job?.seed;
  // Never more than the documented maximum: the rest is neither downloaded nor kept.
  const images = result.images.slice(0, limits.maxOutputs);
  const dropped = result.images.length - images.length;
  const plan = job?.inpaint;
  // An image carries a seed of its own only when it is its seed: one image, or one reported per image.
  const imageSeed = (i: number) => result.seeds?.[i] ?? (result.images.length === 1 ? seed : undefined);
  for (const [index, image] of images.entries()) {
    if (getLive(jobId).cancelled || signal?.aborted) break;
    let got: Awaited<ReturnType<typeof downloadImage>>;
    try {
      got = await downloadImage(image, signal, { timeoutMs: limits.timeoutMs });
    } catch (e) {
      // An abort is an abort (a cancel), not a download the browser refused: nothing is attached.
      if (e instanceof NetworkError && e.cancelled) break;
      throw e;
    }
    try {
      // whileOpen: a job that was cancelled (or finished) meanwhile takes no more images.
      const note =
        dropped > 0 && index === images.length - 1
          ? `The provider sent ${result.images.length} images; at most ${limits.maxOutputs} are documented, so only the first ${limits.maxOutputs} were kept.`
          : undefined;
      if (got.ok && plan) await saveStitched(jobId, plan, got, imageSeed(index));
      else if (got.ok) await saveImage(jobId, { blob: got.blob, mime: got.mime, sourceUrl: got.sourceUrl, seed: imageSeed(index), note, whileOpen: true });
      else await saveImageLink(jobId, { url: got.sourceUrl, note: got.note, whileOpen: true });
    } catch (e) {
      if (e instanceof JobClosedError) break;
      throw e;
    }
  }
  // A cancel that came while the answer was on its way wins: the job stays cancelled.
  // An interrupted one (extra.cancel) keeps what the server made, as cancelled.
  const interrupted = getLive(jobId).interrupted;
  const done = await updateJob(jobId, (j) =>
    j.status === 'cancelled'
      ? j
      : {
          ...j,
          status: interrupted ? 'cancelled' : 'done',
          ...(interrupted ? { error: { kind: 'cancelled' as const, message: 'Interrupted: the server answered with what it had made so far.' } } : {}),
          seed,
          meta: result.meta ?? j.meta,
          credits: result.credits ?? j.credits,
          cost: result.cost ?? j.cost,
          providerJobId: result.providerId ?? j.providerJobId,
          ...(interrupted ? {} : { error: undefined }),
          timings: {
            ...j.timings,
            finishedAt: Date.now(),
            latencyMs: j.timings.latencyMs ?? latencyMs,
            generationTime: result.generationTime ?? j.timings.generationTime,
          },
        },
  );
  clearLive(jobId);
  return done;
}

/** Crop and stitch: the full-size stitched picture first, then the provider's own output. */
async function saveStitched(jobId: string, plan: NonNullable<JobRecord['inpaint']>, got: { blob: Blob; mime: string; sourceUrl?: string }, seed?: number) {
  const { stitchResult } = await import('./inpaint-job');
  let stitched: Awaited<ReturnType<typeof stitchResult>> | undefined;
  let problem = '';
  try {
    stitched = await stitchResult(plan, got.blob);
  } catch (e) {
    problem = ` It could not be stitched into the original: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (stitched) {
    const { crop } = plan.region;
    const note = `Stitched into the ${stitched.width}×${stitched.height} original (${plan.area === 'masked' ? 'only masked' : 'whole picture'}: crop ${crop.width}×${crop.height} at ${crop.x}, ${crop.y}).`;
    await saveImage(jobId, { blob: stitched.image, mime: 'image/png', seed, width: stitched.width, height: stitched.height, note, whileOpen: true });
  }
  await saveImage(jobId, { blob: got.blob, mime: got.mime, sourceUrl: got.sourceUrl, seed, note: `The provider's raw output.${problem}`, whileOpen: true });
}

async function fail(jobId: string, error: ProviderError) {
  // Once cancelled, a late answer or error changes nothing.
  const job = await updateJob(jobId, (j) =>
    j.status === 'cancelled'
      ? j
      : { ...j, status: error.kind === 'cancelled' || error.kind === STOPPED_WATCHING || getLive(jobId).interrupted ? 'cancelled' : 'failed', error, timings: { ...j.timings, finishedAt: Date.now() } },
  );
  clearLive(jobId);
  return job;
}

function rateLimitWait(error: ProviderError): number | undefined {
  if (error.kind !== 'rate_limit' || error.retryAfter === undefined) return undefined;
  return Math.min(Math.max(error.retryAfter, 0), MAX_RATE_LIMIT_WAIT_S);
}

/** Writes the job, sends it, and brings it to done, queued or failed. Never retried automatically. */
export async function submitJob(input: SubmitInput): Promise<JobRecord> {
  const { provider, endpoint, mode, route } = input;
  const prepared = prepareParams(endpoint, input.params);
  const { seed } = prepared;
  // Each endpoint takes the full-size image through its size rule (scaled, or cropped for "Only masked").
  // (Loaded on first use: the image step is not needed on the first page.)
  const images =
    input.stitch || !endpoint.sizeRule
      ? { params: prepared.params, inpaint: input.stitch }
      : await (await import('./inpaint-job')).prepareSentImages(endpoint, prepared.params, input.inpaint);
  // Local images become base64 here, when the request is built for sending, and not before.
  const params = await resolveLocalImages(images.params);
  const req = endpoint.buildRequest({ params, key: route.key, baseUrl: route.baseUrl });
  const stored = redactRequest(req, provider.keyLocation, REDACTED);
  const now = Date.now();
  const job: JobRecord = {
    version: 1,
    id: crypto.randomUUID(),
    createdAt: now,
    updatedAt: now,
    mode,
    provider: provider.id,
    endpointId: endpoint.id,
    params,
    seed,
    status: 'sending',
    timings: { submittedAt: now },
    images: [],
    request: { method: stored.method, url: stored.url, headers: stored.headers, body: compactBody(stored.body) },
    compareGroupId: input.compareGroupId,
    compareLabel: input.compareLabel,
    ...(images.inpaint ? { inpaint: images.inpaint } : {}),
  };
  const controller = new AbortController();
  const cancel = provider.extra?.cancel;
  const interrupt = cancel && (() => exchange(cancel.build({ key: route.key, baseUrl: route.baseUrl }), route, () => ({ kind: 'images', images: [] }), undefined, requestTimeoutMs(provider)).then(() => undefined));
  setLive(job.id, { controller, interrupt });
  await putJob(job); // before the request leaves
  input.onCreated?.(job);
  return runSend(job.id, req, input, controller.signal);
}

async function runSend(jobId: string, req: HttpRequest, input: SubmitInput, signal: AbortSignal): Promise<JobRecord> {
  const started = performance.now();
  const limits = limitsOf(input.provider, input.endpoint);
  for (let waits = 0; ; waits++) {
    let result: ProviderResult;
    try {
      result = await exchange(req, input.route, (r) => input.endpoint.parseResponse(r), signal, limits.timeoutMs);
    } catch (e) {
      return fail(jobId, networkError(e, input.provider));
    }
    const latencyMs = Math.round(performance.now() - started);
    if (result.kind === 'images') {
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

/** One poll of a queued job. Returns the updated record; throws on a network error (the caller backs off). */
export async function pollJob(job: JobRecord, provider: ProviderDef, route: Route, signal?: AbortSignal): Promise<JobRecord> {
  if (!provider.buildFetchRequest || !provider.parseFetchResponse || !job.providerJobId) {
    return fail(job.id, { kind: 'unknown', message: `${provider.name} jobs cannot be fetched later.` });
  }
  const req = provider.buildFetchRequest({ id: job.providerJobId, key: route.key, baseUrl: route.baseUrl });
  const polls = (getLive(job.id).polls ?? 0) + 1;
  setLive(job.id, { polls });
  const limits = limitsOf(provider, provider.endpoints.find((e) => e.id === job.endpointId));
  const result = await exchange(req, route, (r) => provider.parseFetchResponse!(r), signal, limits.timeoutMs);
  if (result.kind === 'images') {
    // A queued job's latency runs from submission to the answer that brought its images.
    return finish(job.id, result, Date.now() - (job.timings.submittedAt ?? job.createdAt), signal, limits).catch((e) => fail(job.id, networkError(e)));
  }
  if (result.kind === 'queued') {
    return updateJob(job.id, (j) => ({ ...j, eta: result.eta ?? j.eta }));
  }
  const wait = rateLimitWait(result.error);
  if (wait !== undefined) {
    setLive(job.id, { notice: `Rate limited while checking: waiting ${wait} s as ${provider.name} asked.`, waitUntil: Date.now() + wait * 1000 });
    throw new RateLimited(wait);
  }
  return fail(job.id, result.error);
}

export class RateLimited extends Error {
  constructor(readonly seconds: number) {
    super(`Rate limited: wait ${seconds} s`);
  }
}

/** Cancelling a queued job only stops watching it: the provider still holds it, and Resume fetches it. */
export const STOPPED_WATCHING = 'stopped_watching' as const;

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
  if (job?.status === 'queued') {
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

/** Whether Resume can pick this job up again at the provider (no new request). */
export function canResume(job: JobRecord) {
  return job.status === 'cancelled' && job.error?.kind === STOPPED_WATCHING && !!job.providerJobId;
}

/** Watches a stopped job again: back to queued, and the pollers fetch the same provider job. */
export async function resumeJob(jobId: string) {
  clearLive(jobId);
  return updateJob(jobId, (j) => (canResume(j) ? { ...j, status: 'queued', error: undefined, timings: { ...j.timings, finishedAt: undefined } } : j));
}

/** After a reload: a synchronous request that was in flight is lost; queued ones resume by themselves. */
export async function markInterrupted(jobs: JobRecord[], pageStartedAt = PAGE_STARTED_AT) {
  for (const j of jobs) {
    // Only requests sent before this page loaded can have lost their answer to a reload.
    if (j.status !== 'sending' || j.createdAt >= pageStartedAt || getLive(j.id).controller) continue;
    await updateJob(j.id, (x) =>
      x.status !== 'sending'
        ? x
        : {
            ...x,
            status: 'interrupted',
            error: {
              kind: 'network',
              message: 'The page was closed or reloaded while this request was in flight; its answer was lost.',
              hint: 'Retry sends the same parameters and seed again.',
            },
          },
    );
  }
}

/** Sends a job again with the same parameters and seed (as a new job). */
export async function retryJob(job: JobRecord, route: Route, provider: ProviderDef, endpoint: EndpointDef, onCreated?: (j: JobRecord) => void) {
  const params = await loadParams(job);
  return submitJob({ provider, endpoint, params, mode: job.mode, route, compareGroupId: job.compareGroupId, compareLabel: job.compareLabel, stitch: job.inpaint, onCreated });
}
