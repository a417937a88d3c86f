/**
 * The mask Worker: keeps the full-size mask as sent (`FullRaster`) for the newest document, brings
 * it up to the document's operations (only the new ones when it already drew the rest), and encodes
 * the PNG. Whole masks (grow, shrink, feather, a file) arrive once, transferred, and stay here under
 * their id until the page says they are no longer needed.
 *
 * A mask over `KEEP_PIXELS` is not kept between exports: at 50 megapixels it is 200 MB, held while
 * the image Worker reads the mask ahead, prepares and stitches (the renderer's peak). The next
 * export draws it again from the operations, in this Worker, off the page's thread.
 */
import { FullRaster } from './mask-full-raster';
import { replayFrom } from './mask-log';
import type { MaskWorkerRequest } from './mask-worker-protocol';

const masks = new Map<number, ImageBitmap>();
/** 16 megapixels: a 12-megapixel photo's mask is kept (its exports stay incremental), a 24 or 50 one is not. */
const KEEP_PIXELS = 16_000_000;
/** The painted box's pixels go back with the PNG up to this size (64 MB); beyond, the image Worker decodes the PNG. */
const BOX_PIXELS = 16_000_000;
let current: { doc: number; raster: FullRaster } | undefined;

function bitmap(id: number): ImageBitmap {
  const found = masks.get(id);
  if (!found) throw new Error('the mask worker lost a whole-mask step');
  return found;
}

async function exportMask(request: Extract<MaskWorkerRequest, { type: 'export' }>) {
  for (const [id, b] of request.masks) masks.set(id, b);
  if (!current || current.doc !== request.doc || current.raster.width !== request.width || current.raster.height !== request.height) {
    current = undefined;
    current = { doc: request.doc, raster: new FullRaster(request.width, request.height) };
  }
  const raster = current.raster;
  const wanted = request.ops.map((op) => op.seq);
  let from = replayFrom(raster.drawn, wanted);
  if (from === 'restart') {
    raster.blank();
    from = 0;
  }
  for (const op of request.ops.slice(from)) raster.apply(op, bitmap);
  try {
    const painted = request.checkPaint ? raster.painted() : true;
    if (request.as === 'overlay') return { bitmap: raster.overlay(), painted };
    const box = request.boxRect;
    const boxPixels = painted && box && box.width * box.height <= BOX_PIXELS ? raster.read(box) : undefined;
    const blob = painted ? await raster.canvas.convertToBlob({ type: 'image/png' }) : undefined;
    return { blob, painted, boxPixels: blob ? boxPixels : undefined };
  } finally {
    if (raster.width * raster.height > KEEP_PIXELS && current?.raster === raster) {
      current = undefined;
      raster.release();
    }
  }
}

self.addEventListener('message', (event: MessageEvent<MaskWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'forget') {
    for (const id of request.masks) {
      masks.get(id)?.close();
      masks.delete(id);
    }
    if (request.doc !== undefined && current?.doc === request.doc) current = undefined;
    return;
  }
  exportMask(request).then(
    (answer) => {
      const transfer: Transferable[] = [];
      if (answer.bitmap) transfer.push(answer.bitmap);
      if (answer.boxPixels) transfer.push(answer.boxPixels.buffer);
      self.postMessage({ id: request.id, ...answer }, { transfer });
    },
    (error: unknown) => self.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
