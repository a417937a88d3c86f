/**
 * Reads image and thumbnail Blobs. Reads asked for in the same tick share one
 * transaction (a screen of thumbnails mounting together is one read, not
 * thirty), and `idle()` tells a long read of job records when to go on, so
 * the thumbnails on screen come first.
 */
import type { GalleryDatabase } from './db';

type BlobStore = 'images' | 'thumbs';
type Waiter = { resolve(blob: Blob | undefined): void; reject(error: unknown): void };

export function createBlobReader(db: () => Promise<GalleryDatabase>) {
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];
  const pending = new Map<BlobStore, Map<string, Waiter[]>>();

  const finished = () => {
    if (--inFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  };

  const flush = async (storeName: BlobStore, batch: Map<string, Waiter[]>) => {
    inFlight++;
    try {
      const tx = (await db()).transaction(storeName);
      await Promise.all(
        [...batch].map(async ([id, waiters]) => {
          const blob = await tx.store.get(id);
          for (const w of waiters) w.resolve(blob);
        }),
      );
    } catch (error) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
    } finally {
      finished();
    }
  };

  return {
    get(storeName: BlobStore, id: string): Promise<Blob | undefined> {
      return new Promise((resolve, reject) => {
        let batch = pending.get(storeName);
        if (!batch) {
          const fresh = new Map<string, Waiter[]>();
          batch = fresh;
          pending.set(storeName, fresh);
          queueMicrotask(() => {
            pending.delete(storeName);
            void flush(storeName, fresh);
          });
        }
        const waiters = batch.get(id) ?? [];
        waiters.push({ resolve, reject });
        batch.set(id, waiters);
      });
    },

    /** Resolves once no blob read is in flight, or after `maxWaitMs` (so steady scrolling cannot starve a list read). */
    idle(maxWaitMs = 100): Promise<void> {
      if (inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, maxWaitMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
