/**
 * The persisted job record: one per Generate, written before the request
 * leaves and at every change. Validated on every load; see `migrate.ts` for
 * older shapes.
 */
import { z } from 'zod';

export const JOB_RECORD_VERSION = 2;

export const JOB_STATUSES = ['sending', 'queued', 'done', 'failed', 'cancelled', 'interrupted'] as const;

/** Statuses after which nothing more will happen to a job. */
export const TERMINAL_STATUSES: readonly JobStatus[] = ['done', 'failed', 'cancelled', 'interrupted'];

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const epochMs = finite.refine((n) => n >= 0, 'must be an epoch time in ms');

export const jobImageSchema = z.object({
  id: z.string().min(1),
  mime: z.string(),
  width: finite.optional(),
  height: finite.optional(),
  seed: finite.optional(),
  /** The provider's link (it may have expired long ago). */
  sourceUrl: z.string().optional(),
  /** false: only the link is kept (the browser refused the download, e.g. CORS). */
  stored: z.boolean(),
  note: z.string().optional(),
});

export const jobTimingsSchema = z.object({
  submittedAt: epochMs.optional(),
  queuedAt: epochMs.optional(),
  finishedAt: epochMs.optional(),
  latencyMs: finite.optional(),
  /** Seconds, as the provider reported. */
  generationTime: finite.optional(),
});

export const jobErrorSchema = z.object({
  kind: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  status: finite.optional(),
  retryAfter: finite.optional(),
});

/** The request as it left, already redacted by the caller. */
export const jobRequestSchema = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.unknown(),
});

const rectSchema = z.object({ x: finite, y: finite, width: finite, height: finite });

/** "Inpaint area" crop and stitch: what was cut from the full-size original, to put the result back. */
export const jobInpaintSchema = z.object({
  /** Local image references (job-store/local-images.ts) of the full-size original and its mask. */
  image: z.string(),
  /** Absent for an img2img answer that only has its padding cut off (no mask, nothing stitched). */
  mask: z.string().optional(),
  area: z.enum(['whole', 'masked']),
  maskBlur: finite,
  region: z.object({ crop: rectSchema, send: z.object({ width: finite, height: finite }), bounds: rectSchema, content: rectSchema.optional() }),
});

export const jobRecordSchema = z.object({
  version: z.literal(JOB_RECORD_VERSION),
  id: z.string().min(1),
  createdAt: epochMs,
  updatedAt: epochMs,
  mode: z.enum(['sandbox', 'live']),
  /** A provider id of the registry; a record naming one this app does not know is read as one from a newer version. */
  provider: z.string().min(1),
  endpointId: z.string().min(1),
  /** The version of the schema the endpoint was made from (a Replicate or fal model), when it has one. */
  schemaVersion: z.string().max(100).optional(),
  /** The validated parameters as sent, with the concrete seed. Never the API key. */
  params: z.record(z.string(), z.unknown()),
  /** The seed sent; replaced by the provider's reported seed when it gives one. */
  seed: finite.optional(),
  status: z.enum(JOB_STATUSES),
  providerJobId: z.string().optional(),
  /** Seconds. */
  eta: finite.optional(),
  fetchUrl: z.string().optional(),
  queuePosition: finite.optional(),
  timings: jobTimingsSchema,
  error: jobErrorSchema.optional(),
  images: z.array(jobImageSchema),
  meta: z.record(z.string(), z.unknown()).optional(),
  credits: finite.optional(),
  /** What the request cost, as the provider said (Segmind `x-cost`). */
  cost: finite.optional(),
  request: jobRequestSchema.optional(),
  compareGroupId: z.string().optional(),
  compareLabel: z.string().optional(),
  inpaint: jobInpaintSchema.optional(),
  /** Starred by the user in the gallery (version 2; older records are read as not starred). */
  starred: z.boolean(),
  /** What went as the init image: size, type, bytes and how it was made from the picture (inpaint-job.ts). */
  sentImage: z.object({ width: finite, height: finite, mime: z.string(), bytes: finite, how: z.string(), mask: z.object({ mime: z.string(), bytes: finite }).optional() }).optional(),
  /** Images uploaded to the provider's storage before the request (it names their URLs instead of the bytes). */
  uploads: z.array(z.object({ field: z.string(), mime: z.string(), bytes: finite, url: z.string(), to: z.string() })).max(16).optional(),
});

export type JobRecord = z.infer<typeof jobRecordSchema>;
export type JobImage = z.infer<typeof jobImageSchema>;
export type JobStatus = JobRecord['status'];
export type JobMode = JobRecord['mode'];
export type JobError = z.infer<typeof jobErrorSchema>;
export type JobInpaint = z.infer<typeof jobInpaintSchema>;
