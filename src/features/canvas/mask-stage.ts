/**
 * The Konva side: a stage with two layers, the init image and the mask overlay. The editor
 * pushes state in (image, raster, view, opacity) and asks for draws; nothing reads back
 * from Konva. The overlay is the raster drawn as a Konva.Image, tinted by a rectangle
 * composited `source-in`, so the raster itself stays white and ready for export. Layers
 * do not listen: pointer input goes through the editor's own handlers.
 */
import Konva from 'konva/lib/Core';
import { Image as KonvaImage } from 'konva/lib/shapes/Image';
import { Rect } from 'konva/lib/shapes/Rect';
import type { View } from './view-transform';

export const MASK_TINT = '#f43f5e';

export class MaskStage {
  private readonly stage: Konva.Stage;
  private readonly imageLayer: Konva.Layer;
  private readonly maskLayer: Konva.Layer;
  private readonly imageNode: KonvaImage;
  private readonly frameNode: Rect;
  private readonly maskNode: KonvaImage;
  private readonly tintNode: Rect;
  private hasImage = false;
  private scale = 1;

  constructor(container: HTMLDivElement, viewWidth: number, viewHeight: number) {
    this.stage = new Konva.Stage({ container, width: viewWidth, height: viewHeight, listening: false });
    this.imageLayer = new Konva.Layer({ listening: false });
    this.maskLayer = new Konva.Layer({ listening: false, visible: false });
    this.frameNode = new Rect({ listening: false, fill: '#18181b', stroke: '#3f3f46', strokeWidth: 1, strokeScaleEnabled: false, perfectDrawEnabled: false });
    this.imageNode = new KonvaImage({ image: undefined, listening: false, perfectDrawEnabled: false });
    this.maskNode = new KonvaImage({ image: undefined, listening: false, perfectDrawEnabled: false, opacity: 0.5 });
    this.tintNode = new Rect({ listening: false, fill: MASK_TINT, globalCompositeOperation: 'source-in', perfectDrawEnabled: false });
    this.imageLayer.add(this.frameNode, this.imageNode);
    this.maskLayer.add(this.maskNode, this.tintNode);
    this.stage.add(this.imageLayer, this.maskLayer);
  }

  setViewportSize(width: number, height: number): void {
    this.stage.size({ width, height });
    this.stage.batchDraw();
  }

  setView(view: View): void {
    this.scale = view.scale;
    this.stage.scale({ x: view.scale, y: view.scale });
    this.stage.position({ x: view.x, y: view.y });
    // Zoomed in, show pixels as pixels: the mask is binary and should look it.
    const smooth = view.scale < 2;
    if (this.imageLayer.imageSmoothingEnabled() !== smooth) {
      this.imageLayer.imageSmoothingEnabled(smooth);
      this.maskLayer.imageSmoothingEnabled(smooth);
    }
    this.stage.batchDraw();
  }

  get viewScale(): number {
    return this.scale;
  }

  /** The init image (any drawable, CORS-tainted ones included) at its pixel size. */
  setImage(image: CanvasImageSource | undefined, width: number, height: number): void {
    this.hasImage = !!image && width > 0 && height > 0;
    this.imageNode.setAttrs({ image, width, height });
    this.frameNode.setAttrs({ width, height, visible: this.hasImage });
    this.maskNode.size({ width, height });
    this.tintNode.size({ width, height });
    this.stage.batchDraw();
  }

  /** The mask raster to show; undefined hides the overlay. */
  setMask(raster: HTMLCanvasElement | undefined): void {
    this.maskNode.image(raster);
    this.maskLayer.visible(!!raster && this.hasImage);
    this.maskLayer.batchDraw();
  }

  setMaskOpacity(opacity: number): void {
    this.maskNode.opacity(opacity);
    this.maskLayer.batchDraw();
  }

  /** The raster changed: redraw the overlay on the next frame (one draw however many changes). */
  maskChanged(): void {
    this.maskLayer.batchDraw();
  }

  /** Draws everything now (the bench uses this to time a draw synchronously). */
  drawNow(): void {
    this.stage.draw();
  }

  /** The overlay layer's canvas, for the bench to force a flush. */
  layerCanvases(): HTMLCanvasElement[] {
    return [this.imageLayer.getNativeCanvasElement(), this.maskLayer.getNativeCanvasElement()];
  }

  destroy(): void {
    this.imageNode.image(undefined);
    this.maskNode.image(undefined);
    this.stage.destroy();
  }
}
