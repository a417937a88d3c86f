/** The Worker behind zip-client.ts: a gallery zip inflated, under its caps, off the main thread. */
import { readGalleryZip } from './zip-gallery';
import type { ZipLimits } from './zip-read';

self.addEventListener('message', (event: MessageEvent<{ bytes: Uint8Array; name: string; limits?: ZipLimits }>) => {
  const { bytes, name, limits } = event.data;
  try {
    const read = readGalleryZip(bytes, name, limits);
    const buffers = [...new Set(Object.values(read.files).map((f) => f.buffer as ArrayBuffer))];
    self.postMessage({ read }, { transfer: buffers });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
