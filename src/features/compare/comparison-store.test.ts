import { describe, expect, it } from 'vitest';
import type { ComparisonRecord } from './comparison-record';
import { COMPARISONS_KEY, DRAFT_KEY, getComparison, loadComparisons, loadDraft, saveComparison, saveDraft } from './comparison-store';
import { requestOpenComparison, takeOpenRequest } from './open-request';
import { DEFAULT_SHARED_FORM } from '../../providers/mapping/shared-params';
import { withMemoryStorage } from '../../lib/memory-storage';

const record = (id: string, createdAt: number): ComparisonRecord => ({
  version: 1,
  id,
  createdAt,
  kind: 'side-by-side',
  title: 't',
  shared: { prompt: 'p', negativePrompt: '' },
  targets: [{ id: 'a', endpointId: 'segmind/sd1.5-dreamshaper' }],
  axes: {},
  xLabels: [],
  yLabels: [],
  cells: [],
});

withMemoryStorage();

describe('comparison store', () => {
  it('saves, replaces and reads back, newest first', () => {
    saveComparison(record('a', 1));
    saveComparison(record('b', 2));
    saveComparison({ ...record('a', 1), title: 'again' });
    expect(loadComparisons().map((r) => r.id)).toEqual(['b', 'a']);
    expect(getComparison('a')?.title).toBe('again');
  });

  it('skips what it cannot read', () => {
    localStorage.setItem(COMPARISONS_KEY, JSON.stringify([record('a', 1), { id: 'broken' }]));
    expect(loadComparisons().map((r) => r.id)).toEqual(['a']);
    localStorage.setItem(COMPARISONS_KEY, 'not json');
    expect(loadComparisons()).toEqual([]);
  });

  it('keeps a valid draft, ignores an invalid one', () => {
    const draft = { version: 1 as const, targets: [{ id: 'a', endpointId: 'modelslab/text2img' }], form: DEFAULT_SHARED_FORM, x: { param: 'seed' as const, values: '1,2' }, currentId: 'c' };
    saveDraft(draft);
    expect(loadDraft()).toEqual(draft);
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ ...draft, form: { prompt: 1 } }));
    expect(loadDraft()).toBeUndefined();
  });

  it('an open request is taken once', () => {
    requestOpenComparison('g');
    expect(takeOpenRequest()).toBe('g');
    expect(takeOpenRequest()).toBeUndefined();
  });
});

describe('comparison store, data of earlier builds', () => {
  it('loads the bare list and draft, and rewrites them in the current format', () => {
    localStorage.setItem(COMPARISONS_KEY, JSON.stringify([record('a', 1)]));
    const draft = { version: 1, targets: [{ id: 'a', endpointId: 'modelslab/text2img' }], form: DEFAULT_SHARED_FORM };
    localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
    expect(loadComparisons().map((r) => r.id)).toEqual(['a']);
    expect(loadComparisons()).toBe(loadComparisons());
    expect(loadDraft()).toEqual(draft);
    expect(JSON.parse(localStorage.getItem(COMPARISONS_KEY)!).v).toBe(1);
    expect(JSON.parse(localStorage.getItem(DRAFT_KEY)!).v).toBe(1);
  });
});
