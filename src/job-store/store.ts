/**
 * The gallery's persistence: job records, image and thumbnail Blobs and large
 * inputs in IndexedDB. Every write is one transaction: it all lands or none of
 * it does (store-write.ts; the image writes are in store-images.ts). Records are
 * validated (and migrated) on every load.
 */
import { createBlobReader } from './blob-reader';
import { createChangeFeed } from './change-feed';
import type { ChangeListener, GalleryChange } from './change-feed';
import { ALL_STORES, GALLERY_DB_NAME, openGalleryDb } from './db';
import type { GalleryDatabase } from './db';
import { inputIdPrefix, restoreInputs } from './inputs';
import type { JobRecord } from './job-record';
import type { JobFilter, ListJobsOptions } from './job-query';
import { readFacets, readJobs } from './job-scan';
import type { GalleryFacets, JobScan } from './job-scan';
import { configuredSecrets } from '../api/settings-store';
import { assertNoKey } from './key-guard';
import { isPlainObject, readJobRecord } from './migrate';
import { sanitizeRecord } from './secret-scrub';
import type { StorageFullError } from './storage-errors';
import { createImageWrites } from './store-images';
import { createStoreWriter, validate } from './store-write';
import { makeThumbnailInBrowser } from './thumbnail';
import type { ThumbnailMaker } from './thumbnail';

export type JobPatch = Partial<Omit<JobRecord, 'id' | 'version'>>;
export type JobUpdate = JobPatch | ((job: JobRecord) => JobRecord);

export interface GalleryStoreOptions {
  dbName?: string;
  /** Thumbnail maker; the default uses createImageBitmap and OffscreenCanvas. */
  makeThumbnail?: ThumbnailMaker;
  /** BroadcastChannel name for other tabs; null for none. */
  channelName?: string | null;
  now?: () => number;
  newId?: () => string;
  /** The keys scrubbed out of every record before it is stored; the default reads Settings (live and sandbox keys). */
  secrets?: () => readonly string[];
}

/** The image ids a stored record names (any record version). */
function imageIdsOf(raw: unknown): string[] {
  const images = isPlainObject(raw) && Array.isArray(raw.images) ? raw.images : [];
  return images.flatMap((image) => (isPlainObject(image) && typeof image.id === 'string' ? [image.id] : []));
}

export function createGalleryStore(options: GalleryStoreOptions = {}) {
  const dbName = options.dbName ?? GALLERY_DB_NAME;
  const makeThumbnail = options.makeThumbnail ?? makeThumbnailInBrowser;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const secrets = options.secrets ?? configuredSecrets;
  const feed = createChangeFeed(options.channelName === undefined ? `${dbName}:gallery` : options.channelName);

  let dbPromise: Promise<GalleryDatabase> | undefined;
  let storageFull: StorageFullError | null = null;

  const db = (): Promise<GalleryDatabase> => {
    dbPromise ??= openGalleryDb(dbName, () => {
      dbPromise = undefined;
    }).catch((error: unknown) => {
      dbPromise = undefined;
      throw error;
    });
    return dbPromise;
  };

  const setStorageFull = (value: StorageFullError | null) => {
    if (value === storageFull) return;
    storageFull = value;
    feed.notify({ type: 'storage' });
  };

  function notify(change: GalleryChange) {
    feed.notify(change);
  }

  const writer = createStoreWriter({ db, secrets, onStorageFull: setStorageFull });
  const { write, putInTx, readForUpdate } = writer;
  const images = createImageWrites({ writer, makeThumbnail, now, newId, notify });

  const upgrading = new Set<string>();

  /**
   * Old-shape records that loaded fine are written back in the current shape,
   * so the indexes see them. One transaction each: one that cannot be written
   * (say, it holds a key) does not hold back the others.
   */
  function writeBack(jobs: JobRecord[]) {
    const todo = jobs.filter((job) => !upgrading.has(job.id));
    if (todo.length === 0) return;
    todo.forEach((job) => upgrading.add(job.id));
    const one = (job: JobRecord) =>
      write(['jobs', 'inputs'], async (tx) => {
        const raw = await tx.objectStore('jobs').get(job.id);
        if (!raw || raw.version === job.version) return false; // changed meanwhile
        await putInTx(tx, job);
        return true;
      }).catch((error: unknown) => {
        console.warn(`gallery: could not upgrade old record ${job.id}`, error);
        return false;
      });
    void Promise.all(todo.map(one)).then((results) => {
      todo.forEach((job) => upgrading.delete(job.id));
      if (results.some(Boolean)) notify({ type: 'bulk' });
    });
  }

  async function scanJobs(opts: ListJobsOptions = {}): Promise<JobScan> {
    const { jobs, skipped, upgraded } = await readJobs(await db(), opts, blobs.idle);
    writeBack(upgraded);
    return { jobs, skipped };
  }

  /**
   * Blob reads asked for in the same tick share one transaction: a screen of
   * thumbnails mounting together is one read, not thirty.
   */
  const blobs = createBlobReader(db);

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

    async getJob(id: string): Promise<JobRecord | undefined> {
      const raw = await (await db()).get('jobs', id);
      const loaded = readJobRecord(raw);
      return raw !== undefined && loaded.ok ? loaded.job : undefined;
    },

    scanJobs,

    /** Newest first. */
    async listJobs(opts: ListJobsOptions = {}): Promise<JobRecord[]> {
      return (await scanJobs(opts)).jobs;
    },

    async countJobs(filter: JobFilter = {}): Promise<number> {
      return (await scanJobs({ ...filter, limit: undefined, before: undefined })).jobs.length;
    },

    /** The distinct providers, endpoints and statuses in the store (for filter menus). */
    async listFacets(): Promise<GalleryFacets> {
      return readFacets(await db());
    },

    /** The record's params with stored inputs turned back into data URLs (for reuse in the form). */
    async loadParams(job: Pick<JobRecord, 'params'>): Promise<Record<string, unknown>> {
      const database = await db();
      return restoreInputs(job.params, (id) => database.get('inputs', id));
    },

    saveImage: images.saveImage,
    saveImageLink: images.saveImageLink,
    importJob: images.importJob,
    importJobs: images.importJobs,

    /** A stored input (init image, mask) by its id, as referenced from a record's params. */
    getInputBlob(inputId: string): Promise<Blob | undefined> {
      return db().then((d) => d.get('inputs', inputId));
    },

    getImageBlob(imageId: string): Promise<Blob | undefined> {
      return blobs.get('images', imageId);
    },

    getThumbBlob(imageId: string): Promise<Blob | undefined> {
      return blobs.get('thumbs', imageId);
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

    /** Asks the browser not to evict the gallery under storage pressure. */
    async requestPersistence(): Promise<boolean> {
      const storage = globalThis.navigator?.storage;
      if (!storage?.persist) return false;
      if (storage.persisted && (await storage.persisted())) return true;
      return storage.persist();
    },

    async storageEstimate(): Promise<{ usage?: number; quota?: number } | undefined> {
      const storage = globalThis.navigator?.storage;
      if (!storage?.estimate) return undefined;
      const { usage, quota } = await storage.estimate();
      return { usage, quota };
    },

    /** The last write failed for lack of space (cleared by the next successful write or delete). */
    storageFull(): StorageFullError | null {
      return storageFull;
    },

    /** Listens to changes here and in other tabs; returns the unsubscribe function. */
    subscribe(listener: ChangeListener): () => void {
      return feed.subscribe(listener);
    },

    async close(): Promise<void> {
      const pending = dbPromise;
      dbPromise = undefined;
      if (pending) (await pending).close();
    },
  };
}

export type GalleryStore = ReturnType<typeof createGalleryStore>;

let defaultStore: GalleryStore | undefined;

/** The app's store (database `image-playground`, browser thumbnails). */
export function galleryStore(): GalleryStore {
  defaultStore ??= createGalleryStore();
  return defaultStore;
}

export const putJob: GalleryStore['putJob'] = (job) => galleryStore().putJob(job);
export const updateJob: GalleryStore['updateJob'] = (id, update) => galleryStore().updateJob(id, update);
export const getJob: GalleryStore['getJob'] = (id) => galleryStore().getJob(id);
export const listJobs: GalleryStore['listJobs'] = (opts) => galleryStore().listJobs(opts);
export const scanJobs: GalleryStore['scanJobs'] = (opts) => galleryStore().scanJobs(opts);
export const countJobs: GalleryStore['countJobs'] = (filter) => galleryStore().countJobs(filter);
export const listFacets: GalleryStore['listFacets'] = () => galleryStore().listFacets();
export const loadParams: GalleryStore['loadParams'] = (job) => galleryStore().loadParams(job);
export const saveImage: GalleryStore['saveImage'] = (jobId, input) => galleryStore().saveImage(jobId, input);
export const saveImageLink: GalleryStore['saveImageLink'] = (jobId, input) => galleryStore().saveImageLink(jobId, input);
export const getImageBlob: GalleryStore['getImageBlob'] = (id) => galleryStore().getImageBlob(id);
export const getThumbBlob: GalleryStore['getThumbBlob'] = (id) => galleryStore().getThumbBlob(id);
export const deleteJob: GalleryStore['deleteJob'] = (id) => galleryStore().deleteJob(id);
export const clearAll: GalleryStore['clearAll'] = () => galleryStore().clearAll();
export const requestPersistence: GalleryStore['requestPersistence'] = () => galleryStore().requestPersistence();
export const storageEstimate: GalleryStore['storageEstimate'] = () => galleryStore().storageEstimate();
export const subscribe: GalleryStore['subscribe'] = (listener) => galleryStore().subscribe(listener);
