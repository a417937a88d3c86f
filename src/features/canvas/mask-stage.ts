/**
 * The Konva side: a stage with two layers, the init image and the mask overlay. The editor
 * pushes state in (image, raster, view, opacity) and asks for draws; nothing reads back
 * from Konva. Layers do not listen: pointer input goes through the editor's own handlers.
 *
 * The overlay is the raster's tiles (`mask-raster.ts`; blank ones are not drawn) in one shape,
 * tinted by a rectangle composited `source-atop`, so the raster itself stays white. While painting, the
 * overlay layer is redrawn only inside the region the new stamps touched (a clip, and no
 * clear before draw), so a pointer move costs the same on an empty mask as on a busy one and
 * does not depend on the image size. Anything else (view, opacity, undo…) redraws it all.
 */
import Konva from 'konva/lib/Core';
import { Image as KonvaImage } from 'konva/lib/shapes/Image';
import { Rect } from 'konva/lib/shapes/Rect';
import { Shape } from 'konva/lib/Shape';
import type { MaskRaster } from './mask-raster';
import type { View } from './view-transform';

export const MASK_TINT = '#f43f5e';

type Region = { x: number; y: number; width: number; height: number };

/** Far beyond any stage: "redraw everything" as a clip rectangle. */
const EVERYWHERE: Region = { x: -1e7, y: -1e7, width: 2e7, height: 2e7 };
const NOWHERE: Region = { x: 0, y: 0, width: 0, height: 0 };

export class MaskStage {
  private readonly stage: Konva.Stage;
  private readonly imageLayer: Konva.Layer;
  private readonly maskLayer: Konva.Layer;
  private readonly imageNode: KonvaImage;
  private readonly frameNode: Rect;
  private readonly eraseNode: Rect;
  private readonly maskNode: Shape;
  private raster: MaskRaster | undefined;
  private readonly tintNode: Rect;
  private hasImage = false;
  private scale = 1;
  private offset = { x: 0, y: 0 };
  /**
   * What the next overlay draw repaints: a region in image pixels, everything, or nothing
   * (undefined: a draw nobody asked for, e.g. a batched draw already done by drawMaskNow).
   * Every change that is not a stamp (view, size, image, opacity, undo…) asks for 'all'.
   */
  private pending: Region | 'all' | undefined = 'all';

  constructor(container: HTMLDivElement, viewWidth: number, viewHeight: number) {
    this.stage = new Konva.Stage({ container, width: viewWidth, height: viewHeight, listening: false });
    this.imageLayer = new Konva.Layer({ listening: false });
    this.maskLayer = new Konva.Layer({
      listening: false,
      visible: false,
      clearBeforeDraw: false,
      clipFunc: (ctx) => {
        const r = this.pending === 'all' ? EVERYWHERE : this.pending ? this.snapToDevice(this.pending) : NOWHERE;
        ctx.rect(r.x, r.y, r.width, r.height);
      },
    });
    this.maskLayer.on('draw', () => {
      this.pending = undefined;
    });
    const still = { listening: false, perfectDrawEnabled: false };
    this.frameNode = new Rect({ ...still, fill: '#18181b', stroke: '#3f3f46', strokeWidth: 1, strokeScaleEnabled: false });
    this.imageNode = new KonvaImage({ ...still, image: undefined });
    // Clears the clipped region (the layer is not cleared before drawing).
    this.eraseNode = new Rect({ ...still, ...EVERYWHERE, fill: '#000', globalCompositeOperation: 'destination-out' });
    // The tiles, each at its place in image pixels; its edges fall on the same coordinates as its neighbours'.
    this.maskNode = new Shape({
      ...still,
      opacity: 0.5,
      sceneFunc: (ctx) => {
        const raster = this.raster;
        if (!raster) return;
        const k = 1 / raster.scale;
        for (const t of raster.drawnTiles()) ctx.drawImage(t.canvas, t.x * k, t.y * k, t.width * k, t.height * k);
      },
    });
    this.tintNode = new Rect({ ...still, fill: MASK_TINT, globalCompositeOperation: 'source-atop' });
    this.imageLayer.add(this.frameNode, this.imageNode);
    this.maskLayer.add(this.eraseNode, this.maskNode, this.tintNode);
    this.stage.add(this.imageLayer, this.maskLayer);
  }

  setViewportSize(width: number, height: number): void {
    this.stage.size({ width, height });
    this.redrawAll();
  }

  setView(view: View): void {
    this.scale = view.scale;
    this.offset = { x: view.x, y: view.y };
    this.stage.scale({ x: view.scale, y: view.scale });
    this.stage.position({ x: view.x, y: view.y });
    // Zoomed in, show pixels as pixels: the mask is binary and should look it.
    const smooth = view.scale < 2;
    if (this.imageLayer.imageSmoothingEnabled() !== smooth) {
      this.imageLayer.imageSmoothingEnabled(smooth);
      this.maskLayer.imageSmoothingEnabled(smooth);
    }
    this.redrawAll();
  }

  /** The init image (any drawable, CORS-tainted ones included) at its pixel size. */
  setImage(image: CanvasImageSource | undefined, width: number, height: number): void {
    this.hasImage = !!image && width > 0 && height > 0;
    this.imageNode.setAttrs({ image, width, height });
    this.frameNode.setAttrs({ width, height, visible: this.hasImage });
    this.maskNode.size({ width, height });
    this.tintNode.size({ width, height });
    this.redrawAll();
  }

  /** The mask raster to show; undefined hides the overlay. */
  setMask(raster: MaskRaster | undefined): void {
    this.raster = raster;
    this.maskLayer.visible(!!raster && this.hasImage);
    this.redrawAll();
  }

  setMaskOpacity(opacity: number): void {
    this.maskNode.opacity(opacity);
    this.redrawAll();
  }

  /**
   * The raster changed, inside `region` (image pixels) or anywhere: redraw the overlay on the
   * next frame, however many changes arrive before it.
   */
  maskChanged(region?: Region): void {
    if (!region) this.pending = 'all';
    else if (this.pending !== 'all') {
      const grown = grow(region, Math.max(2, 3 / this.scale));
      this.pending = this.pending ? union(this.pending, grown) : grown;
    }
    this.maskLayer.batchDraw();
  }

  /** Draws the overlay now, as the frame after a pointer move would (the bench times this). */
  drawMaskNow(): void {
    this.maskLayer.draw();
  }

  /** The layers' canvases (image, mask), for the bench to dispatch to and to force a flush. */
  layerCanvases(): HTMLCanvasElement[] {
    return [this.imageLayer.getNativeCanvasElement(), this.maskLayer.getNativeCanvasElement()];
  }

  destroy(): void {
    this.imageNode.image(undefined);
    this.raster = undefined;
    this.stage.destroy();
  }

  /**
   * A region in image pixels, grown to whole device pixels. The overlay is not cleared before a
   * partial redraw: a clip edge through the middle of a device pixel would erase and redraw that
   * pixel only in part, and each pointer move left a faint line there (the vertical bands seen
   * while painting at 12 % zoom).
   */
  private snapToDevice(r: Region): Region {
    const ratio = this.maskLayer.getCanvas().getPixelRatio();
    const k = this.scale * ratio;
    const left = Math.floor((r.x * this.scale + this.offset.x) * ratio);
    const top = Math.floor((r.y * this.scale + this.offset.y) * ratio);
    const right = Math.ceil(((r.x + r.width) * this.scale + this.offset.x) * ratio);
    const bottom = Math.ceil(((r.y + r.height) * this.scale + this.offset.y) * ratio);
    const x = (left - this.offset.x * ratio) / k;
    const y = (top - this.offset.y * ratio) / k;
    return { x, y, width: (right - this.offset.x * ratio) / k - x, height: (bottom - this.offset.y * ratio) / k - y };
  }

  private redrawAll(): void {
    this.pending = 'all';
    this.stage.batchDraw();
  }
}

function grow(r: Region, by: number): Region {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

function union(a: Region, b: Region): Region {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}
