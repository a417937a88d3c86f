/**
 * Object URLs for stored images, shared and counted: one URL per image and
 * kind however many components show it, revoked when the last one stops.
 * The grid mounts and unmounts thousands of tiles while scrolling; without
 * this, every visit to a tile would leak a URL (and its decoded Blob).
 * A few unused URLs per kind stay in a small LRU (`keep`), revoked when evicted: reopening the
 * gallery or scrolling back shows them again without reading IndexedDB.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { sniffImageMime } from '../providers/shared/base64';
import { galleryStore } from './store';

export type ObjectUrlKind = 'thumb' | 'full';

export interface ObjectUrlSnapshot {
  status: 'idle' | 'loading' | 'ready' | 'missing' | 'error';
  url?: string;
}

export interface ObjectUrlCacheDeps {
  load(imageId: string, kind: ObjectUrlKind): Promise<Blob | undefined>;
  create(blob: Blob): string;
  revoke(url: string): void;
  /**
   * When to tell the holders that URLs are ready (default: at once). The app batches them per
   * animation frame: while scrolling fast, dozens of thumbnails arrive within a frame, one
   * IndexedDB answer each, and each would re-render its tile on its own.
   */
  schedule?(flush: () => void): void;
}

interface Entry {
  refs: number;
  snapshot: ObjectUrlSnapshot;
  listeners: Set<{ notify: () => void }>;
  dropped: boolean;
}

const IDLE: ObjectUrlSnapshot = Object.freeze({ status: 'idle' });
const LOADING: ObjectUrlSnapshot = Object.freeze({ status: 'loading' });

/** How many unused URLs of each kind the cache keeps (least recently used evicted first). */
export type ObjectUrlKeep = Partial<Record<ObjectUrlKind, number>>;

export function createObjectUrlCache(deps: ObjectUrlCacheDeps, keep: ObjectUrlKeep = {}) {
  const entries = new Map<string, Entry>();
  /** Unused ready entries per kind, oldest first (a Map keeps insertion order). */
  const parked: Record<ObjectUrlKind, Map<string, Entry>> = { thumb: new Map(), full: new Map() };
  let live = 0;

  const keyOf = (imageId: string, kind: ObjectUrlKind) => `${kind}:${imageId}`;

  const due = new Set<{ notify: () => void }>();
  let flushing = false;
  const flush = () => {
    flushing = false;
    const listeners = [...due];
    due.clear();
    for (const l of listeners) l.notify();
  };
  const set = (entry: Entry, snapshot: ObjectUrlSnapshot) => {
    entry.snapshot = snapshot;
    if (!deps.schedule) {
      for (const l of [...entry.listeners]) l.notify();
      return;
    }
    for (const l of entry.listeners) due.add(l);
    if (!flushing && due.size) {
      flushing = true;
      deps.schedule(flush);
    }
  };

  const drop = (key: string, entry: Entry) => {
    entry.dropped = true;
    entries.delete(key);
    if (entry.snapshot.url) {
      deps.revoke(entry.snapshot.url);
      live--;
    }
  };

  /** No one holds `entry`: keep it in its kind's LRU if it has a URL and room, else drop it. */
  const park = (key: string, kind: ObjectUrlKind, entry: Entry) => {
    const limit = keep[kind] ?? 0;
    if (limit <= 0 || entry.snapshot.status !== 'ready') return drop(key, entry);
    const lru = parked[kind];
    lru.delete(key);
    lru.set(key, entry);
    for (const [oldKey, old] of lru) {
      if (lru.size <= limit) break;
      lru.delete(oldKey);
      drop(oldKey, old);
    }
  };

  return {
    /** Holds a reference until the returned release runs; `onChange` hears when the URL is ready. */
    acquire(imageId: string, kind: ObjectUrlKind, onChange: () => void = () => undefined): () => void {
      const key = keyOf(imageId, kind);
      let entry = entries.get(key);
      parked[kind].delete(key);
      if (!entry) {
        const created: Entry = { refs: 0, snapshot: LOADING, listeners: new Set(), dropped: false };
        entry = created;
        entries.set(key, created);
        deps.load(imageId, kind).then(
          (blob) => {
            if (created.dropped) return;
            // Everyone left while it loaded (a fast scroll): no URL unless the LRU keeps one.
            if (created.refs === 0 && (!blob || !(keep[kind] ?? 0))) return drop(key, created);
            if (!blob) return set(created, { status: 'missing' });
            live++;
            set(created, { status: 'ready', url: deps.create(blob) });
            if (created.refs === 0) park(key, kind, created);
          },
          () => {
            if (!created.dropped) set(created, { status: 'error' });
          },
        );
      }
      const held = entry;
      const listener = { notify: onChange };
      held.refs++;
      held.listeners.add(listener);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.listeners.delete(listener);
        due.delete(listener);
        held.refs--;
        if (held.refs > 0) return;
        // A component remounting in the same commit takes the URL back before this runs.
        queueMicrotask(() => {
          if (held.refs === 0 && !held.dropped) park(key, kind, held);
        });
      };
    },

    snapshot(imageId: string, kind: ObjectUrlKind): ObjectUrlSnapshot {
      return entries.get(keyOf(imageId, kind))?.snapshot ?? LOADING;
    },

    /** Object URLs created and not yet revoked (held ones and the LRU's). */
    liveCount(): number {
      return live;
    },

    /** Unused URLs kept in the LRU, per kind. */
    keptCount(kind: ObjectUrlKind): number {
      return parked[kind].size;
    },
  };
}

export type ObjectUrlCache = ReturnType<typeof createObjectUrlCache>;

/**
 * The Blob re-typed by its magic bytes, so an object URL is never created for a
 * stored type that could run script (an SVG or HTML kept by an older version).
 */
export async function asSniffedImage(blob: Blob | undefined): Promise<Blob | undefined> {
  if (!blob) return undefined;
  const mime = sniffImageMime(new Uint8Array(await blob.slice(0, 64).arrayBuffer()));
  if (!mime) throw new Error('The stored file is not an image; it is not shown.');
  return blob.type === mime ? blob : new Blob([blob], { type: mime });
}

let appCache: ObjectUrlCache | undefined;

/**
 * Unused URLs the app keeps: thumbnails for a few screens of the gallery (a WebP thumbnail is a
 * few KB), the last full images the detail dialog showed.
 */
export const KEEP_UNUSED: Readonly<Required<ObjectUrlKeep>> = { thumb: 400, full: 4 };

function cache(): ObjectUrlCache {
  appCache ??= createObjectUrlCache({
    async load(imageId, kind) {
      const store = galleryStore();
      if (kind === 'full') return asSniffedImage(await store.getImageBlob(imageId));
      // No thumbnail (the browser could not make one): show the image itself.
      return asSniffedImage((await store.getThumbBlob(imageId)) ?? (await store.getImageBlob(imageId)));
    },
    create: (blob) => URL.createObjectURL(blob),
    revoke: (url) => URL.revokeObjectURL(url),
    schedule: (flush) => requestAnimationFrame(flush),
  }, KEEP_UNUSED);
  return appCache;
}

/**
 * Whether the image's URL is ready now (held, or kept in the LRU): showing it costs no
 * IndexedDB read and no new URL, so the grid shows it even while scrolling fast.
 */
export function hasObjectUrl(imageId: string, kind: ObjectUrlKind): boolean {
  return appCache?.snapshot(imageId, kind).status === 'ready';
}

/** How many object URLs the app holds right now (for the benchmark and leak checks). */
export function liveObjectUrlCount(): number {
  return appCache?.liveCount() ?? 0;
}

const noop = () => undefined;

/** The stored image's object URL and its loading state; `imageId` undefined: nothing to show. */
export function useObjectUrlState(imageId: string | undefined, kind: ObjectUrlKind): ObjectUrlSnapshot {
  const subscribe = useCallback(
    (onChange: () => void) => (imageId ? cache().acquire(imageId, kind, onChange) : noop),
    [imageId, kind],
  );
  const getSnapshot = () => (imageId ? cache().snapshot(imageId, kind) : IDLE);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** The stored image's object URL, undefined while loading or when it is not stored. */
export function useObjectUrl(imageId: string | undefined, kind: ObjectUrlKind): string | undefined {
  return useObjectUrlState(imageId, kind).url;
}
