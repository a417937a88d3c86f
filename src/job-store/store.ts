/**
 * The gallery's persistence: job records, image and thumbnail Blobs and large
 * inputs in IndexedDB. Every write is one transaction: it all lands or none of
 * it does (store-write.ts; the record writes are in store-jobs.ts, the image
 * writes in store-images.ts). Records are validated (and migrated) on every
 * load (store-reads.ts).
 */
import { createChangeFeed } from './change-feed';
import type { ChangeListener, GalleryChange } from './change-feed';
import { GALLERY_DB_NAME, openGalleryDb } from './db';
import type { GalleryDatabase } from './db';
import { configuredSecrets } from '../api/settings-store';
import type { StorageFullError } from './storage-errors';
import { createImageWrites } from './store-images';
import { createJobWrites } from './store-jobs';
import { createJobReads } from './store-reads';
import { createStoreWriter } from './store-write';
import { makeThumbnailInBrowser } from './thumbnail';
import type { ThumbnailMaker } from './thumbnail';

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

/** Asks the browser not to evict the gallery under storage pressure. */
async function askPersistence(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return false;
  if (storage.persisted && (await storage.persisted())) return true;
  return storage.persist();
}

async function readStorageEstimate(): Promise<{ usage?: number; quota?: number } | undefined> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.estimate) return undefined;
  const { usage, quota } = await storage.estimate();
  return { usage, quota };
}

export function createGalleryStore(options: GalleryStoreOptions = {}) {
  const dbName = options.dbName ?? GALLERY_DB_NAME;
  const makeThumbnail = options.makeThumbnail ?? makeThumbnailInBrowser;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? (() => crypto.randomUUID());
  const secrets = options.secrets ?? configuredSecrets;
  const feed = createChangeFeed(options.channelName === undefined ? `${dbName}:gallery` : options.channelName);
  const notify = (change: GalleryChange) => feed.notify(change);

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
    notify({ type: 'storage' });
  };

  const writer = createStoreWriter({ db, secrets, onStorageFull: setStorageFull });
  const images = createImageWrites({ writer, makeThumbnail, now, newId, notify });

  return {
    ...createJobWrites({ writer, secrets, now, notify }),
    ...createJobReads({ db, writer, notify }),

    saveImage: images.saveImage,
    saveImageLink: images.saveImageLink,
    importJob: images.importJob,
    importJobs: images.importJobs,
    /** One change notice for writes made quietly (an import's batches): every list re-reads once. */
    announceBulk(): void {
      notify({ type: 'bulk' });
    },

    requestPersistence: askPersistence,
    storageEstimate: readStorageEstimate,

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
