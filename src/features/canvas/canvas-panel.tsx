/**
 * The canvas panel: bring an init image in, paint an inpainting mask over it, see the mask
 * exactly as it will be sent. The lazy entry point of the canvas feature (Konva loads with
 * this module only).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { readMaskPixels } from './image-source';
import { ImageSourceBar } from './image-source-bar';
import type { LoadedImage } from './image-source';
import { SHORTCUT_HELP } from './keyboard-shortcuts';
import { MaskEditor } from './mask-editor';
import type { PaintTool } from './mask-editor';
import { MaskExporter } from './mask-export-scheduler';
import type { ExportedMaskUrl } from './mask-export-scheduler';
import { MaskPreview } from './mask-preview';
import type { StrokeMode } from './mask-ops';
import { MaskToolbar } from './mask-toolbar';
import { useCanvasKeys } from './use-canvas-keys';
import { useDisplayImage } from './use-display-image';
import { rememberPreview } from './preview-cache';
import { useImageInput } from './use-image-input';
import { ZoomControls } from './zoom-controls';
import { ExtendControls, InpaintAreaControls, MaskAdjustTools } from './inpaint-controls';
import { useMaskOperations } from './use-mask-operations';
import { useExtendUndo } from './use-extend-undo';

export { MAX_ORIGINAL_SIDE } from './use-mask-operations';

export interface CanvasPanelProps {
  /** The init image as a data URL or http(s) URL, or undefined when none is chosen. */
  initImage: string | undefined;
  /** May return the source it will hand back as `initImage` (so a preview made at load is used for it). */
  onInitImageChange(dataUrlOrUrl: string | Blob | undefined, info?: { width: number; height: number; note?: string }): string | void;
  /** When true, the mask tools are shown and the mask is exported through onMaskChange. */
  maskEnabled: boolean;
  /** Called after a stroke ends (debounced) with the mask as a PNG data URL at the init image's pixel size, white = repaint, black = keep; undefined when empty. */
  onMaskChange(maskDataUrl: string | undefined): void;
  /** Receives the function that exports a pending mask now (Generate calls it before building the request). */
  onFlushReady?(flush: () => Promise<void>): void;
  /** Shows "Inpaint area", "Mask blur" and "Extend" (inpainting endpoints; default: with the mask). */
  inpaintControls?: boolean;
  /**
   * Optional: the mask the form holds now (a draft restored on reload, a reused job). When it
   * is not the one this panel reported and matches the image's size, it is loaded into the
   * canvas (binarised), so what is shown is what is sent. A mask of another size is cleared.
   */
  mask?: string;
  /** The largest side the endpoint accepts; larger images are scaled down and the user is told. */
  maxSide?: number;
  /** Sides are rounded down to multiples of this. */
  multipleOf?: number;
}

type Status = { kind: 'note' | 'error'; text: string };

function defaultBrushSize(width: number, height: number): number {
  return Math.max(8, Math.round(Math.max(width, height) * 0.04));
}

export default function CanvasPanel(props: CanvasPanelProps) {
  const { initImage, maskEnabled, maxSide, multipleOf } = props;
  const titleId = useId();
  const helpId = useId();
  const stageRef = useRef<HTMLDivElement>(null);
  const zoomLabelRef = useRef<HTMLSpanElement>(null);
  const editorRef = useRef<MaskEditor>(undefined);
  const exporterRef = useRef<MaskExporter>(undefined);
  const [status, setStatus] = useState<Status>();
  const [tool, setTool] = useState<PaintTool>('brush');
  const [shapeMode, setShapeMode] = useState<StrokeMode>('paint');
  const [brushSize, setBrushSize] = useState(48);
  const [opacity, setOpacity] = useState(0.5);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [mask, setMask] = useState<ExportedMaskUrl>();
  /** A mask to load as soon as the image of its size is shown (Extend makes both at once). */
  const pendingMask = useRef<ImageBitmap>(undefined);

  // Callbacks and flags the long-lived editor reads: always the latest, without re-creating it.
  const latest = useRef({
    props,
    maskEnabled,
    reported: undefined as string | undefined,
    /** Masks this panel produced recently: the form echoing one back is not an outside mask. */
    own: [] as string[],
  });
  useEffect(() => {
    latest.current.props = props;
    latest.current.maskEnabled = maskEnabled;
  });

  const reportMask = useCallback((dataUrl: string | undefined) => {
    const l = latest.current;
    if (!l.maskEnabled || l.reported === dataUrl) return;
    l.reported = dataUrl;
    if (dataUrl) l.own = [dataUrl, ...l.own].slice(0, 8);
    l.props.onMaskChange(dataUrl);
  }, []);

  const extendUndo = useExtendUndo();
  const forgetExtends = extendUndo.forget;
  const accept = useCallback((loaded: LoadedImage, how: string) => {
    if (how !== 'Init image resized') forgetExtends();
    const size = `${loaded.width}×${loaded.height}`;
    setStatus({ kind: 'note', text: loaded.note ? `${how} (${size}). ${loaded.note}` : `${how} (${size}).` });
    const shown = latest.current.props.onInitImageChange(loaded.src, { width: loaded.width, height: loaded.height, note: loaded.note });
    if (shown && loaded.preview) rememberPreview(shown, loaded.preview);
  }, [forgetExtends]);

  const fit = useMemo(() => ({ maxSide, multipleOf }), [maxSide, multipleOf]);
  const input = useImageInput(fit, {
    onLoaded: accept,
    onError: (text) => setStatus({ kind: 'error', text }),
  });
  const { display, error: displayError, loading } = useDisplayImage(initImage, fit, (loaded) =>
    accept(loaded, 'Init image resized'),
  );

  // The editor lives as long as the panel.
  useEffect(() => {
    const exporter = new MaskExporter((result) => {
      setMask(result);
      reportMask(result?.dataUrl);
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
      if (after && waiting && editor.loadOverlay(waiting, true)) {
        exporterRef.current!.schedule(after, 0);
      } else reportMask(undefined);
      waiting?.close();
      if (after) {
        if (latest.current.maskEnabled) exporterRef.current!.prepare(after);
        setBrushSize(defaultBrushSize(after.width, after.height));
      }
    }
  }, [display, reportMask]);

  useEffect(() => {
    const editor = editorRef.current!;
    editor.setMaskEnabled(maskEnabled);
    // Turning the mask on (an inpainting endpoint): report what is painted already.
    if (maskEnabled && editor.document) exporterRef.current!.schedule(editor.document, 0);
  }, [maskEnabled]);

  // A mask handed in from outside (not the one reported from here): load it, or clear it when
  // it does not fit the image.
  const maskProp = props.mask;
  useEffect(() => {
    const l = latest.current;
    if (!maskEnabled || !display || !maskProp || maskProp === l.reported || l.own.includes(maskProp)) return;
    let cancelled = false;
    readMaskPixels(maskProp).then(
      (pixels) => {
        if (cancelled) return;
        const editor = editorRef.current!;
        if (pixels && editor.loadMask(pixels.data, pixels.width, pixels.height)) {
          latest.current.reported = maskProp;
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
  }, [maskProp, display, maskEnabled, reportMask]);

  // Generate sends the mask on screen: it can export a pending mask at once.
  const onFlushReady = props.onFlushReady;
  useEffect(() => {
    onFlushReady?.(async () => {
      const doc = editorRef.current?.document;
      if (doc && latest.current.maskEnabled) await exporterRef.current?.flush(doc);
    });
  }, [onFlushReady]);

  const ops = useMaskOperations({
    editorRef,
    exporterRef,
    display,
    onStatus: setStatus,
    onExtended: (image, mask, size) => {
      if (display) extendUndo.keep(display.src, editorRef.current?.document, !!latest.current.reported);
      pendingMask.current?.close();
      pendingMask.current = mask;
      latest.current.props.onInitImageChange(image, size);
    },
  });

  /** Undo: the mask's last step, or, with none left, the last Extend (the picture and mask before it). */
  const undo = () => {
    const editor = editorRef.current;
    if (editor?.document?.canUndo || !extendUndo.canUndo) return editor?.undo();
    const s = extendUndo.take();
    if (!s) return;
    void Promise.all([s.image, s.mask]).then(
      ([image, mask]) => {
        pendingMask.current?.close();
        pendingMask.current = mask;
        latest.current.props.onInitImageChange(image, { width: s.width, height: s.height });
        setStatus({ kind: 'note', text: `Extend undone: back to ${s.width}×${s.height}${mask ? ' and its mask' : ''}.` });
      },
      () => setStatus({ kind: 'error', text: 'Extend could not be undone: the picture before it is no longer available.' }),
    );
  };

  const chooseTool = (next: PaintTool) => {
    setTool(next);
    // The brush and the eraser also set what the rectangle and the lasso do.
    if (next === 'brush') setShapeMode('paint');
    if (next === 'eraser') setShapeMode('erase');
  };

  useEffect(() => editorRef.current!.setTool(tool), [tool]);
  useEffect(() => editorRef.current!.setShapeMode(shapeMode), [shapeMode]);
  useEffect(() => editorRef.current!.setBrushSize(brushSize), [brushSize]);
  useEffect(() => editorRef.current!.setMaskOpacity(opacity), [opacity]);

  const maxBrush = display ? Math.max(64, Math.min(1024, Math.round(Math.max(display.width, display.height) / 2))) : 256;

  const panelRef = useRef<HTMLElement>(null);
  useCanvasKeys({ panelRef, editorRef, masking: () => latest.current.maskEnabled, onTool: chooseTool, onBrushSize: setBrushSize, maxBrush, onUndo: undo });

  const hasImage = !!display;
  const stageLabel = maskEnabled
    ? `Mask canvas${display ? `: ${display.width}×${display.height} init image, paint to mark what should change` : ', no image yet'}`
    : `Init image${display ? `: ${display.width}×${display.height}` : ', none yet'}`;

  return (
    <section
      ref={panelRef}
      aria-labelledby={titleId}
      className="@container relative flex flex-col rounded-lg border border-zinc-800 bg-zinc-900 text-sm text-zinc-200"
      {...input.dropHandlers}
    >
      <header className="flex flex-col gap-2 border-b border-zinc-800 p-3">
        <div className="flex items-center justify-between gap-2">
          <h2 id={titleId} className="text-sm font-semibold text-zinc-100">
            {maskEnabled ? 'Init image and mask' : 'Init image'}
          </h2>
          {hasImage && (
            <p className="ml-auto font-mono text-xs text-zinc-400">
              {display.width}×{display.height} px{display.readable ? '' : ', sent as a URL'}
            </p>
          )}
          {hasImage && (
            <button
              type="button"
              className="rounded px-2 py-1 text-xs text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-amber-400"
              onClick={() => {
                setStatus(undefined);
                extendUndo.forget();
                latest.current.props.onInitImageChange(undefined);
              }}
            >
              Remove image
            </button>
          )}
        </div>
        <ImageSourceBar
          busy={input.busy}
          onFiles={(files) => input.loadFiles(files, 'Image loaded')}
          onUrl={(url) => input.loadUrl(url)}
          onSample={input.loadSample}
        />
      </header>

      {status && <StatusLine status={status} />}
      {displayError && displayError !== status?.text && <StatusLine status={{ kind: 'error', text: displayError }} />}

      <div className={`grid gap-3 p-3 ${maskEnabled ? '@2xl:grid-cols-[minmax(0,1fr)_15rem]' : ''}`}>
        <div className="relative h-[min(65vh,36rem)] min-h-72 overflow-hidden rounded-md border border-zinc-800 bg-zinc-950">
          <div
            ref={stageRef}
            role="img"
            aria-label={stageLabel}
            aria-describedby={helpId}
            tabIndex={0}
            className="absolute inset-0 touch-none outline-none select-none focus-visible:ring-2 focus-visible:ring-amber-400 focus-visible:ring-inset"
          />
          {!hasImage && (
            <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center gap-2 p-6 text-center">
              <p className="text-base text-zinc-200">{loading ? 'Loading the image…' : 'Choose an image, drop one here, or paste from the clipboard'}</p>
              <p className="max-w-sm text-xs text-zinc-500">
                PNG, JPEG, WebP or GIF, or an image URL.
                {maxSide ? ` Images larger than ${maxSide} px on a side are scaled down.` : ''}
              </p>
            </div>
          )}
          {input.dragging && (
            <div className="pointer-events-none absolute inset-0 flex items-center justify-center border-2 border-dashed border-amber-400 bg-amber-500/10 text-amber-100">
              Drop the image to use it
            </div>
          )}
          {hasImage && (
            <ZoomControls
              labelRef={zoomLabelRef}
              onZoomIn={() => editorRef.current?.zoomBy(1.25)}
              onZoomOut={() => editorRef.current?.zoomBy(0.8)}
              onFit={() => editorRef.current?.fit()}
            />
          )}
        </div>

        {maskEnabled && (
          <aside aria-label="Mask" className="flex flex-col gap-4">
            <MaskToolbar
              tool={tool}
              onTool={chooseTool}
              shapeMode={shapeMode}
              onShapeMode={setShapeMode}
              brushSize={Math.min(brushSize, maxBrush)}
              maxBrush={maxBrush}
              onBrushSize={setBrushSize}
              canUndo={history.canUndo || extendUndo.canUndo}
              canRedo={history.canRedo}
              onUndo={undo}
              onRedo={() => editorRef.current?.redo()}
              onClear={() => editorRef.current?.clearMask()}
              onInvert={() => editorRef.current?.invertMask()}
              opacity={opacity}
              onOpacity={setOpacity}
              disabled={!hasImage}
            />
            <MaskAdjustTools disabled={!hasImage} busy={ops.working} onAdjust={(a, px) => void ops.adjustMask(a, px)} onLoadFile={(f) => void ops.loadMaskFile(f)} />
            {(props.inpaintControls ?? true) && (
              <>
                <InpaintAreaControls />
                <ExtendControls disabled={!hasImage || !display?.readable} busy={ops.working} onExtend={(s, px, f) => void ops.extend(s, px, f)} />
              </>
            )}
            <MaskPreview mask={hasImage ? mask : undefined} />
          </aside>
        )}
      </div>

      <details className="mx-3 mb-3 text-xs text-zinc-400">
        <summary className="cursor-pointer text-zinc-300 hover:text-zinc-100">Keyboard and mouse</summary>
        <p id={helpId} className="mt-2">
          {maskEnabled
            ? 'Paint with the main button, a finger or a pen (pressure changes the width). Rectangle: drag a box. Lasso: drag an outline, or click corners and close on the first point, with a double click or Enter. '
            : 'Drag to pan. '}
          Wheel or pinch to zoom; space + drag, the middle button or two fingers to pan.
        </p>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          {SHORTCUT_HELP.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt className="font-mono text-zinc-300">{keys}</dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </details>
    </section>
  );
}

function StatusLine({ status }: { status: Status }) {
  const error = status.kind === 'error';
  return (
    <p
      role={error ? 'alert' : 'status'}
      className={`mx-3 mt-3 rounded-md border px-3 py-2 text-sm ${
        error ? 'border-red-800 bg-red-950/60 text-red-200' : 'border-amber-700/60 bg-amber-950/40 text-amber-100'
      }`}
    >
      {status.text}
    </p>
  );
}
