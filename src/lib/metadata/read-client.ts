/**
 * Reading an image's parameters without risking the page: the read runs in a Worker
 * (read-worker.ts) with the readers' own limits, under a time budget. Past the budget the Worker
 * is ended (whatever it was doing stops at once) and the answer says so: "This file's parameters
 * could not be read: …". Without Worker support (Node, tests) the read runs in place, limits
 * still applying. This module is light: the readers load in the Worker, or on use.
 */
import type { ImageFormat, ReadResult } from './types';

export const READ_BUDGET_MS = 2000;

/** How an answer says the read itself failed (a timeout, a crashed Worker), as opposed to finding nothing. */
export const UNREADABLE = "This file's parameters could not be read";

/** What the client needs of a Worker (the browser's, or a test's stand-in). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

type Answer = { id: number; read: ReadResult } | { id: number; error: string };

function sniff(b: Uint8Array): ImageFormat {
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'webp';
  return 'unknown';
}

export function unreadable(bytes: Uint8Array, why: string): ReadResult {
  return { source: 'none', format: sniff(bytes), raw: {}, warnings: [`${UNREADABLE}: ${why}.`] };
}

export interface MetadataReader {
  read(bytes: Uint8Array): Promise<ReadResult>;
}

/** A reader on Workers from `start`; one Worker serves reads in turn and is replaced after a timeout or a crash. */
export function createMetadataReader(start: () => WorkerLike, budgetMs = READ_BUDGET_MS): MetadataReader {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  const pending = new Map<number, (answer: Answer) => void>();
  const stop = (w: WorkerLike, why: string) => {
    if (worker === w) worker = null;
    w.terminate();
    for (const [id, settle] of pending) settle({ id, error: why });
    pending.clear();
  };
  const launch = () => {
    const w = start();
    w.addEventListener('message', (event: MessageEvent) => {
      const answer = event.data as Answer;
      pending.get(answer.id)?.(answer);
    });
    w.addEventListener('error', (event: ErrorEvent) => stop(w, `the reader stopped (${event.message || 'an error'})`));
    return w;
  };
  return {
    read(bytes) {
      worker ??= launch();
      const w = worker;
      const id = nextId++;
      return new Promise<ReadResult>((resolve) => {
        const timer = setTimeout(() => stop(w, `reading took longer than ${budgetMs / 1000} s`), budgetMs);
        pending.set(id, (answer) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve('read' in answer ? answer.read : unreadable(bytes, answer.error));
        });
        w.postMessage({ id, bytes });
      });
    },
  };
}

let shared: MetadataReader | undefined;

/** Reads `bytes` off the main thread (in place where there are no Workers). Never throws. */
export async function readImageMetadataSafely(bytes: Uint8Array): Promise<ReadResult> {
  if (typeof Worker !== 'function') {
    const { readImageMetadata } = await import('./image-metadata');
    return readImageMetadata(bytes);
  }
  shared ??= createMetadataReader(() => new Worker(new URL('./read-worker.ts', import.meta.url), { type: 'module' }));
  return shared.read(bytes);
}
