/** Messages between the page and the mask Worker (`mask-worker.ts`, `mask-export.ts`). */
import type { WireOp } from './mask-full-raster';

export type MaskWorkerRequest =
  | {
      type: 'export';
      id: number;
      /** Which document: the Worker keeps the raster of the newest one. */
      doc: number;
      width: number;
      height: number;
      ops: WireOp[];
      /** Whole masks the Worker does not have yet, by id (transferred). */
      masks: [number, ImageBitmap][];
      /** Whether to look for a painted pixel (the operations alone cannot tell). */
      checkPaint: boolean;
    }
  /** Whole masks no operation needs any more; `doc`: a document gone. */
  | { type: 'forget'; masks: number[]; doc?: number };

export type MaskWorkerAnswer = { id: number; blob: Blob | undefined; painted: boolean } | { id: number; error: string };
