/**
 * Saved comparisons and the compare view's draft, in localStorage (small
 * records only: images stay with the jobs in IndexedDB). Reads validate;
 * anything unreadable is skipped.
 */
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { upsertComparison, validComparisons } from './comparison-record';
import type { ComparisonRecord } from './comparison-record';
import { sweepAxisSchema } from './comparison-record';
import { DEFAULT_SHARED_FORM } from '../../providers/mapping/shared-params';
import type { SharedForm } from '../../providers/mapping/shared-params';
import { compareTargetSchema } from './targets';
import { persisted } from '../../lib/persisted';
import type { Validator } from '../../lib/persisted';

export const COMPARISONS_KEY = 'playground.comparisons.v1';
export const DRAFT_KEY = 'playground.compare-draft.v1';

/** Each stored record is read on its own: an unreadable one is skipped, the others kept. */
const comparisonList: Validator<ComparisonRecord[]> = {
  safeParse: (value) => (Array.isArray(value) ? { success: true, data: validComparisons(value).records } : { success: false }),
};
// Earlier builds stored the list and the draft bare (version 0), in the same shape.
const comparisons = persisted(COMPARISONS_KEY, comparisonList, 1, { 0: (old) => old }, { label: 'your saved comparisons' });

function rawComparisons(): string | null {
  try {
    return globalThis.localStorage?.getItem(COMPARISONS_KEY) ?? null;
  } catch {
    return null;
  }
}

const listeners = new Set<() => void>();
/** The list read for the stored text it came from: the same array while that text is unchanged. */
let cache: { raw: string | null; records: ComparisonRecord[] } | undefined;

export function loadComparisons(): ComparisonRecord[] {
  const raw = rawComparisons();
  if (cache?.raw !== raw) {
    const records = raw === null ? [] : (comparisons.load() ?? []);
    // Read again: loading may have rewritten an old format, or dropped what it could not read.
    cache = { raw: rawComparisons(), records };
  }
  return cache.records;
}

export function saveComparison(record: ComparisonRecord) {
  const next = upsertComparison(loadComparisons(), record);
  // Storage full: keep the newest half and try once more; the jobs stay in the gallery either way.
  if (!comparisons.save(next)) comparisons.save(next.slice(0, Math.ceil(next.length / 2)));
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

const draft = persisted(DRAFT_KEY, draftSchema, 1, { 0: (old) => old }, { label: 'the compare view\'s draft' });

export function loadDraft(): CompareDraft | undefined {
  return draft.load();
}

export function saveDraft(value: CompareDraft) {
  // A draft that cannot be kept is not worth an error.
  draft.save(value);
}
