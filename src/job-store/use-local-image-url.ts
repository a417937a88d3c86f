import { useEffect, useState } from 'react';
import { isImageRef, parseImageRef } from '../providers/shared/image-ref';
import { getLocalImage, localImageUrl } from './local-images';
import { encodeCanvas } from './thumbnail';

/**
 * A local image larger than this (pixels) is previewed from a small copy: an `<img>` of a 50 MP
 * photo, even drawn 40 px wide, has the page load and decode all 26 MB of it (a 95–124 ms task on
 * the main thread while the person starts painting).
 */
const PREVIEW_ABOVE_PIXELS = 1_000_000;
/** Small copies kept, by local image id (the newest; older ones are revoked). */
const KEEP = 8;
const previews = new Map<string, Promise<{ url: string | undefined; made: boolean }>>();

function encodeSmall(bitmap: ImageBitmap): Promise<Blob | null> {
  const canvas: OffscreenCanvas | HTMLCanvasElement =
    typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(bitmap.width, bitmap.height) : Object.assign(document.createElement('canvas'), { width: bitmap.width, height: bitmap.height });
  (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null)?.drawImage(bitmap, 0, 0);
  return encodeCanvas(canvas, 'image/png');
}

/**
 * A small copy of a large local image, `side` px on its longer side: the browser decodes and scales
 * it off the main thread (`createImageBitmap` with a size); the full image's URL when it is small,
 * or when no small copy can be made (`made` says which).
 */
async function previewUrl(ref: string, side: number): Promise<{ url: string | undefined; made: boolean }> {
  const full = async () => ({ url: await localImageUrl(ref), made: false });
  const info = parseImageRef(ref);
  if (!info || typeof createImageBitmap !== 'function' || !(info.width * info.height > PREVIEW_ABOVE_PIXELS)) return full();
  const blob = await getLocalImage(ref);
  if (!blob) return { url: undefined, made: false };
  try {
    const fit: ImageBitmapOptions = info.width >= info.height ? { resizeWidth: side } : { resizeHeight: side };
    const bitmap = await createImageBitmap(blob, { ...fit, resizeQuality: 'medium' });
    const small = await encodeSmall(bitmap).finally(() => bitmap.close());
    return small ? { url: URL.createObjectURL(small), made: true } : full();
  } catch {
    return full();
  }
}

async function keptPreview(ref: string, side: number): Promise<string | undefined> {
  const key = `${parseImageRef(ref)?.id}@${side}`;
  let preview = previews.get(key);
  if (!preview) {
    preview = previewUrl(ref, side);
    previews.set(key, preview);
    if (previews.size > KEEP) {
      const [oldest, old] = previews.entries().next().value!;
      previews.delete(oldest);
      // Only a small copy made here is revoked; the full image's URL belongs to local-images.
      void old.then(({ url, made }) => made && url && URL.revokeObjectURL(url));
    }
  }
  const { url } = await preview;
  // Not found (yet): asked again next time rather than remembered.
  if (!url && previews.get(key) === preview) previews.delete(key);
  return url;
}

/**
 * A displayable URL for a form's image value: a local image's object URL, or the link itself.
 * With `previewSide`, a large local image gives a small copy of that size instead (a thumbnail).
 */
export function useLocalImageUrl(value: string | undefined, previewSide?: number): string | undefined {
  const [loaded, setLoaded] = useState<{ ref: string; url: string }>();
  useEffect(() => {
    if (!value || !isImageRef(value)) return;
    let cancelled = false;
    void (previewSide ? keptPreview(value, previewSide) : localImageUrl(value)).then((url) => {
      if (!cancelled && url) setLoaded({ ref: value, url });
    });
    return () => {
      cancelled = true;
    };
  }, [value, previewSide]);
  if (!value) return undefined;
  if (!isImageRef(value)) return value;
  return loaded?.ref === value ? loaded.url : undefined;
}
