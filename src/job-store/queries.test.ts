import 'fake-indexeddb/auto';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { applyJobChange, HEAD_JOBS, jobQuery, patchList, queryKeys, syncJobCache } from './queries';
import type { JobRecord } from './job-record';
import type { JobScan } from './job-scan';
import { getJob, putJob, updateJob } from './store';
import { makeJob } from './test-fixtures';
import { newestFirst } from './job-query';

const scan = (jobs: JobScan['jobs']): JobScan => ({ jobs, skipped: { futureVersion: 0, invalid: 0 } });

describe('a store change patches the cached lists by job id', () => {
  it('replaces, inserts in order, and removes', () => {
    const [a, b, c] = [makeJob({ createdAt: 3000 }), makeJob({ createdAt: 2000 }), makeJob({ createdAt: 1000 })];
    const list = [a, b];
    const changed = { ...b, status: 'failed' as const };
    expect(patchList(list, b.id, changed, () => true, newestFirst)).toEqual([a, changed]);
    expect(patchList(list, c.id, c, () => true, newestFirst)).toEqual([a, b, c]);
    expect(patchList(list, a.id, undefined, () => true, newestFirst)).toEqual([b]);
    expect(patchList(list, c.id, c, () => false, newestFirst)).toBe(list);
  });

  it('updates one job, the active list and every gallery list it belongs to, without re-reading', () => {
    const qc = new QueryClient();
    const old = makeJob({ provider: 'segmind', endpointId: 'segmind/sd1.5-dreamshaper', status: 'sending', createdAt: 5000 });
    const other = makeJob({ provider: 'modelslab', createdAt: 4000 });
    qc.setQueryData(queryKeys.activeJobs, [old]);
    qc.setQueryData(queryKeys.galleryJobs({}), scan([old, other]));
    qc.setQueryData(queryKeys.galleryJobs({ provider: 'modelslab' }), scan([other]));
    qc.setQueryData(queryKeys.galleryHead({ provider: 'segmind' }), scan([old]));

    const done = { ...old, status: 'done' as const };
    applyJobChange(qc, old.id, done);
    expect(qc.getQueryData(queryKeys.job(old.id))).toEqual(done);
    expect(qc.getQueryData(queryKeys.activeJobs)).toEqual([]);
    expect(qc.getQueryData<JobScan>(queryKeys.galleryJobs({}))?.jobs).toEqual([done, other]);
    expect(qc.getQueryData<JobScan>(queryKeys.galleryJobs({ provider: 'modelslab' }))?.jobs).toEqual([other]);
    expect(qc.getQueryData<JobScan>(queryKeys.galleryHead({ provider: 'segmind' }))?.jobs).toEqual([done]);

    const fresh = makeJob({ provider: 'segmind', status: 'queued', createdAt: 9000 });
    applyJobChange(qc, fresh.id, fresh);
    expect(qc.getQueryData(queryKeys.activeJobs)).toEqual([fresh]);
    expect(qc.getQueryData<JobScan>(queryKeys.galleryJobs({}))?.jobs.map((j) => j.id)).toEqual([fresh.id, old.id, other.id]);

    applyJobChange(qc, other.id, undefined);
    expect(qc.getQueryData<JobScan>(queryKeys.galleryJobs({ provider: 'modelslab' }))?.jobs).toEqual([]);
    expect(HEAD_JOBS).toBeGreaterThan(0);
  });
});

describe('the cache follows the store', () => {
  it('a first subscriber re-reads what changed while nobody listened (the feed does not replay)', async () => {
    const qc = new QueryClient();
    const job = makeJob({ status: 'sending' });
    await putJob(job);
    // The result card: an active query of the job, read while it was sending.
    const card = new QueryObserver(qc, jobQuery(job.id));
    const stopCard = card.subscribe(() => undefined);
    const status = () => qc.getQueryData<JobRecord | null>(queryKeys.job(job.id))?.status;
    await vi.waitFor(() => expect(status()).toBe('sending'));

    // The job finishes before anything subscribes to the store (the job layer loads later).
    await updateJob(job.id, { status: 'done' });
    // The store has it (a read after the write), and nothing told the cache.
    expect((await getJob(job.id))?.status).toBe('done');
    expect(status()).toBe('sending');

    const stopSync = syncJobCache(qc);
    await vi.waitFor(() => expect(status()).toBe('done'));

    // From then on a change reaches the cache through the feed.
    await updateJob(job.id, { status: 'failed' });
    await vi.waitFor(() => expect(status()).toBe('failed'));
    stopSync();
    stopCard();
  });
});
