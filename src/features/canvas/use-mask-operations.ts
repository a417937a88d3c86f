/**
 * The whole-mask operations of the canvas panel, each run in the image Worker with the panel
 * busy meanwhile: grow, shrink and feather (one undoable step each; feather makes a soft, grey
 * mask), "Load mask from file", and "Extend" (outpainting).
 */
import { useState } from 'react';
import type { RefObject } from 'react';
import { runBlobOp } from '../../lib/inpaint/blob-client';
import { MAX_ORIGINAL_SIDE } from '../../lib/inpaint/size-rules';
import type { ExtendFill, Side } from './inpaint-controls';
import type { MaskEditor } from './mask-editor';
import type { MaskExporter } from './mask-export-scheduler';
import type { CanvasStatus } from './use-canvas-editor';

/** The largest side kept: the original stays at full resolution; only what is sent is scaled. */

export type MaskAction = 'grow' | 'shrink' | 'feather';

const DONE: Record<MaskAction, [what: string, done: string]> = {
  grow: ['Grow mask', 'grown'],
  shrink: ['Shrink mask', 'shrunk'],
  feather: ['Feather mask', 'feathered'],
};

export function useMaskOperations(deps: {
  editorRef: RefObject<MaskEditor | undefined>;
  exporterRef: RefObject<MaskExporter | undefined>;
  display: { src: string; width: number; height: number; readable: boolean } | undefined;
  onStatus(status: CanvasStatus): void;
  /** Extend made a new picture and its mask: the mask waits for the picture to be shown. */
  onExtended(image: Blob, mask: ImageBitmap, size: { width: number; height: number }): void;
}) {
  const { editorRef, exporterRef, display, onStatus } = deps;
  const [working, setWorking] = useState(false);

  const work = async (what: string, job: () => Promise<void>) => {
    setWorking(true);
    try {
      await job();
    } catch (e) {
      onStatus({ kind: 'error', text: `${what} failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setWorking(false);
    }
  };
  const documentNow = () => {
    const doc = editorRef.current?.document;
    if (!doc) throw new Error('choose an init image first');
    return doc;
  };
  /** Replaces the mask with a Worker's answer (a bitmap ready to draw: nothing decoded here), as one undoable step. */
  const replaceWith = (doc: ReturnType<typeof documentNow>, out: { overlay: ImageBitmap; painted: boolean }) => {
    if (out.overlay.width !== doc.width || out.overlay.height !== doc.height || editorRef.current?.document !== doc) {
      out.overlay.close();
      throw new Error('the mask does not match the image');
    }
    // The document keeps the bitmap (the mask Worker takes it over on the next export).
    doc.replaceMask(out.overlay, out.painted);
  };

  const adjustMask = (action: MaskAction, px: number) =>
    work(DONE[action][0], async () => {
      const doc = documentNow();
      const mask = (await exporterRef.current!.encode(doc)).blob;
      replaceWith(doc, await runBlobOp({ op: 'mask', mask, action, px }));
      onStatus({ kind: 'success', text: `Mask ${DONE[action][1]} by ${px} px.${action === 'feather' ? ' Its edge is now grey: a partial repaint.' : ''}` });
    });

  const loadMaskFile = (file: File) =>
    work('Load mask from file', async () => {
      const doc = documentNow();
      replaceWith(doc, await runBlobOp({ op: 'mask-from-file', file, width: doc.width, height: doc.height }));
      onStatus({ kind: 'success', text: `Mask loaded from “${file.name}”, resized to ${doc.width}×${doc.height}.` });
    });

  const extend = (side: Side, px: number, fill: ExtendFill) =>
    work('Extend', async () => {
      const shown = display;
      if (!shown?.readable) throw new Error('the image must be readable (a local image)');
      const by = { left: 0, top: 0, right: 0, bottom: 0, [side]: px };
      if (shown.width + by.left + by.right > MAX_ORIGINAL_SIDE || shown.height + by.top + by.bottom > MAX_ORIGINAL_SIDE) {
        throw new Error(`the picture would be larger than ${MAX_ORIGINAL_SIDE} px on a side`);
      }
      const image = await (await fetch(shown.src)).blob();
      const out = await runBlobOp({ op: 'extend', image, by, fill, seed: Math.floor(Math.random() * 2 ** 31), overlap: 16 });
      onStatus({ kind: 'success', text: `Extended ${side} by ${px} px (${out.width}×${out.height}); the new area and a 16 px overlap are masked.` });
      deps.onExtended(out.image, out.overlay, { width: out.width, height: out.height });
    });

  return { working, adjustMask, loadMaskFile, extend };
}
