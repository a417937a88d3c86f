/** Messages between the page and the mask Worker (`mask-worker.ts`, `mask-export.ts`). */
import type { WireOp } from './mask-full-raster';
import type { Rect } from '../../lib/inpaint/types';

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
      /** 'png': the mask as sent, encoded; 'overlay': a bitmap as the display raster holds it (white, value as alpha). */
      as: 'png' | 'overlay';
      /** The painted box (whole pixels, inside the mask): its pixels come back too, so nobody decodes the PNG to read them. */
      boxRect?: Rect;
    }
  /** Whole masks no operation needs any more; `doc`: a document gone. */
  | { type: 'forget'; masks: number[]; doc?: number };

export interface MaskExportAnswer {
  /** The PNG (as 'png'), undefined when nothing is painted and the export was asked to look. */
  blob?: Blob;
  /** The bitmap (as 'overlay'). */
  bitmap?: ImageBitmap;
  painted: boolean;
  /** RGBA of `boxRect` as encoded (transferred), when asked for and not too large. */
  boxPixels?: Uint8ClampedArray<ArrayBuffer>;
}

export type MaskWorkerAnswer = ({ id: number } & MaskExportAnswer) | { id: number; error: string };
