/**
 * The parameters an image carries when the app hands it out (Download, gallery export): A1111
 * infotext built from the job record, and this app's versioned JSON (provider, endpoint, the
 * parameters as sent, seed, provider job id, timings, app version; never a key). The writers in
 * `src/lib/metadata` load on first use, never with the first page. Only metadata is added: the
 * image data is copied unchanged.
 */
import { version as APP_VERSION } from '../../package.json';
import type { GenerationParameters } from '../lib/metadata/types';
import { describeSchema } from '../providers/fields/describe';
import { getEndpoint } from '../providers/registry';
import type { ParamRole } from '../providers/types';
import { isInputRef } from './inputs';
import type { JobImage, JobRecord } from './job-record';

export { APP_VERSION };

function byRole(job: Pick<JobRecord, 'endpointId' | 'params'>): Partial<Record<ParamRole, unknown>> {
  const endpoint = getEndpoint(job.endpointId);
  const out: Partial<Record<ParamRole, unknown>> = {};
  if (!endpoint) return out;
  for (const f of describeSchema(endpoint.schema)) if (f.role && !(f.role in out)) out[f.role] = job.params[f.name];
  return out;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The job's parameters in the infotext's vocabulary, read through the schema's roles. */
export function jobGenerationParameters(job: Pick<JobRecord, 'endpointId' | 'params' | 'seed'>, image?: JobImage): GenerationParameters {
  const r = byRole(job);
  const p: GenerationParameters = {
    prompt: text(r.prompt) ?? '',
    negativePrompt: text(r.negativePrompt),
    steps: num(r.steps),
    sampler: text(r.scheduler),
    cfgScale: num(r.guidance),
    seed: image?.seed ?? job.seed ?? num(r.seed),
    width: image?.width ?? num(r.width),
    height: image?.height ?? num(r.height),
    model: text(r.model),
    denoisingStrength: num(r.strength),
  };
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as GenerationParameters;
}

/** The params as sent, without stored-input references (init images and masks stay out of the file). */
function paramsForFile(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => !isInputRef(v)));
}

/** The infotext and JSON to embed for one image of `job`. */
export async function jobMetadataTexts(job: JobRecord, image?: JobImage): Promise<{ infotext: string; json: string }> {
  const [{ buildInfotext }, { buildOwnMetadata }] = await Promise.all([import('../lib/metadata/infotext'), import('../lib/metadata/own-metadata')]);
  const own = buildOwnMetadata({
    appVersion: APP_VERSION,
    provider: job.provider,
    endpoint: job.endpointId,
    mode: job.mode,
    params: paramsForFile(job.params),
    seed: image?.seed ?? job.seed,
    jobId: job.id,
    providerJobId: job.providerJobId,
    timings: job.timings,
    createdAt: job.createdAt,
  });
  // Two pairs of our own after the web UI's keys: readers take the last line as parameters only when it holds three or more.
  const infotext = buildInfotext(jobGenerationParameters(job, image), { Endpoint: job.endpointId, Version: `image-api-playground ${APP_VERSION}` });
  return { infotext, json: JSON.stringify(own) };
}

/**
 * `blob` with the job's parameters embedded. A format that takes no metadata (or a file the
 * writer cannot parse) comes back as it is, with the reason.
 */
export async function withJobMetadata(job: JobRecord, image: JobImage | undefined, blob: Blob): Promise<{ blob: Blob; bytes: Uint8Array; embedded: boolean; problem?: string }> {
  const original = new Uint8Array(await blob.arrayBuffer());
  try {
    const [{ embedMetadata }, texts] = await Promise.all([import('../lib/metadata/image-metadata'), jobMetadataTexts(job, image)]);
    const bytes = embedMetadata(original, texts);
    return { blob: new Blob([bytes as BlobPart], { type: blob.type || image?.mime }), bytes, embedded: true };
  } catch (e) {
    return { blob, bytes: original, embedded: false, problem: e instanceof Error ? e.message : String(e) };
  }
}
