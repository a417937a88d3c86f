import { describe, expect, it } from 'vitest';
import { JOB_RECORD_VERSION } from './job-record';
import { migrate, readJobRecord } from './migrate';
import { makeJob } from './test-fixtures';

const v0 = {
  id: 'v0-job',
  created: 1_600_000_000_000,
  updated: 1_600_000_005_000,
  state: 'error',
  provider: 'modelslab',
  endpoint: 'modelslab/text2img',
  params: { prompt: 'a fox' },
  seed: 5,
  error: 'Server error',
  images: [{ id: 'i1', mime: 'image/png', url: 'https://cdn.test/i1.png' }],
};

describe('job record migration', () => {
  it('upgrades a v0 shape to the current version', () => {
    expect(migrate(v0)).toEqual({
      version: JOB_RECORD_VERSION,
      id: 'v0-job',
      createdAt: 1_600_000_000_000,
      updatedAt: 1_600_000_005_000,
      mode: 'live',
      provider: 'modelslab',
      endpointId: 'modelslab/text2img',
      params: { prompt: 'a fox' },
      seed: 5,
      status: 'failed',
      timings: {},
      error: { kind: 'unknown', message: 'Server error' },
      images: [{ id: 'i1', mime: 'image/png', sourceUrl: 'https://cdn.test/i1.png', stored: true }],
      starred: false,
    });
    const loaded = readJobRecord(v0);
    expect(loaded.ok && loaded.migrated).toBe(true);
  });

  it('upgrades a v1 record to v2: nothing lost, not starred', () => {
    const { starred: _starred, ...rest } = makeJob({ seed: 9, cost: 0.02, compareGroupId: 'g', images: [{ id: 'a', mime: 'image/png', stored: true }] });
    const v1 = { ...rest, version: 1 };
    const loaded = readJobRecord(v1);
    expect(loaded).toEqual({ ok: true, job: { ...v1, version: 2, starred: false }, migrated: true });
  });

  it('leaves current records alone', () => {
    const job = makeJob();
    expect(migrate(job)).toBe(job);
    expect(readJobRecord(job)).toEqual({ ok: true, job, migrated: false });
  });

  it('reports future versions and invalid records instead of throwing', () => {
    expect(readJobRecord({ ...makeJob(), version: JOB_RECORD_VERSION + 1 })).toMatchObject({ ok: false, reason: 'future-version' });
    expect(readJobRecord({ ...makeJob(), status: 'weird' })).toMatchObject({ ok: false, reason: 'invalid', detail: expect.stringMatching(/^status/) });
    expect(readJobRecord({ ...v0, state: 'weird' })).toMatchObject({ ok: false, reason: 'invalid', id: 'v0-job' });
    expect(readJobRecord(null)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(readJobRecord('text')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(readJobRecord({ ...makeJob(), createdAt: Number.NaN })).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('drops fields the schema does not know', () => {
    const loaded = readJobRecord({ ...makeJob(), surprise: 1 });
    expect(loaded.ok && 'surprise' in loaded.job).toBe(false);
  });
});
