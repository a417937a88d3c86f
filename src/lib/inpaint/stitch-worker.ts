/**
 * The stitch Worker: crops, scales and stitches off the main thread. Scaling uses an
 * OffscreenCanvas (the browser's own high-quality filter) when the Worker has one and the
 * image is opaque (a canvas stores premultiplied alpha), else the pure resampler.
 * Start it with runInWorker (stitch-client.ts).
 */
import { canvasScaler } from './canvas-scaler';
import { handleStitchRequest, pureScaler, transferablesOf } from './stitch-protocol';
import type { WorkerRequestMessage, WorkerResponseMessage } from './stitch-protocol';

self.addEventListener('message', (event: MessageEvent<WorkerRequestMessage>) => {
  const { id, request, scaler } = event.data;
  const chosen = scaler === 'pure' || !canvasScaler ? pureScaler : canvasScaler;
  handleStitchRequest(request, chosen).then(
    (response) => {
      const message: WorkerResponseMessage = { id, response };
      self.postMessage(message, { transfer: transferablesOf(response) });
    },
    (error: unknown) => {
      const message: WorkerResponseMessage = {
        id,
        error: error instanceof Error ? error.message : String(error),
        original: request.original,
        originalMask: request.mask,
      };
      self.postMessage(message, { transfer: transferablesOf(message) });
    },
  );
});
