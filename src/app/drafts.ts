/**
 * Form drafts per endpoint, so nothing typed is lost on reload. Large local
 * images stay in sessionStorage (this tab) to keep localStorage small.
 */
import { z } from 'zod';

const DRAFT_PREFIX = 'playground.draft.';
const IMAGE_PREFIX = 'playground.draft-images.';
const LAST_ENDPOINT = 'playground.endpoint';
const draftSchema = z.record(z.string(), z.unknown());

function read(storage: Storage | undefined, key: string): Record<string, unknown> {
  try {
    const raw = storage?.getItem(key);
    const parsed = draftSchema.safeParse(raw ? JSON.parse(raw) : {});
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function loadDraft(endpointId: string): Record<string, unknown> | undefined {
  const values = { ...read(localStorage, DRAFT_PREFIX + endpointId), ...read(sessionStorage, IMAGE_PREFIX + endpointId) };
  return Object.keys(values).length ? values : undefined;
}

export function saveDraft(endpointId: string, values: Record<string, unknown>) {
  const small: Record<string, unknown> = {};
  const images: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string' && v.startsWith('data:')) images[k] = v;
    else small[k] = v;
  }
  try {
    localStorage.setItem(DRAFT_PREFIX + endpointId, JSON.stringify(small));
    sessionStorage.setItem(IMAGE_PREFIX + endpointId, JSON.stringify(images));
  } catch {
    // A full storage loses the draft of large images only; the form itself keeps them.
  }
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
