/**
 * Form drafts per endpoint, so nothing typed is lost on reload. A draft holds
 * small values only: a local image is a reference (its Blob lives in IndexedDB,
 * `job-store/local-images.ts`); a data URL is never written to localStorage or
 * sessionStorage. Saving is debounced: typing does not write on every key.
 * No zod here (`persisted` with hand-written checks): the first paint (`first-paint.tsx`) reads and writes drafts before zod loads.
 */

import { persisted, recordValue, stringValue } from '../lib/persisted';
import type { Persisted } from '../lib/persisted';

/** Earlier builds stored each of these as a bare value (version 0); the value itself carries over. */
const FROM_BARE_VALUE = { 0: (old: unknown) => old };

/** The job shown in the playground survives a reload of this tab (sessionStorage). */
const CURRENT_JOB = 'playground.current-job';
const currentJob = persisted(CURRENT_JOB, stringValue, 1, FROM_BARE_VALUE, { storage: 'session', label: 'the job the playground showed' });

/** The id of the job this tab's playground showed, if any (storage refused: none). */
export function loadCurrentJobId(): string | undefined {
  return currentJob.load();
}

export function saveCurrentJobId(id: string | undefined) {
  if (id) currentJob.save(id);
  else currentJob.remove();
}

const DRAFT_PREFIX = 'playground.draft.';
const lastEndpoint = persisted('playground.endpoint', stringValue, 1, FROM_BARE_VALUE, { label: 'the endpoint you last used' });
/** Drafts of earlier versions kept images here; they are removed on sight. */
const LEGACY_IMAGE_PREFIX = 'playground.draft-images.';
export const DRAFT_SAVE_DELAY_MS = 400;

const drafts = new Map<string, Persisted<Record<string, unknown>>>();
/** An endpoint's draft: a plain object of values (version 0 was the same object, bare). */
function draftOf(endpointId: string) {
  let draft = drafts.get(endpointId);
  if (!draft) {
    draft = persisted(DRAFT_PREFIX + endpointId, recordValue, 1, FROM_BARE_VALUE, { label: `the draft of ${endpointId}` });
    drafts.set(endpointId, draft);
  }
  return draft;
}

export function loadDraft(endpointId: string): Record<string, unknown> | undefined {
  try {
    sessionStorage.removeItem(LEGACY_IMAGE_PREFIX + endpointId);
  } catch {
    // A storage we cannot reach holds no legacy images either.
  }
  const values = draftValues(draftOf(endpointId).load() ?? {});
  return Object.keys(values).length ? values : undefined;
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
  // A full storage loses the draft only; the form itself keeps the values.
  draftOf(endpointId).save(draftValues(values));
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
  return lastEndpoint.load();
}

export function saveLastEndpoint(id: string) {
  // Not remembering the endpoint is harmless.
  lastEndpoint.save(id);
}
