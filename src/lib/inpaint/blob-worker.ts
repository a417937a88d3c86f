/**
 * The Worker behind blob-client.ts: decoding, cropping, scaling, stitching and encoding of whole
 * images, off the main thread.
 */
import { blobTransferables, handleBlobRequest } from './blob-ops';
import type { BlobPartial, BlobRequest } from './blob-ops';
import { canvasScaler } from './canvas-scaler';
import { pureScaler } from './stitch-protocol';

self.addEventListener('message', (event: MessageEvent<{ id: number; request: BlobRequest }>) => {
  const { id, request } = event.data;
  const progress = (text: string) => self.postMessage({ id, progress: text });
  const partial = (part: BlobPartial) => self.postMessage({ id, partial: part });
  handleBlobRequest(request, canvasScaler ?? pureScaler, progress, partial).then(
    (response) => self.postMessage({ id, response }, { transfer: blobTransferables(response) }),
    (error: unknown) => self.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
