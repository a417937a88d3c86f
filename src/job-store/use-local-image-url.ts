import { useEffect, useState } from 'react';
import { isImageRef } from '../providers/shared/image-ref';
import { localImageUrl } from './local-images';

/** A displayable URL for a form's image value: a local image's object URL, or the link itself. */
export function useLocalImageUrl(value: string | undefined): string | undefined {
  const [loaded, setLoaded] = useState<{ ref: string; url: string }>();
  useEffect(() => {
    if (!value || !isImageRef(value)) return;
    let cancelled = false;
    void localImageUrl(value).then((url) => {
      if (!cancelled && url) setLoaded({ ref: value, url });
    });
    return () => {
      cancelled = true;
    };
  }, [value]);
  if (!value) return undefined;
  if (!isImageRef(value)) return value;
  return loaded?.ref === value ? loaded.url : undefined;
}
