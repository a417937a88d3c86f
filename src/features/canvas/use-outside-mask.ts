/**
 * A mask handed in from outside (a draft restored on reload, a reused job), not the one the panel
 * reported: loaded into the editor (binarised), or cleared when it does not fit the image.
 */
import { useEffect } from 'react';
import type { RefObject } from 'react';
import { readMaskPixels } from './image-source';
import type { MaskEditor } from './mask-editor';
import type { MaskExporter } from './mask-export-scheduler';
import type { CanvasStatus, ReportedMask } from './use-canvas-editor';
import type { DisplayImage } from './use-display-image';

export function useOutsideMask({
  maskProp,
  maskEnabled,
  display,
  editorRef,
  exporterRef,
  reported,
  reportMask,
  setStatus,
}: {
  maskProp: string | undefined;
  maskEnabled: boolean;
  display: DisplayImage | undefined;
  editorRef: RefObject<MaskEditor | undefined>;
  exporterRef: RefObject<MaskExporter | undefined>;
  reported: RefObject<ReportedMask>;
  reportMask(mask: undefined): void;
  setStatus(status: CanvasStatus): void;
}) {
  useEffect(() => {
    const r = reported.current;
    if (!maskEnabled || !display || !maskProp || maskProp === r.mask || r.own.includes(maskProp)) return;
    let cancelled = false;
    readMaskPixels(maskProp).then(
      (pixels) => {
        if (cancelled) return;
        const editor = editorRef.current!;
        if (pixels && editor.loadMask(pixels.data, pixels.width, pixels.height)) {
          reported.current.mask = maskProp;
          reported.current.blob = undefined;
          exporterRef.current!.schedule(editor.document!, 0);
        } else if (pixels) {
          setStatus({ kind: 'note', text: `The mask (${pixels.width}×${pixels.height}) did not match the image, so it was cleared.` });
          reportMask(undefined);
        } else {
          setStatus({ kind: 'note', text: "The mask is a URL the browser can't read, so it isn't shown here; it is sent as it is until you paint." });
        }
      },
      () => {
        if (!cancelled) setStatus({ kind: 'error', text: 'The mask in the form could not be read as an image.' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [maskProp, display, maskEnabled, reportMask, setStatus, editorRef, exporterRef, reported]);
}
