/**
 * The Worker behind blob-client.ts: decoding, cropping, scaling, stitching and encoding of whole
 * images, off the main thread.
 */
import { blobTransferables, handleBlobRequest } from './blob-ops';
import type { BlobRequest } from './blob-ops';
import { canvasScaler } from './canvas-scaler';
import { pureScaler } from './stitch-protocol';

self.addEventListener('message', (event: MessageEvent<{ id: number; request: BlobRequest }>) => {
  const { id, request } = event.data;
  const progress = (text: string) => self.postMessage({ id, progress: text });
  handleBlobRequest(request, canvasScaler ?? pureScaler, progress).then(
    (response) => self.postMessage({ id, response }, { transfer: blobTransferables(response) }),
    (error: unknown) => self.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
