import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../../job-store/job-record';
import { comparisonFromJobs, comparisonTitle, parseComparisons, setCell, upsertComparison } from './comparison-record';
import type { ComparisonRecord } from './comparison-record';

const record = (id: string, createdAt: number): ComparisonRecord => ({
  version: 1,
  id,
  createdAt,
  kind: 'side-by-side',
  title: 'a fox',
  seed: 42,
  shared: { prompt: 'a fox', negativePrompt: '', seed: 42 },
  targets: [{ id: 't1', endpointId: 'segmind/sd1.5-dreamshaper' }],
  axes: {},
  xLabels: [],
  yLabels: [],
  cells: [{ key: '0:0:t1', label: 'Segmind sd1.5-dreamshaper', targetId: 't1', endpointId: 'segmind/sd1.5-dreamshaper', xIndex: 0, yIndex: 0 }],
});

describe('stored comparisons', () => {
  it('round-trips valid records', () => {
    const list = [record('a', 2), record('b', 1)];
    expect(parseComparisons(JSON.stringify(list))).toEqual({ records: list, skipped: 0 });
  });

  it('skips invalid records and keeps the rest', () => {
    const good = record('a', 2);
    const raw = JSON.stringify([good, { ...record('b', 1), version: 2 }, { id: 'c' }, null, { ...record('d', 1), targets: [] }]);
    expect(parseComparisons(raw)).toEqual({ records: [good], skipped: 4 });
  });

  it('survives garbage', () => {
    expect(parseComparisons('{not json')).toEqual({ records: [], skipped: 1 });
    expect(parseComparisons('{"a":1}')).toEqual({ records: [], skipped: 1 });
    expect(parseComparisons(null)).toEqual({ records: [], skipped: 0 });
  });

  it('upserts newest first, capped', () => {
    let list: ComparisonRecord[] = [];
    for (let i = 0; i < 5; i++) list = upsertComparison(list, record(`r${i}`, i), 3);
    expect(list.map((r) => r.id)).toEqual(['r4', 'r3', 'r2']);
    list = upsertComparison(list, { ...record('r3', 3), title: 'renamed' }, 3);
    expect(list.map((r) => [r.id, r.title])).toEqual([['r4', 'a fox'], ['r3', 'renamed'], ['r2', 'a fox']]);
  });

  it('sets a cell’s job', () => {
    expect(setCell(record('a', 1), '0:0:t1', { jobId: 'j1' }).cells[0]!.jobId).toBe('j1');
  });

  it('titles', () => {
    expect(comparisonTitle('  ', 'side-by-side')).toBe('(no prompt)');
    expect(comparisonTitle('x'.repeat(60), 'sweep')).toBe(`Sweep: ${'x'.repeat(47)}…`);
  });
});

describe('comparisonFromJobs', () => {
  const job = (id: string, createdAt: number, extra: Partial<JobRecord> = {}): JobRecord => ({
    version: 2,
    starred: false,
    id,
    createdAt,
    updatedAt: createdAt,
    mode: 'sandbox',
    provider: 'segmind',
    endpointId: 'segmind/sd1.5-dreamshaper',
    params: { prompt: 'a fox', seed: 7 },
    seed: 7,
    status: 'done',
    timings: {},
    images: [],
    compareGroupId: 'g',
    compareLabel: `label ${id}`,
    ...extra,
  });

  it('rebuilds a comparison from its jobs when the record is gone', () => {
    const rec = comparisonFromJobs('g', [job('b', 2), job('a', 1), job('x', 0, { compareGroupId: 'other' })])!;
    expect(rec.cells.map((c) => [c.jobId, c.label])).toEqual([['a', 'label a'], ['b', 'label b']]);
    expect(rec.shared.prompt).toBe('a fox');
    expect(rec.seed).toBe(7);
    expect(parseComparisons(JSON.stringify([rec])).records).toHaveLength(1);
  });

  it('nothing to rebuild', () => {
    expect(comparisonFromJobs('g', [])).toBeUndefined();
  });
});
