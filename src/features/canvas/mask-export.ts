/**
 * The page's side of the mask Worker (`mask-worker.ts`): the mask as sent, drawn at the image's
 * full size from the document's operations and encoded as PNG, off the main thread. A whole mask
 * (grow, shrink, feather, a file) goes to the Worker once, transferred; the Worker keeps it until
 * `forgetMasks` says no operation needs it. Requests go in order, so the Worker always has the
 * masks an export names.
 */
import type { WireOp } from './mask-full-raster';
import type { LogEntry } from './mask-log';
import type { MaskOp } from './mask-ops';
import type { Rect } from '../../lib/inpaint/types';
import type { MaskExportAnswer, MaskWorkerAnswer, MaskWorkerRequest } from './mask-worker-protocol';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(a: MaskExportAnswer): void; reject(e: Error): void }>();
/** Serialises the preparation of requests (a whole mask may need a bitmap first), so they reach the Worker in order. */
let queue: Promise<unknown> = Promise.resolve();

function start(): Worker {
  const w = new Worker(new URL('./mask-worker.ts', import.meta.url), { type: 'module' });
  w.addEventListener('message', (event: MessageEvent<MaskWorkerAnswer>) => {
    const answer = event.data;
    const waiting = pending.get(answer.id);
    if (!waiting) return;
    pending.delete(answer.id);
    if ('error' in answer) waiting.reject(new Error(answer.error));
    else waiting.resolve(answer);
  });
  w.addEventListener('error', (event) => {
    for (const p of pending.values()) p.reject(new Error(event.message || 'The mask worker failed to run.'));
    pending.clear();
    worker = null;
  });
  return w;
}

export interface FullMaskSource {
  id: number;
  width: number;
  height: number;
  operations: readonly LogEntry<MaskOp>[];
}

/** An operation as the Worker takes it, and the whole mask to hand over with it (once). */
async function toWire({ seq, op }: LogEntry<MaskOp>, masks: [number, ImageBitmap][]): Promise<WireOp> {
  switch (op.kind) {
    case 'replace': {
      const full = op.full;
      if (full) {
        op.full = undefined;
        const bitmap = full instanceof ImageBitmap ? full : await createImageBitmap(full);
        if (!(full instanceof ImageBitmap)) full.width = full.height = 0;
        masks.push([op.id, bitmap]);
      }
      return { seq, kind: 'replace', id: op.id };
    }
    case 'stroke':
      return { seq, kind: 'stroke', mode: op.mode, size: op.size, points: op.points };
    case 'shape':
      return { seq, kind: 'shape', mode: op.mode, shape: op.shape };
    default:
      return { seq, kind: op.kind };
  }
}

/**
 * The full-size mask as sent, as a PNG (undefined when `checkPaint` found nothing painted), or
 * `as: 'overlay'`, as a bitmap the way the display raster holds it (Extend's undo keeps one).
 * The operations are read now: later changes to the document do not reach this export.
 */
export function exportFullMask(doc: FullMaskSource, checkPaint: boolean, as: 'png' | 'overlay' = 'png', boxRect?: Rect): Promise<MaskExportAnswer> {
  const entries = [...doc.operations];
  const { id: docId, width, height } = doc;
  const posted = queue.then(async () => {
    const masks: [number, ImageBitmap][] = [];
    const ops: WireOp[] = [];
    for (const entry of entries) ops.push(await toWire(entry, masks));
    worker ??= start();
    const id = nextId++;
    const request: MaskWorkerRequest = { type: 'export', id, doc: docId, width, height, ops, masks, checkPaint, as, boxRect };
    const answer = new Promise<MaskExportAnswer>((resolve, reject) => pending.set(id, { resolve, reject }));
    worker.postMessage(request, masks.map(([, b]) => b));
    // Wrapped: the queue waits for the posting, not for the answer.
    return { answer };
  });
  queue = posted.catch(() => undefined);
  return posted.then((p) => p.answer);
}

/** Whole masks no operation needs any more (and a document gone): the Worker frees them. */
export function forgetMasks(ids: number[], doc?: number): void {
  if (!ids.length && doc === undefined) return;
  queue = queue.then(() => {
    if (!worker) return;
    const request: MaskWorkerRequest = { type: 'forget', masks: ids, doc };
    worker.postMessage(request);
  });
}
