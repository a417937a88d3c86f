/**
 * Undo for Extend. Extend makes a new, bigger picture, and with it a new mask document whose own
 * history starts there; so before a picture is replaced by its extension, the picture (its Blob)
 * and its mask (a bitmap of the raster, taken at once) are kept here. Undo, once the extended
 * picture's mask has nothing left to undo, brings both back. Loading another picture forgets them.
 */
import { useCallback, useRef, useState } from 'react';
import type { MaskDocument } from './mask-document';

export interface ExtendSnapshot {
  image: Promise<Blob>;
  /** Undefined when nothing was painted. */
  mask: Promise<ImageBitmap> | undefined;
  width: number;
  height: number;
}

/** How many Extends can be undone in a row. */
const KEEP = 8;

export function useExtendUndo() {
  const stack = useRef<ExtendSnapshot[]>([]);
  const [depth, setDepth] = useState(0);

  const discard = (s: ExtendSnapshot) => void s.mask?.then((b) => b.close(), () => {});

  /** Keeps the picture shown at `src` and the mask of `doc` (when painted), before Extend replaces them. */
  const keep = useCallback((src: string, doc: MaskDocument | undefined, painted: boolean) => {
    if (!doc) return;
    const snapshot: ExtendSnapshot = {
      image: fetch(src).then((r) => r.blob()),
      mask: painted ? createImageBitmap(doc.raster.canvas) : undefined,
      width: doc.width,
      height: doc.height,
    };
    snapshot.image.catch(() => {});
    stack.current.push(snapshot);
    while (stack.current.length > KEEP) discard(stack.current.shift()!);
    setDepth(stack.current.length);
  }, []);

  const take = useCallback(() => {
    const s = stack.current.pop();
    setDepth(stack.current.length);
    return s;
  }, []);

  const forget = useCallback(() => {
    for (const s of stack.current.splice(0)) discard(s);
    setDepth(0);
  }, []);

  return { canUndo: depth > 0, keep, take, forget };
}
