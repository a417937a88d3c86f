import { describe, expect, it } from 'vitest';
import { matchesFilter, normalizeFilter } from './job-query';
import { makeJob } from './test-fixtures';

describe('the starred filter', () => {
  it('keeps only starred jobs, alone or with the other filters', () => {
    const starred = makeJob({ starred: true, status: 'done' });
    const plain = makeJob({ starred: false, status: 'done' });
    expect(matchesFilter(starred, { starred: true })).toBe(true);
    expect(matchesFilter(plain, { starred: true })).toBe(false);
    expect(matchesFilter(plain, {})).toBe(true);
    expect(matchesFilter(starred, { starred: true, status: 'failed' })).toBe(false);
    expect(matchesFilter(starred, { starred: true, provider: 'modelslab', status: 'done' })).toBe(true);
  });

  it('an unset star filter is no filter (one query key)', () => {
    expect(normalizeFilter({ starred: undefined })).toEqual({});
    expect(normalizeFilter({ starred: true })).toEqual({ starred: true });
  });
});
