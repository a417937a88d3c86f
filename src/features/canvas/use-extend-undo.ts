/**
 * Undo for Extend. Extend makes a new, bigger picture, and with it a new mask document whose own
 * history starts there; so before a picture is replaced by its extension, the picture (its Blob)
 * and its mask (a full-size bitmap from the mask Worker, asked for at once) are kept here. Undo, once the extended
 * picture's mask has nothing left to undo, brings both back. Loading another picture forgets them.
 */
import { useCallback, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { MaskDocument } from './mask-document';
import { exportFullMask } from './mask-export';
import type { MaskEditor } from './mask-editor';
import type { CanvasStatus, LatestPanel } from './use-canvas-editor';

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
      // At the image's size, from the mask Worker (the raster on screen is display-size).
      mask: painted ? exportFullMask(doc, false, 'overlay').then((a) => a.bitmap!) : undefined,
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

/**
 * The panel's side of it: `extended` keeps the picture and mask before an Extend replaces them;
 * `undo` undoes the mask's last step, or, with none left, the last Extend (the picture and mask
 * before it come back; the mask waits for the picture's size).
 */
export function useExtendUndoActions({
  extendUndo,
  editorRef,
  holdMask,
  hasMask,
  display,
  latest,
  setStatus,
}: {
  extendUndo: ReturnType<typeof useExtendUndo>;
  editorRef: RefObject<MaskEditor | undefined>;
  holdMask(mask: ImageBitmap | undefined): void;
  hasMask(): boolean;
  display: { src: string } | undefined;
  latest: LatestPanel;
  setStatus(status: CanvasStatus): void;
}) {
  const extended = (image: Blob, mask: ImageBitmap, size: { width: number; height: number }) => {
    if (display) extendUndo.keep(display.src, editorRef.current?.document, hasMask());
    holdMask(mask);
    latest.current.props.onInitImageChange(image, size);
  };

  const undo = () => {
    const editor = editorRef.current;
    if (editor?.document?.canUndo || !extendUndo.canUndo) return editor?.undo();
    const s = extendUndo.take();
    if (!s) return;
    void Promise.all([s.image, s.mask]).then(
      ([image, mask]) => {
        holdMask(mask);
        latest.current.props.onInitImageChange(image, { width: s.width, height: s.height });
        setStatus({ kind: 'success', text: `Extend undone: back to ${s.width}×${s.height}${mask ? ' and its mask' : ''}.` });
      },
      () => setStatus({ kind: 'error', text: 'Extend could not be undone: the picture before it is no longer available.' }),
    );
  };

  return { undo, extended };
}
