/** Drafts, the last endpoint and the current job: what earlier builds stored still loads. */
import { afterEach, describe, expect, it } from 'vitest';
import { withMemoryStorage } from '../lib/memory-storage';
import { clearStorageNotices, storageNotices } from '../lib/persisted';
import { loadCurrentJobId, loadDraft, loadLastEndpoint, saveCurrentJobId, saveDraft, saveLastEndpoint } from './drafts';

withMemoryStorage();
afterEach(() => clearStorageNotices());

describe('drafts', () => {
  it('round-trips a draft without its inline images', () => {
    saveDraft('segmind/sd1.5-img2img', { prompt: 'harbour', image: 'data:image/png;base64,AAAA', steps: 20 });
    expect(loadDraft('segmind/sd1.5-img2img')).toEqual({ prompt: 'harbour', steps: 20 });
    expect(localStorage.getItem('playground.draft.segmind/sd1.5-img2img')).not.toContain('data:');
  });

  it('loads the bare drafts, endpoint and job id of earlier builds, and rewrites them', () => {
    localStorage.setItem('playground.draft.modelslab/text2img', JSON.stringify({ prompt: 'old draft', samples: '2' }));
    localStorage.setItem('playground.endpoint', 'modelslab/text2img');
    sessionStorage.setItem('playground.current-job', 'job-42');
    sessionStorage.setItem('playground.draft-images.modelslab/text2img', 'data:image/png;base64,AAAA');
    expect(loadDraft('modelslab/text2img')).toEqual({ prompt: 'old draft', samples: '2' });
    expect(loadLastEndpoint()).toBe('modelslab/text2img');
    expect(loadCurrentJobId()).toBe('job-42');
    expect(sessionStorage.getItem('playground.draft-images.modelslab/text2img')).toBeNull();
    expect(JSON.parse(localStorage.getItem('playground.endpoint')!)).toEqual({ v: 1, data: 'modelslab/text2img' });
    expect(storageNotices()).toEqual([]);
  });

  it('drops a draft that is not an object, with a notice', () => {
    localStorage.setItem('playground.draft.modelslab/text2img', '[1,2]');
    expect(loadDraft('modelslab/text2img')).toBeUndefined();
    expect(storageNotices()).toMatchObject([{ label: 'the draft of modelslab/text2img' }]);
  });

  it('keeps and forgets the current job, and the last endpoint', () => {
    saveCurrentJobId('j1');
    expect(loadCurrentJobId()).toBe('j1');
    saveCurrentJobId(undefined);
    expect(loadCurrentJobId()).toBeUndefined();
    saveLastEndpoint('segmind/sd1.5-dreamshaper');
    expect(loadLastEndpoint()).toBe('segmind/sd1.5-dreamshaper');
  });
});
