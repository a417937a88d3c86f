/**
 * The image Worker's memory of the picture being worked on (see worker-memo.ts): the probe
 * keeps the bitmap it decoded when the person chose the picture, so prepare and the stitch draw
 * from it instead of decoding the file again (seconds for a 50 MP JPEG); prepare keeps the mask
 * window its job's stitch will need, and the newest mask's painted box (read when it is exported).
 * One of each at most; `releaseKept` frees them.
 */
import { contentKey, Slot } from './worker-memo';
import type { MaskWindow } from './worker-memo';
import type { BoxMask } from './mask-box';
import { keyFits } from './key-hints';

export const keptPictures = new Slot<ImageBitmap>((bitmap) => bitmap.close());
export const keptWindows = new Slot<MaskWindow>();
/** The painted box of the newest mask (read when it was exported, or by prepare): see blob-prepare's maskBoxOf. */
export const keptMaskBoxes = new Slot<Promise<BoxMask | undefined>>();
/** The kept picture scaled down for the stitch's preview (blob-stitch.ts), made while the provider works. */
export const keptPreviewBases = new Slot<ImageBitmap>((bitmap) => bitmap.close());

/** The key of a Blob's bytes (read in the Worker: a 25 MB file in tens of milliseconds). */
export async function blobKey(blob: Blob): Promise<string> {
  return contentKey(new Uint8Array(await blob.arrayBuffer()));
}

/** The key of a Blob: the one the page sent with it (key-hints.ts), else its bytes read and hashed. */
export async function keyOf(blob: Blob, hint: string | undefined): Promise<string> {
  return keyFits(blob, hint) ? hint : blobKey(blob);
}

export function releaseKept(): void {
  keptPictures.release();
  keptWindows.release();
  keptMaskBoxes.release();
  keptPreviewBases.release();
}

/** The bitmap of `blob` (EXIF orientation applied, colour as displayed): the kept one, or decoded now and kept. */
export async function pictureOf(blob: Blob, key: string, what = 'init image'): Promise<ImageBitmap> {
  const kept = keptPictures.get(key);
  if (kept) return kept;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new Error(`The ${what} could not be decoded.`);
  }
  keptPictures.put(key, bitmap);
  return bitmap;
}
