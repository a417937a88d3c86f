/**
 * Reads a gallery zip in a Worker (`zip-worker.ts`), so inflating a large or hostile archive
 * never blocks the page; the caps (`zip-read.ts`: bytes counted while inflating, per entry and
 * per archive) apply there. The bytes are handed over, not copied. Without Workers (Node,
 * tests) it reads in place, under the same caps.
 */
import type { GalleryZip } from './zip-gallery';
import type { ZipLimits } from './zip-read';

export async function readGalleryZipOffThread(bytes: Uint8Array, name: string, limits?: ZipLimits): Promise<GalleryZip> {
  if (typeof Worker !== 'function') {
    const { readGalleryZip } = await import('./zip-gallery');
    return readGalleryZip(bytes, name, limits);
  }
  const worker = new Worker(new URL('./zip-worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<GalleryZip>((resolve, reject) => {
      worker.addEventListener('message', (event: MessageEvent<{ read: GalleryZip } | { error: string }>) => {
        if ('read' in event.data) resolve(event.data.read);
        else reject(new Error(event.data.error));
      });
      worker.addEventListener('error', (event) => reject(new Error(`${name} could not be read (${event.message || 'the reader stopped'})`)));
      worker.postMessage({ bytes, name, limits }, { transfer: [bytes.buffer as ArrayBuffer] });
    });
  } finally {
    worker.terminate();
  }
}
