/**
 * This app's own JSON, embedded next to the infotext (PNG `iTXt image-api-playground`, JPEG/WebP
 * XMP `iap:json`). Versioned; it restores the endpoint and every parameter exactly. It never holds
 * an API key: the schema refuses key-like field names holding a value, and inline images (data
 * URLs) are left out by `buildOwnMetadata`, their paths listed in `omitted`.
 */
import { z } from 'zod';

export const OWN_METADATA_KEY = 'image-api-playground';
export const OWN_METADATA_VERSION = 1;

/** Field names compared after lower-casing and dropping `-` and `_` (as the gallery's key guard does). */
const KEY_LIKE = new Set(['key', 'devkey', 'xapikey', 'apikey', 'authorization', 'token', 'accesstoken', 'secret']);

function keyFieldPaths(value: unknown, path: string, found: string[], depth: number): string[] {
  if (depth > 20 || value === null || typeof value !== 'object') return found;
  for (const [name, v] of Object.entries(value)) {
    const here = Array.isArray(value) ? `${path}[${name}]` : path ? `${path}.${name}` : name;
    if (KEY_LIKE.has(name.toLowerCase().replace(/[-_]/g, '')) && v !== undefined && v !== null && v !== '') found.push(here);
    else keyFieldPaths(v, here, found, depth + 1);
  }
  return found;
}

/** Paths of key-like fields holding a value, anywhere inside `value`. */
export function findKeyLikeFields(value: unknown): string[] {
  return keyFieldPaths(value, '', [], 0);
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const ownTimingsSchema = z.object({
  /** Epoch milliseconds. */
  submittedAt: finite.optional(),
  queuedAt: finite.optional(),
  finishedAt: finite.optional(),
  latencyMs: finite.optional(),
  /** Seconds, as the provider reported. */
  generationTime: finite.optional(),
});

export const ownMetadataSchema = z
  .object({
    app: z.literal('image-api-playground'),
    version: z.literal(OWN_METADATA_VERSION),
    /** The app's package version that wrote the image. */
    appVersion: z.string(),
    provider: z.string().min(1),
    /** The endpoint id, e.g. `modelslab/text2img`. */
    endpoint: z.string().min(1),
    mode: z.enum(['sandbox', 'live']).optional(),
    /** The validated parameters as sent, with the concrete seed. Never a key. */
    params: z.record(z.string(), z.unknown()),
    /** Parameter paths left out of `params` (inline images). */
    omitted: z.array(z.string()).optional(),
    seed: finite.optional(),
    jobId: z.string().optional(),
    providerJobId: z.string().optional(),
    timings: ownTimingsSchema.optional(),
    /** Epoch milliseconds. */
    createdAt: finite.optional(),
  })
  .superRefine((value, ctx) => {
    for (const path of findKeyLikeFields(value.params)) {
      ctx.addIssue({ code: 'custom', path: ['params', ...path.split('.')], message: 'must not hold an API key' });
    }
  });

export type OwnMetadata = z.infer<typeof ownMetadataSchema>;

export type OwnMetadataInput = Omit<OwnMetadata, 'app' | 'version' | 'omitted'>;

function isInlineImage(v: unknown): boolean {
  return typeof v === 'string' && /^data:[^,]*;base64,/i.test(v);
}

/** `params` without inline images (data URLs), at any depth, and the paths that were left out. */
export function omitInlineImages(params: Record<string, unknown>): { params: Record<string, unknown>; omitted: string[] } {
  const omitted: string[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (Array.isArray(value)) {
      return value.flatMap((v, i) => {
        if (!isInlineImage(v)) return [walk(v, `${path}[${i}]`)];
        omitted.push(`${path}[${i}]`);
        return [];
      });
    }
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const here = path ? `${path}.${k}` : k;
      if (isInlineImage(v)) omitted.push(here);
      else out[k] = walk(v, here);
    }
    return out;
  };
  return { params: walk(params, '') as Record<string, unknown>, omitted };
}

/** The validated record to embed; throws (a ZodError) when `params` holds a key-like field. */
export function buildOwnMetadata(input: OwnMetadataInput): OwnMetadata {
  const { params, omitted } = omitInlineImages(input.params);
  return ownMetadataSchema.parse({
    ...input,
    app: 'image-api-playground',
    version: OWN_METADATA_VERSION,
    params,
    ...(omitted.length ? { omitted } : {}),
  });
}

export type OwnParseResult = { ok: true; value: OwnMetadata } | { ok: false; error: string };

/** Parses and validates embedded JSON. */
export function parseOwnMetadata(json: string): OwnParseResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const parsed = ownMetadataSchema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
}
