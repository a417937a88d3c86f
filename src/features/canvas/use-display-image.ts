/**
 * Decodes the `initImage` prop for the stage. An oversize readable image handed in from
 * outside (a typed URL, a reused result) is scaled once and handed back through `onFitted`.
 */
import { useEffect, useRef, useState } from 'react';
import { fitSize } from './fit-size';
import { ImageInputError, decodeImage, decodeRemote, normalizeImage } from './image-source';
import type { FitOptions, LoadedImage } from './image-source';
import { isRemoteImageUrl } from './provider-image';

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
  const [display, setDisplay] = useState<DisplayImage>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const onFittedRef = useRef(onFitted);
  useEffect(() => {
    onFittedRef.current = onFitted;
  });
  const { maxSide, multipleOf } = fit;

  useEffect(() => {
    let cancelled = false;
    if (!initImage) {
      setDisplay(undefined);
      setError(undefined);
      setLoading(false);
      return;
    }
    setLoading(true);
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
        setDisplay({ src: initImage, image, width, height, readable });
        setError(undefined);
        setLoading(false);
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
