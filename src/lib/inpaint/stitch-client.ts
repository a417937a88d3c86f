/**
 * The main thread's side of the stitch Worker: `runInWorker(request)` transfers the request's
 * buffers to the Worker and resolves with its response, which hands them back (`original`,
 * `originalMask`) with the new images. Until then the caller's `original.data` and
 * `mask.data` are detached (length 0): keep using the returned ones.
 */
import { transferablesOf } from './stitch-protocol';
import type { ResponseFor, StitchRequest, WorkerRequestMessage, WorkerResponseMessage } from './stitch-protocol';
import type { MaskImage, RgbaImage } from './types';

/** A failed request; carries the caller's buffers back. */
export class StitchWorkerError extends Error {
  constructor(
    message: string,
    readonly original?: RgbaImage,
    readonly originalMask?: MaskImage,
  ) {
    super(message);
    this.name = 'StitchWorkerError';
  }
}

type Pending = { resolve: (r: never) => void; reject: (e: Error) => void };

interface Connection {
  worker: Worker;
  pending: Map<number, Pending>;
}

const connections = new WeakMap<Worker, Connection>();
let shared: Worker | null = null;
let nextId = 1;

/** A new stitch Worker (module type; Vite bundles it from the URL). */
export function createStitchWorker(): Worker {
  return new Worker(new URL('./stitch-worker.ts', import.meta.url), { type: 'module' });
}

function connect(worker: Worker): Connection {
  const known = connections.get(worker);
  if (known) return known;
  const connection: Connection = { worker, pending: new Map() };
  worker.addEventListener('message', (event: MessageEvent<WorkerResponseMessage>) => {
    const message = event.data;
    const waiting = connection.pending.get(message.id);
    if (!waiting) return;
    connection.pending.delete(message.id);
    if ('error' in message) waiting.reject(new StitchWorkerError(message.error, message.original, message.originalMask));
    else waiting.resolve(message.response as never);
  });
  worker.addEventListener('error', (event) => {
    for (const waiting of connection.pending.values()) waiting.reject(new StitchWorkerError(event.message || 'The stitch worker failed to run.'));
    connection.pending.clear();
  });
  connections.set(worker, connection);
  return connection;
}

export interface RunOptions {
  /** The Worker to use; by default one shared Worker, started on first use. */
  worker?: Worker;
  /** 'pure' skips the OffscreenCanvas scaler (for comparisons and tests). */
  scaler?: 'auto' | 'pure';
}

/** Runs a crop or a stitch in the Worker, transferring (not copying) every buffer both ways. */
export function runInWorker<R extends StitchRequest>(request: R, options: RunOptions = {}): Promise<ResponseFor<R>> {
  const worker = options.worker ?? (shared ??= createStitchWorker());
  const connection = connect(worker);
  const id = nextId++;
  return new Promise<ResponseFor<R>>((resolve, reject) => {
    connection.pending.set(id, { resolve: resolve as (r: never) => void, reject });
    const message: WorkerRequestMessage = { id, request, scaler: options.scaler };
    worker.postMessage(message, { transfer: transferablesOf(request) });
  });
}

/** Stops the shared Worker (pending requests are rejected). */
export function stopSharedWorker(): void {
  if (!shared) return;
  const connection = connections.get(shared);
  connection?.pending.forEach((p) => p.reject(new StitchWorkerError('The stitch worker was stopped.')));
  connection?.pending.clear();
  shared.terminate();
  shared = null;
}
