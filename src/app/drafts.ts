/**
 * Form drafts per endpoint, so nothing typed is lost on reload. A draft holds
 * small values only: a local image is a reference (its Blob lives in IndexedDB,
 * `job-store/local-images.ts`); a data URL is never written to localStorage or
 * sessionStorage. Saving is debounced: typing does not write on every key.
 * No zod here: the first paint (`first-paint.tsx`) reads and writes drafts before zod loads.
 */

/** The job shown in the playground survives a reload of this tab (sessionStorage). */
export const CURRENT_JOB = 'playground.current-job';

/** The id of the job this tab's playground showed, if any (storage refused: none). */
export function loadCurrentJobId(): string | undefined {
  try {
    return sessionStorage.getItem(CURRENT_JOB) ?? undefined;
  } catch {
    return undefined;
  }
}

const DRAFT_PREFIX = 'playground.draft.';
const LAST_ENDPOINT = 'playground.endpoint';
/** Drafts of earlier versions kept images here; they are removed on sight. */
const LEGACY_IMAGE_PREFIX = 'playground.draft-images.';
export const DRAFT_SAVE_DELAY_MS = 400;

/** A stored draft is a plain object of values; anything else is no draft. */
function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function loadDraft(endpointId: string): Record<string, unknown> | undefined {
  try {
    sessionStorage.removeItem(LEGACY_IMAGE_PREFIX + endpointId);
    const raw = localStorage.getItem(DRAFT_PREFIX + endpointId);
    const values = asRecord(raw ? JSON.parse(raw) : {});
    return Object.keys(values).length ? values : undefined;
  } catch {
    return undefined;
  }
}

/** The values a draft keeps: everything but inline image data. */
export function draftValues(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' && v.startsWith('data:')) continue;
    out[k] = v;
  }
  return out;
}

export function saveDraft(endpointId: string, values: Record<string, unknown>) {
  try {
    localStorage.setItem(DRAFT_PREFIX + endpointId, JSON.stringify(draftValues(values)));
  } catch {
    // A full storage loses the draft only; the form itself keeps the values.
  }
}

/** Saves `endpointId`'s draft once typing pauses; `flush` writes a pending one now. */
export function createDraftSaver(delayMs = DRAFT_SAVE_DELAY_MS) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { endpointId: string; values: Record<string, unknown> } | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending) saveDraft(pending.endpointId, pending.values);
    pending = undefined;
  };
  return {
    schedule(endpointId: string, values: Record<string, unknown>) {
      if (pending && pending.endpointId !== endpointId) flush();
      pending = { endpointId, values };
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}

export function loadLastEndpoint(): string | undefined {
  try {
    return localStorage.getItem(LAST_ENDPOINT) ?? undefined;
  } catch {
    return undefined;
  }
}

export function saveLastEndpoint(id: string) {
  try {
    localStorage.setItem(LAST_ENDPOINT, id);
  } catch {
    // Not remembering the endpoint is harmless.
  }
}
