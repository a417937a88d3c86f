/**
 * The canvas panel: bring an init image in, paint an inpainting mask over it, see the mask
 * exactly as it will be sent. The lazy entry point of the canvas feature (Konva loads with
 * this module only).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { isTextEntry } from './dom-targets';
import { readMaskPixels } from './image-source';
import { ImageSourceBar } from './image-source-bar';
import type { LoadedImage } from './image-source';
import { SHORTCUT_HELP, actionForKey, stepBrushSize } from './keyboard-shortcuts';
import { MaskEditor } from './mask-editor';
import type { PaintTool } from './mask-editor';
import { MaskExporter } from './mask-export-scheduler';
import type { ExportedMaskUrl } from './mask-export-scheduler';
import { MaskPreview } from './mask-preview';
import { MIN_BRUSH, MaskToolbar } from './mask-toolbar';
import { useDisplayImage } from './use-display-image';
import { useImageInput } from './use-image-input';
import { ZoomControls } from './zoom-controls';
import { ExtendControls, InpaintAreaControls, MaskAdjustTools } from './inpaint-controls';
import type { ExtendFill, Side } from './inpaint-controls';
import { runBlobOp } from '../../lib/inpaint/blob-client';

/** The largest side kept: the original stays at full resolution; only what is sent is scaled. */
export const MAX_ORIGINAL_SIDE = 8192;

export interface CanvasPanelProps {
  /** The init image as a data URL or http(s) URL, or undefined when none is chosen. */
  initImage: string | undefined;
  onInitImageChange(dataUrlOrUrl: string | Blob | undefined, info?: { width: number; height: number; note?: string }): void;
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
  const [brushSize, setBrushSize] = useState(48);
  const [opacity, setOpacity] = useState(0.5);
  const [history, setHistory] = useState({ canUndo: false, canRedo: false });
  const [mask, setMask] = useState<ExportedMaskUrl>();
  const [working, setWorking] = useState(false);
  /** A mask to load as soon as the image of its size is shown (Extend makes both at once). */
  const pendingMask = useRef<ImageData>(undefined);

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

  const accept = useCallback((loaded: LoadedImage, how: string) => {
    const size = `${loaded.width}×${loaded.height}`;
    setStatus({ kind: 'note', text: loaded.note ? `${how} (${size}). ${loaded.note}` : `${how} (${size}).` });
    latest.current.props.onInitImageChange(loaded.src, { width: loaded.width, height: loaded.height, note: loaded.note });
  }, []);

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
      if (after && waiting && editor.loadMask(waiting.data, waiting.width, waiting.height)) {
        exporterRef.current!.schedule(after, 0);
      } else reportMask(undefined);
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

  /** Runs a whole-image operation in the Worker; errors are shown, the panel is busy meanwhile. */
  const work = async (what: string, job: () => Promise<void>) => {
    setWorking(true);
    try {
      await job();
    } catch (e) {
      setStatus({ kind: 'error', text: `${what} failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setWorking(false);
    }
  };
  const currentMaskBlob = async () => {
    const doc = editorRef.current?.document;
    if (!doc) throw new Error('there is no image');
    return (await exporterRef.current!.encode(doc)).blob;
  };
  const blobPixels = async (blob: Blob) => {
    const url = URL.createObjectURL(blob);
    try {
      const pixels = await readMaskPixels(url);
      if (!pixels) throw new Error('the mask could not be read');
      return pixels;
    } finally {
      URL.revokeObjectURL(url);
    }
  };
  const loadMaskBlob = async (blob: Blob) => {
    const pixels = await blobPixels(blob);
    const editor = editorRef.current!;
    if (!editor.loadMask(pixels.data, pixels.width, pixels.height)) throw new Error('the mask does not match the image');
    exporterRef.current!.schedule(editor.document!, 0);
  };
  const adjustMask = (action: 'grow' | 'shrink', px: number) =>
    work(action === 'grow' ? 'Grow mask' : 'Shrink mask', async () => {
      const out = await runBlobOp({ op: 'mask', mask: await currentMaskBlob(), action, px });
      await loadMaskBlob(out.mask);
      setStatus({ kind: 'note', text: `Mask ${action === 'grow' ? 'grown' : 'shrunk'} by ${px} px.` });
    });
  const loadMaskFile = (file: File) =>
    work('Load mask from file', async () => {
      const doc = editorRef.current?.document;
      if (!doc) throw new Error('choose an init image first');
      const out = await runBlobOp({ op: 'mask-from-file', file, width: doc.width, height: doc.height });
      await loadMaskBlob(out.mask);
      setStatus({ kind: 'note', text: `Mask loaded from “${file.name}”, resized to ${doc.width}×${doc.height}.` });
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
      pendingMask.current = await blobPixels(out.mask);
      setStatus({ kind: 'note', text: `Extended ${side} by ${px} px (${out.width}×${out.height}); the new area and a 16 px overlap are masked.` });
      latest.current.props.onInitImageChange(out.image, { width: out.width, height: out.height });
    });

  useEffect(() => editorRef.current!.setTool(tool), [tool]);
  useEffect(() => editorRef.current!.setBrushSize(brushSize), [brushSize]);
  useEffect(() => editorRef.current!.setMaskOpacity(opacity), [opacity]);

  const maxBrush = display ? Math.max(64, Math.min(1024, Math.round(Math.max(display.width, display.height) / 2))) : 256;

  // Keyboard shortcuts, while focus is in the panel or nowhere in particular.
  const panelRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextEntry(e.target)) return;
      const active = document.activeElement;
      const inPanel = !active || active === document.body || !!panelRef.current?.contains(active);
      if (!inPanel) return;
      const action = actionForKey(e);
      const editor = editorRef.current;
      if (!action || !editor) return;
      const masking = latest.current.maskEnabled && !!editor.document;
      switch (action) {
        case 'undo':
          if (!masking) return;
          editor.undo();
          break;
        case 'redo':
          if (!masking) return;
          editor.redo();
          break;
        case 'brush':
        case 'eraser':
          if (!masking) return;
          setTool(action);
          break;
        case 'size-down':
        case 'size-up':
          if (!masking) return;
          setBrushSize((s) => stepBrushSize(s, action === 'size-up' ? 1 : -1, MIN_BRUSH, maxBrush));
          break;
        case 'zoom-in':
          editor.zoomBy(1.25);
          break;
        case 'zoom-out':
          editor.zoomBy(0.8);
          break;
        case 'fit':
          editor.fit();
          break;
        case 'cancel':
          if (!editor.cancelGesture()) return;
          break;
      }
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [maxBrush]);

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
              onTool={setTool}
              brushSize={Math.min(brushSize, maxBrush)}
              maxBrush={maxBrush}
              onBrushSize={setBrushSize}
              canUndo={history.canUndo}
              canRedo={history.canRedo}
              onUndo={() => editorRef.current?.undo()}
              onRedo={() => editorRef.current?.redo()}
              onClear={() => editorRef.current?.clearMask()}
              onInvert={() => editorRef.current?.invertMask()}
              opacity={opacity}
              onOpacity={setOpacity}
              disabled={!hasImage}
            />
            <MaskAdjustTools disabled={!hasImage} busy={working} onAdjust={(a, px) => void adjustMask(a, px)} onLoadFile={(f) => void loadMaskFile(f)} />
            {(props.inpaintControls ?? true) && (
              <>
                <InpaintAreaControls />
                <ExtendControls disabled={!hasImage || !display?.readable} busy={working} onExtend={(s, px, f) => void extend(s, px, f)} />
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
            ? 'Paint with the main button, a finger or a pen (pressure changes the width). '
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
