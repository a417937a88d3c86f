/**
 * Old-shape records are written back in the current shape after a read (store-reads.ts), a few
 * hundred to a transaction; one that cannot be written does not hold back the rest.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openGalleryDb } from './db';
import { createGalleryStore } from './store';
import type { GalleryStore } from './store';
import { makeJob } from './test-fixtures';

let store: GalleryStore;
const dbName = 'gallery-write-back-test';

afterEach(async () => {
  await store.close();
  vi.restoreAllMocks();
});

describe('the write-back of upgraded records', () => {
  it('upgrades 600 v1 records in batches; the one holding a key stays as it was, the others do not wait for it', async () => {
    const db = await openGalleryDb(dbName);
    const ids: string[] = [];
    const tx = db.transaction('jobs', 'readwrite');
    for (let i = 0; i < 600; i++) {
      const { starred: _starred, ...job } = makeJob({ createdAt: 1_000 + i, updatedAt: 1_000 + i });
      // Record 300 (in the second batch) holds a key, as a record from an old bug might: never rewritten.
      const params = i === 300 ? { ...job.params, key: 'sk-live-123' } : job.params;
      ids.push(job.id);
      void tx.store.put({ ...job, params, version: 1 });
    }
    await tx.done;
    db.close();

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    store = createGalleryStore({ dbName, makeThumbnail: async (b) => ({ blob: b, width: 1, height: 1 }), channelName: null });
    const written = new Promise<void>((resolve) => store.subscribe((c) => c.type === 'bulk' && resolve()));
    // Every record loads in the current shape at once, before any is written back.
    const jobs = await store.listJobs();
    expect(jobs).toHaveLength(600);
    expect(jobs.every((j) => j.version === 2 && j.starred === false)).toBe(true);
    await written;

    const check = await openGalleryDb(dbName);
    const stored = await check.getAll('jobs');
    check.close();
    const versions = new Map(stored.map((r) => [r.id, (r as unknown as { version: number }).version]));
    expect(ids.filter((id) => versions.get(id) !== 2)).toEqual([ids[300]]);
    expect(versions.get(ids[300]!)).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain(ids[300]);
  });
});
