/**
 * The baseline: Konva's free-drawing demo approach, one Konva.Line per stroke with the
 * points array growing on every move, erasing by `destination-out` lines, Konva defaults
 * otherwise (listening layers, auto draw). Coalesced samples are added too, so both sides
 * paint the same strokes. Only for the bench.
 */
import Konva from 'konva/lib/Core';
import { Image as KonvaImage } from 'konva/lib/shapes/Image';
import { Line } from 'konva/lib/shapes/Line';
import { fitView } from '../../src/features/canvas/view-transform';

export class BaselineLineTool {
  readonly stage: Konva.Stage;
  readonly drawLayer: Konva.Layer;
  readonly view;
  private painting = false;
  private readonly rect: DOMRect;
  private lastLine: Line | undefined;

  constructor(
    container: HTMLDivElement,
    image: CanvasImageSource,
    readonly imageSize: number,
    private readonly brushSize: number,
  ) {
    // The bench draws each frame itself (drawNow) and times it; Konva's own batched redraw
    // would draw everything a second time, unmeasured, and its cost would land in the next
    // measurement. One draw per frame, as in the app.
    Konva.autoDrawEnabled = false;
    this.rect = container.getBoundingClientRect();
    const { width, height } = this.rect;
    this.view = fitView(imageSize, imageSize, width, height);
    this.stage = new Konva.Stage({ container, width, height, scaleX: this.view.scale, scaleY: this.view.scale, x: this.view.x, y: this.view.y });
    const imageLayer = new Konva.Layer();
    imageLayer.add(new KonvaImage({ image, width: imageSize, height: imageSize }));
    this.drawLayer = new Konva.Layer();
    this.stage.add(imageLayer, this.drawLayer);
    // The overlay's transparency as CSS, so erasing lines still cut through fully.
    this.drawLayer.getNativeCanvasElement().style.opacity = '0.5';
    this.stage.draw();

    this.stage.on('pointerdown', (e) => {
      this.painting = true;
      const pos = this.toImage(e.evt as PointerEvent);
      this.lastLine = new Line({
        stroke: '#f43f5e',
        strokeWidth: this.brushSize,
        globalCompositeOperation: 'source-over',
        lineCap: 'round',
        lineJoin: 'round',
        points: [pos.x, pos.y, pos.x, pos.y],
      });
      this.drawLayer.add(this.lastLine);
    });
    this.stage.on('pointerup', () => {
      this.painting = false;
    });
    this.stage.on('pointermove', (e) => {
      if (!this.painting || !this.lastLine) return;
      e.evt.preventDefault();
      const evt = e.evt as PointerEvent;
      const list = evt.getCoalescedEvents?.() ?? [];
      const points = this.lastLine.points().slice();
      for (const c of list.length ? list : [evt]) {
        const p = this.toImage(c);
        points.push(p.x, p.y);
      }
      this.lastLine.points(points);
    });
  }

  get strokes(): number {
    return this.drawLayer.getChildren().length;
  }

  /** The overlay, drawn now (scene and hit graph, as Konva's own batched draw would). */
  drawNow(): void {
    this.drawLayer.draw();
  }

  /** The mask at the image's size the way this approach gets it: re-render the lines. */
  renderMask(): HTMLCanvasElement {
    const { scale, x, y } = this.view;
    return this.drawLayer.toCanvas({ x, y, width: this.imageSize * scale, height: this.imageSize * scale, pixelRatio: 1 / scale });
  }

  destroy(): void {
    this.stage.destroy();
  }

  private toImage(e: PointerEvent): { x: number; y: number } {
    const rect = this.rect;
    return { x: (e.clientX - rect.left - this.view.x) / this.view.scale, y: (e.clientY - rect.top - this.view.y) / this.view.scale };
  }
}
