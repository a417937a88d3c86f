/**
 * The canvas panel's editor and mask exporter: made once, fed the displayed image, the mask
 * switch and the toolbar's choices; reports the mask it exports and gives Generate its flush.
 * A mask handed in from outside is loaded by `use-outside-mask.ts`. The panel keeps the tools,
 * the inputs and the layout.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { CanvasPanelProps } from './canvas-panel';
import { MaskEditor } from './mask-editor';
import type { PaintTool } from './mask-editor';
import type { StrokeMode } from './mask-ops';
import { MaskExporter } from './mask-export-scheduler';
import type { ExportedMaskFile } from './mask-export-scheduler';
import type { DisplayImage } from './use-display-image';
import { useOutsideMask } from './use-outside-mask';

/** A line under the canvas: something done (success), something to know (note), or an error. */
export type CanvasStatus = { kind: 'success' | 'note' | 'error'; text: string };

/** The panel's props and mask switch, read by the long-lived editor without re-creating it. */
export type LatestPanel = RefObject<{ props: CanvasPanelProps; maskEnabled: boolean }>;

/**
 * What the panel reported as its mask (the PNG, and the source the form gives back for it), and the
 * sources of the masks it made recently (the form echoing one back is not an outside mask).
 */
export interface ReportedMask {
  blob?: Blob;
  mask: string | undefined;
  own: string[];
}

function defaultBrushSize(width: number, height: number): number {
  return Math.max(8, Math.round(Math.max(width, height) * 0.04));
}

export function useCanvasEditor({
  latest,
  display,
  onFlushReady,
  setStatus,
  setBrushSize,
  tools,
}: {
  latest: LatestPanel;
  display: DisplayImage | undefined;
  onFlushReady: CanvasPanelProps['onFlushReady'];
  setStatus(status: CanvasStatus | undefined): void;
  setBrushSize(size: number): void;
  /** The toolbar's choices, pushed into the editor. */
  tools: { tool: PaintTool; shapeMode: StrokeMode; brushSize: number; opacity: number; maskEnabled: boolean; maskProp: string | undefined };
}) {
  const stageRef = useRef<HTMLDivElement>(null);
  const zoomLabelRef = useRef<HTMLSpanElement>(null);
  const editorRef = useRef<MaskEditor>(undefined);
  const exporterRef = useRef<MaskExporter>(undefined);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [mask, setMask] = useState<ExportedMaskFile>();
  /** A mask to load as soon as the image of its size is shown (Extend makes both at once). */
  const pendingMask = useRef<ImageBitmap>(undefined);
  const reported = useRef<ReportedMask>({ mask: undefined, own: [] });

  // One function for the panel's life (the editor and the exporter hold it).
  const [reportMask] = useState(() => (exported: Pick<ExportedMaskFile, 'blob' | 'box' | 'pixels'> | undefined) => {
    const r = reported.current;
    if (!latest.current.maskEnabled || (exported ? r.blob === exported.blob : !r.blob && !r.mask)) return;
    r.blob = exported?.blob;
    // The source the form will give back for this mask: known as the panel's own.
    const shown = exported ? latest.current.props.onMaskChange(exported.blob, exported.box, exported.pixels) : latest.current.props.onMaskChange(undefined);
    r.mask = shown || undefined;
    if (shown) r.own = [shown, ...r.own].slice(0, 8);
  });

  // The editor lives as long as the panel.
  useEffect(() => {
    const exporter = new MaskExporter((result) => {
      setMask(result);
      reportMask(result);
    });
    const editor = new MaskEditor(stageRef.current!, {
      onHistory: (h) => setHistory((prev) => (prev.canUndo === h.canUndo && prev.canRedo === h.canRedo ? prev : h)),
      onMaskChange: (change, doc) => exporter.schedule(doc, change === 'commit' ? 200 : 60),
      onZoom: (scale) => {
        if (zoomLabelRef.current) zoomLabelRef.current.textContent = `${Math.round(scale * 100)}%`;
      },
    });
    editorRef.current = editor;
    exporterRef.current = exporter;
    return () => {
      editor.destroy();
      exporter.dispose();
      editorRef.current = undefined;
      exporterRef.current = undefined;
    };
  }, [reportMask]);

  // Push the displayed image into the editor; a new size means a new, empty mask.
  useEffect(() => {
    const editor = editorRef.current!;
    const before = editor.document;
    editor.setImage(display?.image, display?.width ?? 0, display?.height ?? 0);
    const after = editor.document;
    if (after !== before) {
      exporterRef.current!.cancel();
      setMask(undefined);
      const waiting = pendingMask.current;
      pendingMask.current = undefined;
      // The document keeps a mask it loads (the mask Worker takes it over).
      if (after && waiting && editor.loadOverlay(waiting, true)) {
        exporterRef.current!.schedule(after, 0);
      } else {
        waiting?.close();
        reportMask(undefined);
      }
      if (after) setBrushSize(defaultBrushSize(after.width, after.height));
    }
  }, [display, reportMask, latest, setBrushSize]);

  const { tool, shapeMode, brushSize, opacity, maskEnabled, maskProp } = tools;
  useEffect(() => {
    const editor = editorRef.current!;
    editor.setMaskEnabled(maskEnabled);
    // Turning the mask on (an inpainting endpoint): report what is painted already.
    if (maskEnabled && editor.document) exporterRef.current!.schedule(editor.document, 0);
  }, [maskEnabled]);

  useOutsideMask({ maskProp, maskEnabled, display, editorRef, exporterRef, reported, reportMask, setStatus });

  // Generate sends the mask on screen: it can export a pending mask at once.
  useEffect(() => {
    onFlushReady?.(async () => {
      const doc = editorRef.current?.document;
      if (doc && latest.current.maskEnabled) await exporterRef.current?.flush(doc);
    });
  }, [onFlushReady, latest]);

  useEffect(() => editorRef.current!.setTool(tool), [tool]);
  useEffect(() => editorRef.current!.setShapeMode(shapeMode), [shapeMode]);
  useEffect(() => editorRef.current!.setBrushSize(brushSize), [brushSize]);
  useEffect(() => editorRef.current!.setMaskOpacity(opacity), [opacity]);

  /** Extend (or its undo) makes a new picture and its mask at once: the mask waits for the picture's size. */
  const holdMask = useCallback((waiting: ImageBitmap | undefined) => {
    pendingMask.current?.close();
    pendingMask.current = waiting;
  }, []);

  /** Whether a mask is reported now (something is painted). */
  const hasMask = useCallback(() => !!(reported.current.blob || reported.current.mask), []);

  return { stageRef, zoomLabelRef, editorRef, exporterRef, mask, history, holdMask, hasMask };
}
