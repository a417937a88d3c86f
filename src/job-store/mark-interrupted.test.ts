import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getJob, putJob, updateJob } from './store';
import { makeJob } from './test-fixtures';
import { markInterrupted } from './poll-job';

describe('markInterrupted', () => {
  it('marks requests sent before this page loaded, and nothing else', async () => {
    const pageStart = 1_800_000_000_000;
    const lost = makeJob({ status: 'sending', createdAt: pageStart - 5000 });
    const mine = makeJob({ status: 'sending', createdAt: pageStart + 10 });
    const queued = makeJob({ status: 'queued', createdAt: pageStart - 5000 });
    const finished = makeJob({ status: 'sending', createdAt: pageStart - 4000 });
    for (const j of [lost, mine, queued, finished]) await putJob(j);
    // It finished between the list being read and the check: the stored state wins.
    await updateJob(finished.id, { status: 'failed', error: { kind: 'auth', message: 'bad key' } });

    await markInterrupted([lost, mine, queued, finished], pageStart);

    expect((await getJob(lost.id))?.status).toBe('interrupted');
    expect((await getJob(lost.id))?.error?.message).toMatch(/reloaded while this request was in flight/);
    expect((await getJob(mine.id))?.status).toBe('sending');
    expect((await getJob(queued.id))?.status).toBe('queued');
    expect((await getJob(finished.id))?.status).toBe('failed');
  });
});
