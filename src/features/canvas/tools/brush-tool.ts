/**
 * Brush and eraser: idle ⇄ painting. Samples go straight to the paint target (which stamps
 * them onto the raster); pointer-up commits the stroke as plain data. Escape and pointer
 * cancel drop the stroke; other interruptions (blur, undo, tool change) commit it.
 */
import type { StrokeMode } from '../mask-ops';
import type { InterruptReason, PointerInput, Tool, ToolState } from './tool-types';

export interface PaintTarget {
  beginStroke(mode: StrokeMode, size: number, x: number, y: number, pressure: number): void;
  extendStroke(x: number, y: number, pressure: number): void;
  endStroke(): void;
  abortStroke(): void;
}

export interface BrushToolDeps {
  target(): PaintTarget | undefined;
  /** Container CSS pixels to image pixels. */
  toImage(x: number, y: number): { x: number; y: number };
  mode(): StrokeMode;
  /** Brush diameter in image pixels. */
  size(): number;
  /** The raster changed: schedule a redraw. */
  changed(): void;
}

export class BrushTool implements Tool {
  state: ToolState = 'idle';
  private pointerId = -1;
  private target: PaintTarget | undefined;

  constructor(private readonly deps: BrushToolDeps) {}

  down(input: PointerInput): void {
    if (this.state !== 'idle') return;
    const target = this.deps.target();
    if (!target) return;
    const [first, ...rest] = input.samples.length ? input.samples : [{ x: input.x, y: input.y, pressure: 1 }];
    const p = this.deps.toImage(first!.x, first!.y);
    this.state = 'painting';
    this.pointerId = input.id;
    this.target = target;
    target.beginStroke(this.deps.mode(), this.deps.size(), p.x, p.y, first!.pressure);
    this.feed(rest);
  }

  move(input: PointerInput): void {
    if (this.state !== 'painting' || input.id !== this.pointerId) return;
    this.feed(input.samples);
  }

  up(input: PointerInput): void {
    if (this.state !== 'painting' || input.id !== this.pointerId) return;
    this.feed(input.samples);
    this.finish(true);
  }

  cancel(): void {
    if (this.state === 'painting') this.finish(false);
  }

  interrupt(reason: InterruptReason): void {
    if (this.state === 'painting') this.finish(reason !== 'escape' && reason !== 'image-change' && reason !== 'dispose');
  }

  private feed(samples: readonly { x: number; y: number; pressure: number }[]): void {
    if (!samples.length || !this.target) return;
    for (const s of samples) {
      const p = this.deps.toImage(s.x, s.y);
      this.target.extendStroke(p.x, p.y, s.pressure);
    }
    this.deps.changed();
  }

  private finish(commit: boolean): void {
    const target = this.target;
    this.state = 'idle';
    this.pointerId = -1;
    this.target = undefined;
    if (!target) return;
    if (commit) target.endStroke();
    else target.abortStroke();
    this.deps.changed();
  }
}
