/** The Worker behind read-client.ts: every metadata read, with its limits, off the main thread. */
import { readImageMetadata } from './image-metadata';

self.addEventListener('message', (event: MessageEvent<{ id: number; bytes: Uint8Array }>) => {
  const { id, bytes } = event.data;
  readImageMetadata(bytes).then(
    (read) => self.postMessage({ id, read }),
    (error: unknown) => self.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
