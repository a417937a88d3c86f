/**
 * Decodes the `initImage` prop for the stage. A local picture (an object URL) is decoded in the
 * image Worker, which hands back a display-size preview (preview-cache.ts): the main thread
 * never decodes or draws the full-size picture. An oversize readable image handed in from
 * outside (a typed URL, a reused result) is scaled once and handed back through `onFitted`.
 */
import { useEffect, useRef, useState } from 'react';
import { fitSize } from './fit-size';
import { ImageInputError, decodeImage, decodeRemote, normalizeImage, isRemoteImageUrl } from './image-source';
import type { FitOptions, LoadedImage } from './image-source';
import { canPreview, previewOf } from './preview-cache';

export interface DisplayImage {
  src: string;
  /** What the stage draws: the picture, or a display-size preview of it. */
  image: CanvasImageSource;
  /** The picture's own size. */
  width: number;
  height: number;
  readable: boolean;
}

/** The largest side kept when none is given. */
const MAX_SIDE = 8192;

export function useDisplayImage(
  initImage: string | undefined,
  fit: FitOptions,
  onFitted: (loaded: LoadedImage) => void,
): { display: DisplayImage | undefined; error: string | undefined; loading: boolean } {
  const [display, setDisplay] = useState<DisplayImage>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(!!initImage);
  const onFittedRef = useRef(onFitted);
  useEffect(() => {
    onFittedRef.current = onFitted;
  });
  const { maxSide, multipleOf } = fit;

  // A new image (or fit) starts loading at once; no image clears what was shown. Adjusted while
  // rendering, not in the effect: the render that drops the image already shows none. The
  // picture shown stays until the next one is ready (Extend's mask waits for the new size).
  const wanted = `${initImage ?? ''}\n${maxSide ?? ''}\n${multipleOf ?? ''}`;
  const [started, setStarted] = useState(wanted);
  if (started !== wanted) {
    setStarted(wanted);
    setLoading(!!initImage);
    if (!initImage) {
      setDisplay(undefined);
      setError(undefined);
    }
  }

  useEffect(() => {
    let cancelled = false;
    if (!initImage) return;
    const shown = (image: CanvasImageSource, width: number, height: number, readable: boolean) => {
      setDisplay({ src: initImage, image, width, height, readable });
      setError(undefined);
      setLoading(false);
    };
    // A URL typed into a form field changes on every key: wait for the typing to stop.
    const delay = isRemoteImageUrl(initImage) ? 400 : 0;
    const timer = setTimeout(async () => {
      try {
        if (canPreview(initImage) && !multipleOf) {
          const p = await previewOf(initImage, maxSide ?? MAX_SIDE);
          if (cancelled) return;
          if (p.scaled) {
            const note = p.original && `Scaled from ${p.original.width}×${p.original.height} to ${p.width}×${p.height}.`;
            onFittedRef.current({ src: p.scaled, width: p.width, height: p.height, note, readable: true, preview: p });
          } else shown(p.bitmap, p.width, p.height, true);
          return;
        }
        const { image, readable } = isRemoteImageUrl(initImage)
          ? await decodeRemote(initImage)
          : { image: await decodeImage(initImage), readable: true };
        if (cancelled) return;
        const width = image.naturalWidth;
        const height = image.naturalHeight;
        shown(image, width, height, readable);
        if (readable && fitSize(width, height, maxSide, multipleOf).changed) {
          const fitted = await normalizeImage(image, width, height, { maxSide, multipleOf });
          if (!cancelled) onFittedRef.current(fitted);
        }
      } catch (e) {
        if (cancelled) return;
        setDisplay(undefined);
        setLoading(false);
        setError(e instanceof ImageInputError ? e.message : 'The init image could not be shown.');
      }
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [initImage, maxSide, multipleOf]);

  return { display, error, loading };
}
