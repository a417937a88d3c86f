/**
 * The gallery's persistence: job records, image and thumbnail Blobs and large
 * inputs in IndexedDB. Every write is one transaction: it all lands or none of
 * it does. Records are validated (and migrated) on every load.
 */
import type { IDBPTransaction } from 'idb';
import { createBlobReader } from './blob-reader';
import { createChangeFeed } from './change-feed';
import type { ChangeListener, GalleryChange } from './change-feed';
import { ALL_STORES, GALLERY_DB_NAME, openGalleryDb } from './db';
import type { GalleryDB, GalleryDatabase, StoredJob } from './db';
import { extractInputs, inputIdPrefix, restoreInputs } from './inputs';
import { jobRecordSchema, TERMINAL_STATUSES } from './job-record';
import type { JobImage, JobRecord } from './job-record';
import type { JobFilter, ListJobsOptions } from './job-query';
import { readFacets, readJobs } from './job-scan';
import type { GalleryFacets, JobScan } from './job-scan';
import { assertNoKey } from './key-guard';
import { isPlainObject, readJobRecord } from './migrate';
import { StorageFullError, toStorageError } from './storage-errors';
import { makeThumbnailInBrowser } from './thumbnail';
import type { ThumbnailMaker } from './thumbnail';

type StoreName = (typeof ALL_STORES)[number];
type WriteTx = IDBPTransaction<GalleryDB, StoreName[], 'readwrite'>;

export type JobPatch = Partial<Omit<JobRecord, 'id' | 'version'>>;
export type JobUpdate = JobPatch | ((job: JobRecord) => JobRecord);

export interface SaveImageInput {
  blob: Blob;
  mime?: string;
  sourceUrl?: string;
  seed?: number;
  width?: number;
  height?: number;
  /** Refuse (JobClosedError) when the job is already done, failed, cancelled or interrupted. */
  whileOpen?: boolean;
}

export interface SaveImageLinkInput {
  url: string;
  /** Why only the link is kept, in plain words (see CORS_NOTE). */
  note: string;
  mime?: string;
  seed?: number;
  whileOpen?: boolean;
}

/** A finished or cancelled job takes no more images. */
export class JobClosedError extends Error {
  constructor(jobId: string, status: string) {
    super(`Job ${jobId} is ${status}: it takes no more images.`);
    this.name = 'JobClosedError';
  }
}

/** The note for an image the browser refused to download. */
export const CORS_NOTE =
  "The browser was not allowed to download this image (the provider's server does not permit it: CORS), so only the link is kept. Links expire: open or save it soon.";

export interface GalleryStoreOptions {
  dbName?: string;
  /** Thumbnail maker; the default uses createImageBitmap and OffscreenCanvas. */
  makeThumbnail?: ThumbnailMaker;
  /** BroadcastChannel name for other tabs; null for none. */
  channelName?: string | null;
  now?: () => number;
  newId?: () => string;
}

export interface ImportBlobs {
  /** Full images by image id. */
  images: Map<string, Blob>;
  /** Thumbnails by image id; made here when missing. */
  thumbs: Map<string, Blob>;
  /** Inputs by input id. */
  inputs?: Map<string, Blob>;
}

function invalidRecord(detail: string): TypeError {
  return new TypeError(`Not a valid job record: ${detail}`);
}

function validate(job: unknown): JobRecord {
  const parsed = jobRecordSchema.safeParse(job);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalidRecord(`${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`);
}

export function createGalleryStore(options: GalleryStoreOptions = {}) {
  const dbName = options.dbName ?? GALLERY_DB_NAME;
  const makeThumbnail = options.makeThumbnail ?? makeThumbnailInBrowser;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
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

  /** Runs `body` in one readwrite transaction; on any failure the whole transaction is rolled back. */
  async function write<T>(stores: StoreName[], body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const tx = (await db()).transaction(stores, 'readwrite');
    const done = tx.done;
    done.catch(() => undefined); // awaited below; this only keeps an abort from being reported as unhandled
    try {
      const result = await body(tx);
      await done;
      setStorageFull(null);
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already committed or aborted
      }
      const mapped = toStorageError(error, tx);
      if (mapped instanceof StorageFullError) setStorageFull(mapped);
      throw mapped;
    }
  }

  /** Validates, refuses keys, moves large inputs out, and writes the record (inside `tx`). */
  async function putInTx(tx: WriteTx, job: JobRecord): Promise<JobRecord> {
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

  function notify(change: GalleryChange) {
    feed.notify(change);
  }

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

  async function appendImage(jobId: string, image: JobImage, blobs?: { full: Blob; thumb?: Blob }, whileOpen = false) {
    await write(['jobs', 'images', 'thumbs', 'inputs'], async (tx) => {
      const job = await readForUpdate(tx, jobId);
      // Checked in the same transaction as the write: a cancel that lands first wins.
      if (whileOpen && TERMINAL_STATUSES.includes(job.status)) throw new JobClosedError(jobId, job.status);
      if (blobs) {
        await tx.objectStore('images').put(blobs.full, image.id);
        if (blobs.thumb) await tx.objectStore('thumbs').put(blobs.thumb, image.id);
      }
      await putInTx(tx, { ...job, images: [...job.images, image], updatedAt: Math.max(now(), job.updatedAt) });
    });
    notify({ type: 'put', id: jobId });
    return image;
  }

  return {
    /** Saves a whole record (create or replace). Call it before the request leaves, and at every change. */
    async putJob(job: JobRecord): Promise<JobRecord> {
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

    /** Stores the image and its thumbnail and appends it to the job, in one transaction. */
    async saveImage(jobId: string, input: SaveImageInput): Promise<JobImage> {
      let thumb: Awaited<ReturnType<ThumbnailMaker>>;
      try {
        thumb = await makeThumbnail(input.blob);
      } catch {
        thumb = undefined; // undecodable here: the image is kept, the grid shows the full image
      }
      const image: JobImage = {
        id: newId(),
        mime: input.mime || input.blob.type || 'application/octet-stream',
        width: input.width ?? thumb?.width,
        height: input.height ?? thumb?.height,
        seed: input.seed,
        sourceUrl: input.sourceUrl,
        stored: true,
      };
      return appendImage(jobId, image, { full: input.blob, thumb: thumb?.blob }, input.whileOpen);
    },

    /** Keeps only the link (the browser refused the download), with a note saying so. */
    async saveImageLink(jobId: string, input: SaveImageLinkInput): Promise<JobImage> {
      const image: JobImage = {
        id: newId(),
        mime: input.mime ?? '',
        seed: input.seed,
        sourceUrl: input.url,
        stored: false,
        note: input.note,
      };
      return appendImage(jobId, image, undefined, input.whileOpen);
    },

    /**
     * Adds a whole job from an export, with its image, thumbnail and input Blobs, in one
     * transaction; ids are kept. A job already present (by id) is left as it is: 'skipped'.
     * The record is validated and migrated as every load is, and refused when it holds a key.
     */
    async importJob(raw: unknown, blobs: ImportBlobs): Promise<'added' | 'skipped'> {
      const loaded = readJobRecord(raw);
      if (!loaded.ok) throw invalidRecord(loaded.detail);
      const job = loaded.job;
      assertNoKey(job);
      const thumbs = new Map(blobs.thumbs);
      for (const image of job.images) {
        const full = blobs.images.get(image.id);
        if (image.stored && !full) throw invalidRecord(`image ${image.id} is missing`);
        if (full && !thumbs.has(image.id)) {
          const made = await makeThumbnail(full).catch(() => undefined);
          if (made) thumbs.set(image.id, made.blob);
        }
      }
      const result = await write([...ALL_STORES], async (tx) => {
        if (await tx.objectStore('jobs').getKey(job.id)) return 'skipped' as const;
        for (const image of job.images) {
          const full = blobs.images.get(image.id);
          if (!full) continue;
          await tx.objectStore('images').put(full, image.id);
          const thumb = thumbs.get(image.id);
          if (thumb) await tx.objectStore('thumbs').put(thumb, image.id);
        }
        const prefix = inputIdPrefix(job.id);
        for (const [id, blob] of blobs.inputs ?? []) if (id.startsWith(prefix)) await tx.objectStore('inputs').put(blob, id);
        await putInTx(tx, job);
        return 'added' as const;
      });
      if (result === 'added') notify({ type: 'put', id: job.id });
      return result;
    },

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

    /** Deletes the job with its images, thumbnails and inputs (even a record this version cannot read). */
    async deleteJob(id: string): Promise<void> {
      await write([...ALL_STORES], async (tx) => {
        const raw = await tx.objectStore('jobs').get(id);
        const images = raw && Array.isArray(raw.images) ? raw.images : [];
        for (const image of images) {
          if (!isPlainObject(image) || typeof image.id !== 'string') continue;
          await tx.objectStore('images').delete(image.id);
          await tx.objectStore('thumbs').delete(image.id);
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
