/**
 * The main thread's memory of the content keys (worker-memo.ts's `contentKey`) the image Worker
 * found for the Blobs it was sent. A Blob's bytes never change, and the playground sends the same
 * Blob object again and again (the chosen file, held by local-images.ts; the exported mask), so
 * the key learnt from one answer (the probe's, prepare's, the mask box's) goes with the next
 * request for that Blob, and the Worker finds its kept picture and mask window without reading
 * and hashing the whole file again (a 26 MB photo: a copy and about 0.2 s). Pure.
 */

/** The keys a request carries or an answer reports, by the name of the request's field holding the Blob. */
export type BlobKeys = Partial<Record<'image' | 'mask' | 'original', string>>;

export class KeyHints {
  private readonly keys = new WeakMap<Blob, string>();

  /** The request with the keys known for its Blobs (the request itself when none is known). */
  hint<R extends object>(request: R): R & { keys?: BlobKeys } {
    const keys: BlobKeys = {};
    let any = false;
    for (const field of ['image', 'mask', 'original'] as const) {
      const blob = (request as Record<string, unknown>)[field];
      const key = blob instanceof Blob ? this.keys.get(blob) : undefined;
      if (key) {
        keys[field] = key;
        any = true;
      }
    }
    return any ? { ...request, keys } : request;
  }

  /** Remembers the keys an answer reports for the request's Blobs. */
  learn(request: object, reported: BlobKeys | undefined): void {
    if (!reported) return;
    for (const [field, key] of Object.entries(reported) as Array<[keyof BlobKeys, string | undefined]>) {
      const blob = (request as Record<string, unknown>)[field];
      if (blob instanceof Blob && key && keyFits(blob, key)) this.keys.set(blob, key);
    }
  }
}

/** Whether `key` can be a key of `blob`'s bytes: a key starts with the byte length (a cheap guard against a mix-up). */
export function keyFits(blob: Blob, key: string | undefined): key is string {
  return !!key && key.startsWith(`${blob.size}:`);
}
