/**
 * Upgrades older job-record shapes to the current version, one step at a
 * time, and validates the result. Records from a newer version of the app,
 * and records that do not validate, are reported and skipped: never
 * rewritten, never deleted.
 */
import { JOB_RECORD_VERSION, jobRecordSchema } from './job-record';
import { getProvider } from '../providers/registry';
import type { JobRecord } from './job-record';

type RawRecord = Record<string, unknown>;

export function isPlainObject(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * v0: the prototype's shape, before versions existed. `created` / `updated`
 * instead of `createdAt` / `updatedAt`, `state` instead of `status` (with other
 * words), `endpoint` instead of `endpointId`, an error as a plain string,
 * images with `url` instead of `sourceUrl`, no mode and no timings.
 */
const V0_STATES: Record<string, string> = {
  pending: 'sending',
  sending: 'sending',
  queued: 'queued',
  processing: 'queued',
  succeeded: 'done',
  success: 'done',
  done: 'done',
  error: 'failed',
  failed: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  interrupted: 'interrupted',
};

function v0ToV1(raw: RawRecord): RawRecord {
  const { created, updated, state, endpoint, error, images, version: _version, ...rest } = raw;
  const createdAt = typeof created === 'number' ? created : rest.createdAt;
  const status = typeof state === 'string' ? (V0_STATES[state] ?? state) : rest.status;
  const out: RawRecord = {
    mode: 'live',
    timings: {},
    params: {},
    ...rest,
    version: 1,
    createdAt,
    updatedAt: typeof updated === 'number' ? updated : createdAt,
    status,
    endpointId: endpoint ?? rest.endpointId,
    images: Array.isArray(images)
      ? images.map((img: unknown) => {
          if (!isPlainObject(img)) return img;
          const { url, ...imgRest } = img;
          return { stored: true, ...imgRest, ...(typeof url === 'string' ? { sourceUrl: url } : {}) };
        })
      : [],
  };
  if (typeof error === 'string') out.error = { kind: 'unknown', message: error };
  else if (error !== undefined) out.error = error;
  return out;
}

/** v1 → v2: the gallery's star. What v1 kept is kept; nothing was starred then. */
function v1ToV2(raw: RawRecord): RawRecord {
  return { ...raw, version: 2, starred: false };
}

/** migrations[n] upgrades a version-n record to version n + 1. */
const MIGRATIONS: Record<number, (raw: RawRecord) => RawRecord> = {
  0: v0ToV1,
  1: v1ToV2,
};

export function recordVersion(raw: RawRecord): number {
  return typeof raw.version === 'number' ? raw.version : 0;
}

/**
 * Upgrades `raw` to the current version when it knows how. Anything it does
 * not recognise (not an object, a future version, a gap in the chain) comes
 * back as it is, for validation to reject.
 */
export function migrate(raw: unknown): unknown {
  if (!isPlainObject(raw)) return raw;
  let record = raw;
  let version = recordVersion(record);
  while (version < JOB_RECORD_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return record;
    record = step(record);
    const next = recordVersion(record);
    if (next <= version) return record;
    version = next;
  }
  return record;
}

export type LoadedRecord =
  | { ok: true; job: JobRecord; migrated: boolean }
  | { ok: false; reason: 'future-version' | 'invalid'; id?: string; detail: string };

/** Migrates and validates one stored value. Never throws. */
export function readJobRecord(raw: unknown): LoadedRecord {
  const id = isPlainObject(raw) && typeof raw.id === 'string' ? raw.id : undefined;
  if (isPlainObject(raw) && recordVersion(raw) > JOB_RECORD_VERSION) {
    return { ok: false, reason: 'future-version', id, detail: `version ${String(raw.version)} is newer than this app (${JOB_RECORD_VERSION})` };
  }
  const upgraded = migrate(raw);
  const parsed = jobRecordSchema.safeParse(upgraded);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? first.path.join('.') : 'record';
    return { ok: false, reason: 'invalid', id, detail: `${where}: ${first?.message ?? 'invalid'}` };
  }
  if (!getProvider(parsed.data.provider)) {
    // Made by a version of the app that knows more providers: kept untouched, like a newer record.
    return { ok: false, reason: 'future-version', id, detail: `provider "${parsed.data.provider}" is unknown to this app` };
  }
  return { ok: true, job: parsed.data, migrated: upgraded !== raw };
}
