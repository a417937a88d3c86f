/** The IndexedDB database behind the gallery: its name, stores and indexes. */
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';

export const GALLERY_DB_NAME = 'image-playground';
/** The database schema version (stores and indexes), not the record version. */
export const GALLERY_DB_VERSION = 1;

/**
 * A stored job, as it is on disk: any record version, checked on load.
 * Typed loosely on purpose (see readJobRecord).
 */
export type StoredJob = Record<string, unknown> & { id: string };

export interface GalleryDB extends DBSchema {
  jobs: {
    key: string;
    value: StoredJob;
    indexes: {
      createdAt: number;
      provider: string;
      endpointId: string;
      status: string;
      compareGroupId: string;
    };
  };
  /** Full image Blobs by image id. */
  images: { key: string; value: Blob };
  /** Thumbnail Blobs (about 256 px on the long side) by image id. */
  thumbs: { key: string; value: Blob };
  /** Large inputs (init images, masks) by input id `<jobId>/<param path>`. */
  inputs: { key: string; value: Blob };
}

export type GalleryDatabase = IDBPDatabase<GalleryDB>;

export const ALL_STORES = ['jobs', 'images', 'thumbs', 'inputs'] as const;

/**
 * Opens (and creates or upgrades) the database. `onGone` runs when this
 * connection closes itself: a newer version of the app in another tab needs
 * to upgrade, or the browser dropped the connection; open again on next use.
 */
export async function openGalleryDb(name = GALLERY_DB_NAME, onGone?: () => void): Promise<GalleryDatabase> {
  const db: GalleryDatabase = await openDB<GalleryDB>(name, GALLERY_DB_VERSION, {
    blocking() {
      db.close();
      onGone?.();
    },
    terminated() {
      onGone?.();
    },
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const jobs = db.createObjectStore('jobs', { keyPath: 'id' });
        jobs.createIndex('createdAt', 'createdAt');
        jobs.createIndex('provider', 'provider');
        jobs.createIndex('endpointId', 'endpointId');
        jobs.createIndex('status', 'status');
        jobs.createIndex('compareGroupId', 'compareGroupId');
        db.createObjectStore('images');
        db.createObjectStore('thumbs');
        db.createObjectStore('inputs');
      }
    },
  });
  return db;
}
