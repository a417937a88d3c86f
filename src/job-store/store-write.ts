/**
 * The store's writes: each one readwrite transaction that lands whole or not at all (a failure
 * aborts it, and a full disk is reported as StorageFullError); every record written is
 * scrubbed of keys, refused when a key-like field still holds one, and has its large inputs
 * moved to the inputs store.
 */
import type { IDBPTransaction } from 'idb';
import type { ALL_STORES, GalleryDB, GalleryDatabase, StoredJob } from './db';
import { extractInputs, inputIdPrefix } from './inputs';
import { jobRecordSchema } from './job-record';
import type { JobRecord } from './job-record';
import { assertNoKey } from './key-guard';
import { readJobRecord } from './migrate';
import { sanitizeRecord } from './secret-scrub';
import { StorageFullError, toStorageError } from './storage-errors';

export type StoreName = (typeof ALL_STORES)[number];
export type WriteTx = IDBPTransaction<GalleryDB, StoreName[], 'readwrite'>;

export function invalidRecord(detail: string): TypeError {
  return new TypeError(`Not a valid job record: ${detail}`);
}

export function validate(job: unknown): JobRecord {
  const parsed = jobRecordSchema.safeParse(job);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalidRecord(`${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`);
}

export interface StoreWriterDeps {
  db: () => Promise<GalleryDatabase>;
  /** The keys scrubbed out of every record. */
  secrets: () => readonly string[];
  /** Told after every write: the StorageFullError it met, or null when it landed. */
  onStorageFull: (error: StorageFullError | null) => void;
}

export function createStoreWriter({ db, secrets, onStorageFull }: StoreWriterDeps) {
  /** Runs `body` in one readwrite transaction; on any failure the whole transaction is rolled back. */
  async function write<T>(stores: StoreName[], body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const tx = (await db()).transaction(stores, 'readwrite');
    const done = tx.done;
    done.catch(() => undefined); // awaited below; this only keeps an abort from being reported as unhandled
    try {
      const result = await body(tx);
      await done;
      onStorageFull(null);
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already committed or aborted
      }
      const mapped = toStorageError(error, tx);
      if (mapped instanceof StorageFullError) onStorageFull(mapped);
      throw mapped;
    }
  }

  /** Validates, refuses keys, moves large inputs out, and writes the record (inside `tx`). */
  async function putInTx(tx: WriteTx, given: JobRecord): Promise<JobRecord> {
    const job = sanitizeRecord(given, secrets());
    assertNoKey(job);
    const { params, inputs, referenced, copies } = extractInputs(job.id, job.params);
    const inputStore = tx.objectStore('inputs');
    for (const [to, from] of copies) {
      const blob = await inputStore.get(from);
      if (blob) inputs.set(to, blob);
    }
    const prefix = inputIdPrefix(job.id);
    const existing = await inputStore.getAllKeys(IDBKeyRange.bound(prefix, `${prefix}\uffff`));
    for (const id of existing) if (!referenced.has(id)) await inputStore.delete(id);
    for (const [id, blob] of inputs) await inputStore.put(blob, id);
    const record = { ...job, params };
    await tx.objectStore('jobs').put(record as StoredJob);
    return record;
  }

  async function readForUpdate(tx: WriteTx, id: string): Promise<JobRecord> {
    const raw = await tx.objectStore('jobs').get(id);
    if (!raw) throw new Error(`There is no job ${id} in the gallery.`);
    const loaded = readJobRecord(raw);
    if (!loaded.ok) throw new Error(`Job ${id} cannot be changed by this version of the app (${loaded.detail}); it was left as it is.`);
    return loaded.job;
  }

  return { write, putInTx, readForUpdate };
}

export type StoreWriter = ReturnType<typeof createStoreWriter>;
