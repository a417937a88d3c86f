/**
 * The store's record writes: put, update, delete and clear, each one transaction (store-write.ts),
 * each told to the change feed once it has landed.
 */
import type { GalleryChange } from './change-feed';
import { ALL_STORES } from './db';
import { inputIdPrefix } from './inputs';
import type { JobRecord } from './job-record';
import { assertNoKey } from './key-guard';
import { isPlainObject } from './migrate';
import { sanitizeRecord } from './secret-scrub';
import { validate } from './store-write';
import type { StoreWriter } from './store-write';

export type JobPatch = Partial<Omit<JobRecord, 'id' | 'version'>>;
export type JobUpdate = JobPatch | ((job: JobRecord) => JobRecord);

export interface JobWriteDeps {
  writer: StoreWriter;
  secrets: () => readonly string[];
  now: () => number;
  notify: (change: GalleryChange) => void;
}

/** The image ids a stored record names (any record version). */
function imageIdsOf(raw: unknown): string[] {
  const images = isPlainObject(raw) && Array.isArray(raw.images) ? raw.images : [];
  return images.flatMap((image) => (isPlainObject(image) && typeof image.id === 'string' ? [image.id] : []));
}

export function createJobWrites({ writer, secrets, now, notify }: JobWriteDeps) {
  const { write, putInTx, readForUpdate } = writer;
  return {
    /** Saves a whole record (create or replace). Call it before the request leaves, and at every change. */
    async putJob(given: JobRecord): Promise<JobRecord> {
      const job = sanitizeRecord(given, secrets());
      assertNoKey(job);
      const valid = validate(job);
      const stored = await write(['jobs', 'inputs'], (tx) => putInTx(tx, valid));
      notify({ type: 'put', id: valid.id });
      return stored;
    },

    /** Changes a record in one transaction. A patch also sets updatedAt; a function gets the stored record (inputs as refs). */
    async updateJob(id: string, update: JobUpdate): Promise<JobRecord> {
      const stored = await write(['jobs', 'inputs'], async (tx) => {
        const current = await readForUpdate(tx, id);
        const next =
          typeof update === 'function'
            ? update(current)
            : { ...current, updatedAt: Math.max(now(), current.updatedAt), ...update };
        const changedAt = next.updatedAt === current.updatedAt ? Math.max(now(), current.updatedAt) : next.updatedAt;
        return putInTx(tx, validate({ ...next, id, updatedAt: changedAt }));
      });
      notify({ type: 'put', id });
      return stored;
    },

    /**
     * Deletes the job with its inputs and the images and thumbnails no other job names (records an
     * earlier version imported may share an image id), even a record this version cannot read.
     */
    async deleteJob(id: string): Promise<void> {
      await write([...ALL_STORES], async (tx) => {
        const raw = await tx.objectStore('jobs').get(id);
        const doomed = new Set(imageIdsOf(raw));
        if (doomed.size > 0) {
          for (let cursor = await tx.objectStore('jobs').openCursor(); cursor && doomed.size > 0; cursor = await cursor.continue()) {
            if (cursor.primaryKey !== id) for (const used of imageIdsOf(cursor.value)) doomed.delete(used);
          }
        }
        for (const imageId of doomed) {
          await tx.objectStore('images').delete(imageId);
          await tx.objectStore('thumbs').delete(imageId);
        }
        const prefix = inputIdPrefix(id);
        await tx.objectStore('inputs').delete(IDBKeyRange.bound(prefix, `${prefix}\uffff`));
        await tx.objectStore('jobs').delete(id);
      });
      notify({ type: 'delete', id });
    },

    async clearAll(): Promise<void> {
      await write([...ALL_STORES], async (tx) => {
        await Promise.all(ALL_STORES.map((name) => tx.objectStore(name).clear()));
      });
      notify({ type: 'clear' });
    },
  };
}
