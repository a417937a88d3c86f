/**
 * The main thread's side of blob-worker.ts: `runBlobOp(request)` resolves with the Worker's
 * answer. Blobs travel by reference (structured clone), so nothing large is copied here, and
 * no decode, scale or encode runs on the main thread.
 */
import type { Rect } from './types';
import type { BoxRgba } from './mask-box';
import type { BlobPartial, BlobRequest, BlobResponse } from './blob-ops';
import { KeyHints } from './key-hints';
import type { BlobKeys } from './key-hints';

type Answer = { id: number; response: BlobResponse } | { id: number; error: string } | { id: number; progress: string } | { id: number; partial: BlobPartial };
type ResponseOf<R extends BlobRequest> = Extract<BlobResponse, { op: R['op'] extends 'mask-from-file' ? 'mask' : R['op'] }>;

/** Whether this browser can run the image Worker (module Workers with OffscreenCanvas). */
export const canRunBlobOps = typeof Worker === 'function' && typeof OffscreenCanvas === 'function';

let worker: Worker | null = null;
let nextId = 1;
/** The content keys the Worker reported for the Blobs sent to it, sent along with them again. */
const hints = new KeyHints();
const pending = new Map<number, { resolve(r: BlobResponse): void; reject(e: Error): void; progress?(text: string): void; partial?(part: BlobPartial): void }>();

function start(): Worker {
  const w = new Worker(new URL('./blob-worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener('message', (event: MessageEvent<Answer>) => {
    const answer = event.data;
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    if ('progress' in answer) return waiting.progress?.(answer.progress);
    if ('partial' in answer) return waiting.partial?.(answer.partial);
    pending.delete(answer.id);
    if ('error' in answer) waiting.reject(new Error(answer.error));
    else waiting.resolve(answer.response);
  });
  w.addEventListener('error', (event) => {
    for (const p of pending.values()) p.reject(new Error(event.message || 'The image worker failed to run.'));
    pending.clear();
    worker = null;
  });
  return w;
}

/**
 * `progress` hears what the Worker is doing (prepare: "crop 2992×2992 → 1024×1024, encoding");
 * `partial` gets what comes before the answer (the stitch's preview).
 */
export function runBlobOp<R extends BlobRequest>(request: R, progress?: (text: string) => void, partial?: (part: BlobPartial) => void): Promise<ResponseOf<R>> {
  worker ??= start();
  const id = nextId++;
  const w = worker;
  return new Promise((resolve, reject) => {
    const learn = (response: BlobResponse) => {
      hints.learn(request, (response as { keys?: BlobKeys }).keys);
      resolve(response as ResponseOf<R>);
    };
    pending.set(id, { resolve: learn, reject, progress, partial });
    w.postMessage({ id, request: hints.hint(request) });
  });
}

/**
 * Frees what the Worker keeps for the picture being worked on (its decoded bitmap, the last mask
 * window): call when the picture goes. Nothing to do when the Worker never ran.
 */
export async function releaseKeptPictures(): Promise<number> {
  if (!worker) return 0;
  return (await runBlobOp({ op: 'release' })).kept;
}

/**
 * Has the Worker read the painted box of a mask just exported (`box`: its hint), so the job that
 * sends it reads neither the full-size mask nor its PNG again. `pixels`: the box's pixels as the
 * exporter read them from the raster it encoded (mask-box.ts's BoxRgba): then the Worker keeps
 * them and decodes nothing (a 50 MP mask PNG decodes to 200 MB). Nothing when Workers cannot run.
 */
export function readMaskAhead(mask: Blob, size: { width: number; height: number }, box: Rect | null, pixels?: BoxRgba): void {
  if (!canRunBlobOps || !(size.width > 0 && size.height > 0)) return;
  runBlobOp({ op: 'mask-box', mask, width: size.width, height: size.height, box, pixels }).catch(() => undefined);
}
