/**
 * The canvas core without React: wires DOM pointer, wheel and space-key input to the tools,
 * the tools to the mask document, and the document and view to the Konva stage. React
 * components drive it through a handful of methods; nothing per pointer move reaches React.
 */
import { BrushCursor } from './brush-cursor';
import { MaskDocument } from './mask-document';
import type { MaskChange } from './mask-document';
import type { StrokeMode } from './mask-ops';
import { MaskStage } from './mask-stage';
import { ShapeOverlay } from './shape-overlay';
import { StageInput } from './stage-input';
import { BrushTool } from './tools/brush-tool';
import { LassoTool, RectTool } from './tools/shape-tools';
import type { ShapeToolDeps } from './tools/shape-tools';
import { PanTool } from './tools/pan-tool';
import { PinchTool } from './tools/pinch-tool';
import { PointerRouter } from './tools/pointer-router';
import { regionToImage } from './mask-scale';
import { fitView, screenToImage, zoomAt } from './view-transform';
import type { View } from './view-transform';

export type PaintTool = 'brush' | 'eraser' | 'rect' | 'lasso';

export interface EditorCallbacks {
  /** Coarse: after commits, undo/redo, clear, invert, a new image. */
  onHistory(state: { canUndo: boolean; canRedo: boolean }): void;
  /** The committed mask changed (not called during a stroke). */
  onMaskChange(change: MaskChange, doc: MaskDocument): void;
  /** The zoom changed (wheel, pinch…): called often, keep it imperative. */
  onZoom?(scale: number): void;
}

export class MaskEditor {
  readonly stage: MaskStage;
  private doc: MaskDocument | undefined;
  private unsubscribe: (() => void) | undefined;
  private imageSize = { width: 0, height: 0 };
  private view: View = { scale: 1, x: 0, y: 0 };
  private autoFit = true;
  private viewport = { width: 0, height: 0 };
  private maskEnabled = false;
  private tool: PaintTool = 'brush';
  /** Whether the rectangle and the lasso fill or clear. */
  private shapeMode: StrokeMode = 'paint';
  private readonly overlay: ShapeOverlay;
  private readonly lasso: LassoTool;
  private brushSize = 48;
  private readonly router: PointerRouter;
  private readonly cursor: BrushCursor;
  private readonly input: StageInput;

  constructor(
    private readonly container: HTMLDivElement,
    private readonly callbacks: EditorCallbacks,
  ) {
    const rect = container.getBoundingClientRect();
    this.viewport = { width: Math.max(1, rect.width), height: Math.max(1, rect.height) };
    this.stage = new MaskStage(container, this.viewport.width, this.viewport.height);
    this.cursor = new BrushCursor(container);

    const viewDeps = { getView: () => this.view, setView: (v: View) => this.setView(v, false) };
    const brush = new BrushTool({
      target: () => this.doc,
      toImage: (x, y) => screenToImage(this.view, x, y),
      mode: (): StrokeMode => (this.tool === 'eraser' ? 'erase' : 'paint'),
      size: () => this.brushSize,
      changed: () => {
        const raster = this.doc?.raster;
        const region = raster?.takeDirty();
        if (raster && region) this.stage.maskChanged(regionToImage(region, raster.scale));
      },
    });
    this.overlay = new ShapeOverlay(container);
    const shapeDeps: ShapeToolDeps = {
      toImage: (x, y) => screenToImage(this.view, x, y),
      imagePerScreen: () => 1 / this.view.scale,
      imageSize: () => (this.doc ? { width: this.doc.width, height: this.doc.height } : undefined),
      preview: (shape) => this.overlay.show(shape, this.view),
      commit: (shape) => this.doc?.fillShape(this.shapeMode, shape),
    };
    const rectTool = new RectTool(shapeDeps);
    this.lasso = new LassoTool(shapeDeps);
    this.router = new PointerRouter({
      paintTool: () => {
        if (!this.maskEnabled || !this.doc) return undefined;
        return this.tool === 'rect' ? rectTool : this.tool === 'lasso' ? this.lasso : brush;
      },
      panTool: new PanTool(viewDeps),
      pinchTool: new PinchTool(viewDeps),
      spaceHeld: () => this.input.space,
    });
    this.input = new StageInput(container, {
      router: this.router,
      changed: () => this.updateCursor(),
      hasImage: () => this.imageSize.width > 0,
      wheel: (factor, x, y) => this.setView(zoomAt(this.view, factor, x, y), false),
      resize: (width, height) => this.resize(width, height),
    });
  }

  // ── Commands from the UI ────────────────────────────────────────────────────────────

  /** Shows an image (any drawable, tainted ones included). The mask survives same-size changes. */
  setImage(image: CanvasImageSource | undefined, width: number, height: number): void {
    this.router.interrupt('image-change');
    if (!image || width <= 0 || height <= 0) {
      this.dropDocument();
      this.imageSize = { width: 0, height: 0 };
      this.publishView();
      this.stage.setImage(undefined, 0, 0);
      this.stage.setMask(undefined);
      this.emitHistory();
      this.updateCursor();
      return;
    }
    const sameSize = this.doc && this.doc.width === width && this.doc.height === height;
    if (!sameSize) {
      this.dropDocument();
      this.doc = new MaskDocument(width, height);
      const doc = this.doc;
      this.unsubscribe = doc.onChange((change) => {
        // A commit changes no pixels (they were stamped live); the rest rebuild the raster.
        if (change !== 'commit') {
          doc.raster.takeDirty();
          this.stage.maskChanged();
        }
        this.emitHistory();
        this.callbacks.onMaskChange(change, doc);
      });
    }
    this.imageSize = { width, height };
    this.stage.setImage(image, width, height);
    this.stage.setMask(this.maskEnabled ? this.doc!.raster : undefined);
    if (!sameSize) this.fit();
    this.emitHistory();
  }

  /** Loads an existing mask (RGBA at the image's size); false when the size does not match. */
  loadMask(rgba: Uint8ClampedArray, width: number, height: number): boolean {
    const doc = this.doc;
    if (!doc || doc.width !== width || doc.height !== height) return false;
    this.router.interrupt('image-change');
    doc.loadMask(rgba);
    return true;
  }

  /** Loads a mask bitmap (white, value as alpha) at the image's size, which the document then owns; false when the size does not match. */
  loadOverlay(overlay: ImageBitmap, painted: boolean): boolean {
    const doc = this.doc;
    if (!doc || doc.width !== overlay.width || doc.height !== overlay.height) return false;
    this.router.interrupt('image-change');
    doc.loadOverlay(overlay, painted);
    return true;
  }

  setMaskEnabled(enabled: boolean): void {
    if (!enabled) this.router.interrupt('tool-change');
    this.maskEnabled = enabled;
    this.stage.setMask(enabled ? this.doc?.raster : undefined);
    this.updateCursor();
  }

  setTool(tool: PaintTool): void {
    if (tool !== this.tool) this.router.interrupt('tool-change');
    this.tool = tool;
    this.updateCursor();
  }

  /** Whether the rectangle and the lasso fill (paint) or clear (erase). */
  setShapeMode(mode: StrokeMode): void {
    this.shapeMode = mode;
  }

  /** Enter: closes a lasso polygon in progress; true when there was one. */
  finishGesture(): boolean {
    return this.tool === 'lasso' && this.lasso.close();
  }

  setBrushSize(size: number): void {
    this.brushSize = size;
    this.updateCursor();
  }

  setMaskOpacity(opacity: number): void {
    this.stage.setMaskOpacity(opacity);
  }

  undo(): void {
    this.router.interrupt('history');
    this.doc?.undo();
  }

  redo(): void {
    this.router.interrupt('history');
    this.doc?.redo();
  }

  clearMask(): void {
    this.router.interrupt('history');
    this.doc?.clear();
  }

  invertMask(): void {
    this.router.interrupt('history');
    this.doc?.invert();
  }

  /** Escape: drops a stroke or shape in progress, stops a pan. */
  cancelGesture(): boolean {
    const busy = this.router.state !== 'idle';
    this.router.interrupt('escape');
    return busy;
  }

  zoomBy(factor: number): void {
    this.setView(zoomAt(this.view, factor, this.viewport.width / 2, this.viewport.height / 2), false);
  }

  fit(): void {
    this.setView(fitView(this.imageSize.width, this.imageSize.height, this.viewport.width, this.viewport.height), true);
  }

  get document(): MaskDocument | undefined {
    return this.doc;
  }

  get state() {
    return this.router.state;
  }

  destroy(): void {
    this.router.interrupt('dispose');
    this.input.destroy();
    this.dropDocument();
    this.stage.destroy();
    this.overlay.destroy();
    this.cursor.destroy();
  }

  // ── Internals ───────────────────────────────────────────────────────────────────────

  private dropDocument(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.doc?.dispose();
    this.doc = undefined;
  }

  private emitHistory(): void {
    this.callbacks.onHistory({ canUndo: !!this.doc?.canUndo, canRedo: !!this.doc?.canRedo });
  }

  private setView(view: View, autoFit: boolean): void {
    this.view = view;
    this.autoFit = autoFit;
    this.stage.setView(view);
    this.publishView();
    this.overlay.render(view);
    this.updateCursor();
    this.callbacks.onZoom?.(view.scale);
  }

  /**
   * The view transform and the image size, as data on the stage element (`data-view`: screen =
   * image × scale + (x, y), CSS pixels from the stage's top-left corner): the end-to-end tests aim
   * at image pixels with it instead of working the fit out again.
   */
  private publishView(): void {
    const { scale, x, y } = this.view;
    this.container.dataset.view = JSON.stringify({ scale, x, y, width: this.imageSize.width, height: this.imageSize.height });
  }

  private resize(width: number, height: number): void {
    if (width <= 0 || height <= 0) return;
    this.viewport = { width, height };
    this.input.measure();
    this.stage.setViewportSize(width, height);
    if (this.autoFit) this.fit();
  }

  private updateCursor(): void {
    const { lastPointer: p, space, hovering } = this.input;
    const painting = this.maskEnabled && !!this.doc && !space;
    const brushLike = this.tool === 'brush' || this.tool === 'eraser';
    const show = painting && brushLike && hovering && !!p && p.type !== 'touch' && this.router.state !== 'panning';
    this.container.style.cursor =
      this.router.state === 'panning' ? 'grabbing' : painting ? (show ? 'none' : 'crosshair') : this.imageSize.width ? 'grab' : 'default';
    this.cursor.show(show ? p : undefined, this.brushSize * this.view.scale);
  }
}
