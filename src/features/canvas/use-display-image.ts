/**
 * Decodes the `initImage` prop for the stage. An oversize readable image handed in from
 * outside (a typed URL, a reused result) is scaled once and handed back through `onFitted`.
 */
import { useEffect, useRef, useState } from 'react';
import { fitSize } from './fit-size';
import { ImageInputError, decodeImage, decodeRemote, isRemoteImageUrl, normalizeImage } from './image-source';
import type { FitOptions, LoadedImage } from './image-source';

export interface DisplayImage {
  src: string;
  image: HTMLImageElement;
  width: number;
  height: number;
  readable: boolean;
}

export function useDisplayImage(
  initImage: string | undefined,
  fit: FitOptions,
  onFitted: (loaded: LoadedImage) => void,
): { display: DisplayImage | undefined; error: string | undefined; loading: boolean } {
  // What the last decode gave, for its source; with no image there is nothing to show, whatever it holds.
  const [result, setResult] = useState<{ src: string; display?: DisplayImage; error?: string }>();
  const onFittedRef = useRef(onFitted);
  useEffect(() => {
    onFittedRef.current = onFitted;
  });
  const { maxSide, multipleOf } = fit;

  useEffect(() => {
    let cancelled = false;
    if (!initImage) return;
    // A URL typed into a form field changes on every key: wait for the typing to stop.
    const delay = isRemoteImageUrl(initImage) ? 400 : 0;
    const timer = setTimeout(async () => {
      try {
        const { image, readable } = isRemoteImageUrl(initImage)
          ? await decodeRemote(initImage)
          : { image: await decodeImage(initImage), readable: true };
        if (cancelled) return;
        const width = image.naturalWidth;
        const height = image.naturalHeight;
        setResult({ src: initImage, display: { src: initImage, image, width, height, readable } });
        if (readable && fitSize(width, height, maxSide, multipleOf).changed) {
          const fitted = await normalizeImage(image, width, height, { maxSide, multipleOf });
          if (!cancelled) onFittedRef.current(fitted);
        }
      } catch (e) {
        if (cancelled) return;
        setResult({ src: initImage, error: e instanceof ImageInputError ? e.message : 'The init image could not be shown.' });
      }
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [initImage, maxSide, multipleOf]);

  if (!initImage) return { display: undefined, error: undefined, loading: false };
  // While the next image decodes, the last one stays on screen (and its error, if it had one).
  return { display: result?.display, error: result?.error, loading: result?.src !== initImage };
}
