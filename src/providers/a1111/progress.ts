/**
 * Watching and stopping a running generation: GET /sdapi/v1/progress (polled while the POST
 * runs) and POST /sdapi/v1/interrupt (the POST then answers with what was made so far).
 * The server runs one job at a time and reports that one, whoever started it.
 */
import type { HttpRequest, HttpResponse, ProgressInfo, ProviderError, ResultImage } from '../types';
import { authHeaders } from './auth';
import { errorResult } from '../shared/errors';
import { isRecord, isSuccessStatus, messageText, parseJson, toNumber } from '../shared/http';
import { imageFromString } from '../shared/images';
import { PROVIDER } from './response';

interface ServerArgs {
  baseUrl: string;
  key: string;
}

export function buildProgressRequest({ baseUrl, key }: ServerArgs, withPreview = true): HttpRequest {
  return {
    method: 'GET',
    url: `${baseUrl}/sdapi/v1/progress?skip_current_image=${withPreview ? 'false' : 'true'}`,
    headers: authHeaders(key),
    body: { type: 'none' },
  };
}

export function buildInterruptRequest({ baseUrl, key }: ServerArgs): HttpRequest {
  return { method: 'POST', url: `${baseUrl}/sdapi/v1/interrupt`, headers: authHeaders(key), body: { type: 'none' } };
}

export interface A1111Progress {
  /** Whether a job is running (the server reports job_count 0 when idle). */
  active: boolean;
  /** The server is loading a checkpoint before sampling (it reports job_count -1 meanwhile). */
  loadingModel: boolean;
  /** 0..1. */
  fraction: number;
  /** Seconds left, as the server estimates them; undefined when idle or unknown. */
  etaSeconds?: number;
  step: number;
  steps: number;
  /** 0-based batch being made, of `batches`. */
  batch: number;
  batches: number;
  interrupted: boolean;
  /** The live preview, when the server sends one. */
  preview?: ResultImage;
  text?: string;
}

export type ProgressResult = { kind: 'progress'; progress: A1111Progress } | { kind: 'error'; error: ProviderError };

export function parseProgressResponse(res: HttpResponse): ProgressResult {
  const json = parseJson(res.body);
  if (!isSuccessStatus(res.status) || !isRecord(json)) {
    const text = isRecord(json) ? (messageText(json.detail) ?? messageText(json.message) ?? messageText(json.errors)) : undefined;
    const kind = res.status === 401 || res.status === 403 ? 'auth' : res.status >= 500 ? 'server' : 'unknown';
    return errorResult(PROVIDER, kind, { status: res.status, text, lead: 'The server did not report its progress' });
  }
  const state = isRecord(json.state) ? json.state : {};
  const count = (v: unknown) => Math.max(0, Math.trunc(toNumber(v) ?? 0));
  const batches = count(state.job_count);
  const fraction = Math.min(1, Math.max(0, toNumber(json.progress) ?? 0));
  const eta = toNumber(json.eta_relative);
  const preview = typeof json.current_image === 'string' && json.current_image !== '' ? imageFromString(json.current_image, 'image/png') : undefined;
  const text = typeof json.textinfo === 'string' && json.textinfo.trim() !== '' ? json.textinfo : undefined;
  const loadingModel = toNumber(state.job_count) === -1;
  const active = batches > 0 || loadingModel;
  return {
    kind: 'progress',
    progress: {
      active,
      loadingModel,
      fraction,
      ...(active && eta !== undefined && eta >= 0 ? { etaSeconds: eta } : {}),
      step: count(state.sampling_step),
      steps: count(state.sampling_steps),
      batch: count(state.job_no),
      batches,
      interrupted: state.interrupted === true,
      ...(preview ? { preview } : {}),
      ...(text ? { text } : {}),
    },
  };
}

/**
 * The contract's view of a progress answer: undefined while the server is idle (the POST has not
 * started sampling yet) or when it did not answer with its progress.
 */
export function progressInfo(res: HttpResponse): ProgressInfo | undefined {
  const parsed = parseProgressResponse(res);
  if (parsed.kind !== 'progress' || !parsed.progress.active) return undefined;
  const p = parsed.progress;
  if (p.loadingModel) return { fraction: p.fraction, message: 'Loading model…' };
  const step = p.steps > 0 ? `Step ${p.step} of ${p.steps}` : undefined;
  const batch = p.batches > 1 ? `batch ${p.batch + 1} of ${p.batches}` : undefined;
  return {
    fraction: p.fraction,
    ...(p.etaSeconds !== undefined ? { eta: p.etaSeconds } : {}),
    ...(p.preview ? { preview: p.preview } : {}),
    ...(step || batch ? { message: [step, batch].filter(Boolean).join(', ') } : {}),
  };
}
