/**
 * The canvas panel: bring an init image in, paint an inpainting mask over it, see the mask
 * exactly as it will be sent. The lazy entry point of the canvas feature (Konva loads with
 * this module only).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ImageSourceBar } from './image-source-bar';
import type { LoadedImage } from './image-source';
import { SHORTCUT_HELP } from './keyboard-shortcuts';
import type { PaintTool } from './mask-editor';
import { MaskPreview } from './mask-preview';
import type { StrokeMode } from './mask-ops';
import { MaskToolbar } from './mask-toolbar';
import { useCanvasEditor } from './use-canvas-editor';
import type { CanvasStatus } from './use-canvas-editor';
import { useCanvasKeys } from './use-canvas-keys';
import { useDisplayImage } from './use-display-image';
import type { DisplayImage } from './use-display-image';
import { useImageInput } from './use-image-input';
import { ZoomControls } from './zoom-controls';
import { ExtendControls, InpaintAreaControls, MaskAdjustTools } from './inpaint-controls';
import { useMaskOperations } from './use-mask-operations';


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

/** The stage's accessible name: what it shows, and what painting does. */
function stageLabel(maskEnabled: boolean, display: DisplayImage | undefined): string {
  const size = display ? `${display.width}×${display.height}` : undefined;
  if (maskEnabled) return `Mask canvas${size ? `: ${size} init image, paint to mark what should change` : ', no image yet'}`;
  return `Init image${size ? `: ${size}` : ', none yet'}`;
}

export default function CanvasPanel(props: CanvasPanelProps) {
  const { initImage, maskEnabled, maxSide, multipleOf } = props;
  const titleId = useId();
  const helpId = useId();
  const [status, setStatus] = useState<CanvasStatus>();
  const [tool, setTool] = useState<PaintTool>('brush');
  const [shapeMode, setShapeMode] = useState<StrokeMode>('paint');
  const [brushSize, setBrushSize] = useState(48);
  const [opacity, setOpacity] = useState(0.5);

  // Callbacks and flags the long-lived editor reads: always the latest, without re-creating it.
  const latest = useRef({ props, maskEnabled });
  useEffect(() => {
    latest.current = { props, maskEnabled };
  });

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

  const { stageRef, zoomLabelRef, editorRef, exporterRef, mask, history, holdMask } = useCanvasEditor({
    latest,
    maskEnabled,
    maskProp: props.mask,
    display,
    onFlushReady: props.onFlushReady,
    setStatus,
    setBrushSize,
    tools: { tool, shapeMode, brushSize, opacity },
  });

  const ops = useMaskOperations({
    editorRef,
    exporterRef,
    display,
    onStatus: setStatus,
    onExtended: (image, mask, size) => {
      holdMask(mask);
      latest.current.props.onInitImageChange(image, size);
    },
  });

  const chooseTool = (next: PaintTool) => {
    setTool(next);
    // The brush and the eraser also set what the rectangle and the lasso do.
    if (next === 'brush') setShapeMode('paint');
    if (next === 'eraser') setShapeMode('erase');
  };


  const maxBrush = display ? Math.max(64, Math.min(1024, Math.round(Math.max(display.width, display.height) / 2))) : 256;

  const panelRef = useRef<HTMLElement>(null);
  const { runAction } = useCanvasKeys({ panelRef, editorRef, masking: () => latest.current.maskEnabled, onTool: chooseTool, onBrushSize: setBrushSize, maxBrush });

  const hasImage = !!display;
  return (
    <section
      ref={panelRef}
      aria-labelledby={titleId}
      className="@container relative flex flex-col rounded-lg border border-zinc-800 bg-zinc-900 text-sm text-zinc-200"
      {...input.dropHandlers}
    >
      <header className="flex flex-col gap-2 border-b border-zinc-800 p-3">
        <CanvasTitle
          id={titleId}
          maskEnabled={maskEnabled}
          display={display}
          onRemove={() => {
            setStatus(undefined);
            latest.current.props.onInitImageChange(undefined);
          }}
        />
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
            aria-label={stageLabel(maskEnabled, display)}
            aria-describedby={helpId}
            tabIndex={0}
            className="absolute inset-0 touch-none outline-none select-none focus-visible:ring-2 focus-visible:ring-amber-400 focus-visible:ring-inset"
          />
          <StageOverlay hasImage={hasImage} loading={loading} dragging={input.dragging} maxSide={maxSide} />
          {hasImage && (
            <ZoomControls
              labelRef={zoomLabelRef}
              onRun={runAction}
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

      <CanvasHelp id={helpId} maskEnabled={maskEnabled} />
    </section>
  );
}

function StatusLine({ status }: { status: CanvasStatus }) {
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

/** What the pointer and the keys do (the keys from the action table). */
function CanvasHelp({ id, maskEnabled }: { id: string; maskEnabled: boolean }) {
  return (
    <details className="mx-3 mb-3 text-xs text-zinc-400">
      <summary className="cursor-pointer text-zinc-300 hover:text-zinc-100">Keyboard and mouse</summary>
      <p id={id} className="mt-2">
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
  );
}

/** The panel's title, the picture's size and "Remove image". */
function CanvasTitle({ id, maskEnabled, display, onRemove }: { id: string; maskEnabled: boolean; display: DisplayImage | undefined; onRemove(): void }) {
  return (
    <div className="flex items-center justify-between gap-2">
      <h2 id={id} className="text-sm font-semibold text-zinc-100">
        {maskEnabled ? 'Init image and mask' : 'Init image'}
      </h2>
      {display && (
        <p className="ml-auto font-mono text-xs text-zinc-400">
          {display.width}×{display.height} px{display.readable ? '' : ', sent as a URL'}
        </p>
      )}
      {display && (
        <button
          type="button"
          className="rounded px-2 py-1 text-xs text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-amber-400"
          onClick={onRemove}
        >
          Remove image
        </button>
      )}
    </div>
  );
}

/** Over the stage: what to do with no image yet, and the drop target while a file is dragged over. */
function StageOverlay({ hasImage, loading, dragging, maxSide }: { hasImage: boolean; loading: boolean; dragging: boolean; maxSide?: number }) {
  return (
    <>
      {!hasImage && (
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center gap-2 p-6 text-center">
          <p className="text-base text-zinc-200">{loading ? 'Loading the image…' : 'Choose an image, drop one here, or paste from the clipboard'}</p>
          <p className="max-w-sm text-xs text-zinc-500">
            PNG, JPEG, WebP or GIF, or an image URL.
            {maxSide ? ` Images larger than ${maxSide} px on a side are scaled down.` : ''}
          </p>
        </div>
      )}
      {dragging && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center border-2 border-dashed border-amber-400 bg-amber-500/10 text-amber-100">
          Drop the image to use it
        </div>
      )}
    </>
  );
}
