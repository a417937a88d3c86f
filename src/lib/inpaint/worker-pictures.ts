/**
 * The image Worker's memory of the picture being worked on (see worker-memo.ts): the probe
 * keeps the bitmap it decoded when the person chose the picture, so prepare and the stitch draw
 * from it instead of decoding the file again (seconds for a 50 MP JPEG); prepare keeps the mask
 * window its job's stitch will need. One picture and one window at most; `releaseKept` frees both.
 */
import { contentKey, Slot } from './worker-memo';
import type { MaskWindow } from './worker-memo';

export const keptPictures = new Slot<ImageBitmap>((bitmap) => bitmap.close());
export const keptWindows = new Slot<MaskWindow>();

/** The key of a Blob's bytes (read in the Worker: a 25 MB file in tens of milliseconds). */
export async function blobKey(blob: Blob): Promise<string> {
  return contentKey(new Uint8Array(await blob.arrayBuffer()));
}

export function releaseKept(): void {
  keptPictures.release();
  keptWindows.release();
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
