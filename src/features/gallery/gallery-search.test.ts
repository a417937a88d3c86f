import { describe, expect, it, vi } from 'vitest';
import { makeJob } from '../../job-store/test-fixtures';
import { queryWords, searchJobs, searchTextBuilt, warmSearch } from './gallery-search';

const job = (id: string, prompt: string, negative = '', endpointId = 'modelslab/text2img') => makeJob({ id, endpointId, params: { prompt, negative_prompt: negative } });

describe('gallery search', () => {
  const jobs = [
    job('a', 'A lighthouse at dusk, oil painting', 'blurry'),
    job('b', 'a red fox in the snow', 'lowres, watermark'),
    job('c', 'Café terrace at night', ''),
    job('d', 'a fox and a lighthouse', '', 'segmind/sd1.5-dreamshaper'),
  ];
  const ids = (query: string) => searchJobs(jobs, query).map((j) => j.id);

  it('keeps every job for a blank query', () => {
    expect(searchJobs(jobs, '   ')).toBe(jobs);
    expect(queryWords('  ')).toEqual([]);
  });
  it('finds words in the prompt and the negative prompt, whatever their case, in list order', () => {
    expect(ids('LIGHTHOUSE')).toEqual(['a', 'd']);
    expect(ids('watermark')).toEqual(['b']);
    expect(ids('fox')).toEqual(['b', 'd']);
  });
  it('needs every word, anywhere', () => {
    expect(ids('fox lighthouse')).toEqual(['d']);
    expect(ids('dusk blurry')).toEqual(['a']);
    expect(ids('fox dusk')).toEqual([]);
  });
  it('matches parts of words and ignores accents', () => {
    expect(ids('light')).toEqual(['a', 'd']);
    expect(ids('cafe')).toEqual(['c']);
    expect(ids('CAFÉ')).toEqual(['c']);
  });
  it('does not search other parameters', () => {
    expect(ids('modelslab')).toEqual([]);
  });
});

describe('warming the search text', () => {
  const many = Array.from({ length: 3000 }, (_, i) => job(`w${i}`, `lantern ${i}`, 'blurry'));

  it('builds every job’s search text in slices, and a search afterwards finds the same', async () => {
    const stop = warmSearch(many, 1);
    await vi.waitFor(() => expect(many.every(searchTextBuilt)).toBe(true), { timeout: 10_000, interval: 5 });
    stop();
    expect(searchJobs(many, 'LANTERN 2999').map((j) => j.id)).toEqual(['w2999']);
  });

  it('stops when asked: nothing more is built', () => {
    vi.useFakeTimers();
    try {
      const fresh = Array.from({ length: 50 }, (_, i) => job(`s${i}`, `fresh ${i}`));
      const stop = warmSearch(fresh);
      stop();
      vi.runAllTimers();
      expect(fresh.some(searchTextBuilt)).toBe(false);
      // Not stopped, the same slices build them all.
      warmSearch(fresh);
      vi.runAllTimers();
      expect(fresh.every(searchTextBuilt)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
