/**
 * The canvas panel: bring an init image in, paint an inpainting mask over it, see the mask
 * exactly as it will be sent. The lazy entry point of the canvas feature (Konva loads with
 * this module only). The editor's life is in `use-canvas-editor.ts`; the plain parts (title,
 * status, overlay, help) in `canvas-panel-parts.tsx`.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { CanvasHelp, CanvasTitle, StageOverlay, StatusLine, stageLabel } from './canvas-panel-parts';
import { ImageSourceBar } from './image-source-bar';
import type { LoadedImage } from './image-source';
import type { Rect } from '../../lib/inpaint/types';
import type { BoxRgba } from '../../lib/inpaint/mask-box';
import type { PaintTool } from './mask-editor';
import type { ExportedMaskFile } from './mask-export-scheduler';
import { MaskPreview } from './mask-preview';
import type { StrokeMode } from './mask-ops';
import { MaskToolbar } from './mask-toolbar';
import { useCanvasEditor } from './use-canvas-editor';
import type { CanvasStatus } from './use-canvas-editor';
import { useCanvasKeys } from './use-canvas-keys';
import { useDisplayImage } from './use-display-image';
import type { DisplayImage } from './use-display-image';
import { rememberPreview } from './preview-cache';
import { useImageInput } from './use-image-input';
import { ZoomControls } from './zoom-controls';
import { ExtendControls, InpaintAreaControls, MaskAdjustTools } from './inpaint-controls';
import { useMaskOperations } from './use-mask-operations';
import { useExtendUndo, useExtendUndoActions } from './use-extend-undo';

export interface CanvasPanelProps {
  /** The init image as a data URL or http(s) URL, or undefined when none is chosen. */
  initImage: string | undefined;
  /** May return the source it will hand back as `initImage` (so a preview made at load is used for it). */
  onInitImageChange(dataUrlOrUrl: string | Blob | undefined, info?: { width: number; height: number; note?: string }): string | void;
  /** When true, the mask tools are shown and the mask is exported through onMaskChange. */
  maskEnabled: boolean;
  /**
   * Called after a stroke ends (debounced) with the mask as a PNG Blob at the init image's pixel
   * size, white = repaint, black = keep, and a box holding every painted pixel when the operations
   * tell (null: none; undefined: unknown), and that box's pixels as encoded (RGBA, when not too
   * large); undefined when empty. Returns the source it will hand
   * back as `mask` for it (so the panel knows its own mask and does not load it again).
   */
  onMaskChange(mask: Blob | undefined, box?: Rect | null, pixels?: BoxRgba): string | void;
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

  const extendUndo = useExtendUndo();
  const forgetExtends = extendUndo.forget;
  const accept = useCallback((loaded: LoadedImage, how: string) => {
    if (how !== 'Init image resized') forgetExtends();
    const size = `${loaded.width}×${loaded.height}`;
    // Loaded is a success; a note about how (scaled, a URL the browser cannot read) is worth the amber.
    setStatus(loaded.note ? { kind: 'note', text: `${how} (${size}). ${loaded.note}` } : { kind: 'success', text: `${how} (${size}).` });
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

  const { stageRef, zoomLabelRef, editorRef, exporterRef, mask, history, holdMask, hasMask } = useCanvasEditor({
    latest,
    display,
    onFlushReady: props.onFlushReady,
    setStatus,
    setBrushSize,
    tools: { tool, shapeMode, brushSize, opacity, maskEnabled, maskProp: props.mask },
  });

  const { undo, extended } = useExtendUndoActions({ extendUndo, editorRef, holdMask, hasMask, display, latest, setStatus });
  const ops = useMaskOperations({ editorRef, exporterRef, display, onStatus: setStatus, onExtended: extended });

  const chooseTool = (next: PaintTool) => {
    // Only the tool: Fill / Cut out is the shape tools' own choice, which the brush and eraser leave alone.
    setTool(next);
  };

  const maxBrush = display ? Math.max(64, Math.min(1024, Math.round(Math.max(display.width, display.height) / 2))) : 256;

  const hasImage = !!display;
  const actionState = { masking: maskEnabled && hasImage, canUndo: history.canUndo || extendUndo.canUndo, canRedo: history.canRedo };
  const panelRef = useRef<HTMLElement>(null);
  const runAction = useCanvasKeys({ panelRef, editorRef, state: actionState, onTool: chooseTool, onBrushSize: setBrushSize, maxBrush, onUndo: undo });

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
            extendUndo.forget();
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
            <ZoomControls labelRef={zoomLabelRef} onRun={runAction} />
          )}
        </div>

        {maskEnabled && (
          <aside aria-label="Mask" className="flex flex-col gap-4">
            <MaskToolbar
              tool={tool}
              actions={actionState}
              onAction={runAction}
              shapeMode={shapeMode}
              onShapeMode={setShapeMode}
              brushSize={Math.min(brushSize, maxBrush)}
              maxBrush={maxBrush}
              onBrushSize={setBrushSize}
              onClear={() => editorRef.current?.clearMask()}
              onInvert={() => editorRef.current?.invertMask()}
              opacity={opacity}
              onOpacity={setOpacity}
              disabled={!hasImage}
            />
            <MaskOperations display={display} ops={ops} inpaintControls={props.inpaintControls ?? true} mask={mask} />
          </aside>
        )}
      </div>

      <CanvasHelp id={helpId} maskEnabled={maskEnabled} />
    </section>
  );
}

/** Under the mask tools: grow/shrink/feather and a mask file, "Inpaint area" and "Extend", and the mask as sent. */
function MaskOperations({
  display,
  ops,
  inpaintControls,
  mask,
}: {
  display: DisplayImage | undefined;
  ops: ReturnType<typeof useMaskOperations>;
  inpaintControls: boolean;
  mask: ExportedMaskFile | undefined;
}) {
  const hasImage = !!display;
  return (
    <>
      <MaskAdjustTools disabled={!hasImage} busy={ops.working} onAdjust={(a, px) => void ops.adjustMask(a, px)} onLoadFile={(f) => void ops.loadMaskFile(f)} />
      {inpaintControls && (
        <>
          <InpaintAreaControls />
          <ExtendControls disabled={!hasImage || !display?.readable} busy={ops.working} onExtend={(s, px, f) => void ops.extend(s, px, f)} />
        </>
      )}
      <MaskPreview mask={hasImage ? mask : undefined} />
    </>
  );
}
