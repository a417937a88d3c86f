/**
 * Saved comparisons and the compare view's draft, in localStorage (small
 * records only: images stay with the jobs in IndexedDB). Reads validate;
 * anything unreadable is skipped.
 */
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { parseComparisons, upsertComparison } from './comparison-record';
import type { ComparisonRecord } from './comparison-record';
import { sweepAxisSchema } from './comparison-record';
import { DEFAULT_SHARED_FORM } from '../../providers/mapping/shared-params';
import type { SharedForm } from '../../providers/mapping/shared-params';
import { compareTargetSchema } from './targets';

export const COMPARISONS_KEY = 'playground.comparisons.v1';
export const DRAFT_KEY = 'playground.compare-draft.v1';

function storage(kind: 'local' | 'session' = 'local'): Storage | undefined {
  try {
    return kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

const listeners = new Set<() => void>();
let cache: { raw: string | null; records: ComparisonRecord[] } | undefined;

export function loadComparisons(): ComparisonRecord[] {
  const raw = storage()?.getItem(COMPARISONS_KEY) ?? null;
  if (cache?.raw !== raw) cache = { raw, records: parseComparisons(raw).records };
  return cache.records;
}

export function saveComparison(record: ComparisonRecord) {
  const next = upsertComparison(loadComparisons(), record);
  try {
    storage()?.setItem(COMPARISONS_KEY, JSON.stringify(next));
  } catch {
    // Storage full: keep the newest half and try once more; the jobs stay in the gallery either way.
    storage()?.setItem(COMPARISONS_KEY, JSON.stringify(next.slice(0, Math.ceil(next.length / 2))));
  }
  for (const l of listeners) l();
}

export function getComparison(id: string): ComparisonRecord | undefined {
  return loadComparisons().find((r) => r.id === id);
}

function subscribe(l: () => void) {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => e.key === COMPARISONS_KEY && l();
  globalThis.addEventListener?.('storage', onStorage);
  return () => {
    listeners.delete(l);
    globalThis.removeEventListener?.('storage', onStorage);
  };
}

export function useComparisons(): ComparisonRecord[] {
  return useSyncExternalStore(subscribe, loadComparisons, loadComparisons);
}

const draftSchema = z.object({
  version: z.literal(1),
  targets: z.array(compareTargetSchema),
  form: z.object(Object.fromEntries(Object.keys(DEFAULT_SHARED_FORM).map((k) => [k, z.string()])) as Record<keyof SharedForm, z.ZodString>),
  x: sweepAxisSchema.optional(),
  y: sweepAxisSchema.optional(),
  /** The comparison on screen, reopened after a reload. */
  currentId: z.string().optional(),
});
export type CompareDraft = z.infer<typeof draftSchema>;

export function loadDraft(): CompareDraft | undefined {
  try {
    const raw = storage()?.getItem(DRAFT_KEY);
    const parsed = draftSchema.safeParse(raw ? JSON.parse(raw) : undefined);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(draft: CompareDraft) {
  try {
    storage()?.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // A draft that cannot be kept is not worth an error.
  }
}
