/**
 * Rectangle and lasso: shape tools fed with plain pointer data, like the brush. The rectangle
 * is a drag (idle → painting → idle): pointer-up fills the box. The lasso is either a freehand
 * drag (pointer-up closes and fills the outline) or a polygon of clicks that stays open between
 * them: a click near the first point, a double click or Enter closes it. Escape (and a pointer
 * cancel) drop the shape; undo, a tool change or a new image drop an unfinished one too.
 * Nothing reaches the mask until the shape is closed: one shape is one undo step.
 */
import { addLassoPoint, closesPolygon, packPoints, rectFromDrag } from '../shape-geometry';
import type { MaskShape, Point } from '../shape-geometry';
import type { InterruptReason, PointerInput, Tool, ToolState } from './tool-types';

export interface ShapeToolDeps {
  /** Container CSS pixels to image pixels. */
  toImage(x: number, y: number): Point;
  /** Image pixels per CSS pixel (1 / view scale), for tolerances given on screen. */
  imagePerScreen(): number;
  imageSize(): { width: number; height: number } | undefined;
  /** Shows the shape in progress (image pixels); undefined hides it. */
  preview(shape: { kind: 'rect'; a: Point; b: Point } | { kind: 'path'; points: readonly Point[]; cursor?: Point } | undefined): void;
  /** Fills the closed shape into the mask. */
  commit(shape: MaskShape): void;
}

/** A drag shorter than this (CSS pixels) is a click. */
const CLICK_SLOP = 4;
/** A click this close (CSS pixels) to the first point closes the polygon. */
const CLOSE_DISTANCE = 10;
/** Freehand outlines keep a point every this many CSS pixels. */
const FREEHAND_STEP = 2;

export class RectTool implements Tool {
  state: ToolState = 'idle';
  private pointerId = -1;
  private start: Point = { x: 0, y: 0 };
  private end: Point = { x: 0, y: 0 };

  constructor(private readonly deps: ShapeToolDeps) {}

  down(input: PointerInput): void {
    if (this.state !== 'idle' || !this.deps.imageSize()) return;
    this.state = 'painting';
    this.pointerId = input.id;
    this.start = this.end = this.deps.toImage(input.x, input.y);
    this.deps.preview({ kind: 'rect', a: this.start, b: this.end });
  }

  move(input: PointerInput): void {
    if (this.state !== 'painting' || input.id !== this.pointerId) return;
    this.end = this.deps.toImage(input.x, input.y);
    this.deps.preview({ kind: 'rect', a: this.start, b: this.end });
  }

  up(input: PointerInput): void {
    if (this.state !== 'painting' || input.id !== this.pointerId) return;
    this.end = this.deps.toImage(input.x, input.y);
    this.finish(true);
  }

  cancel(): void {
    this.finish(false);
  }

  interrupt(reason: InterruptReason): void {
    // A window blur mid-drag fills what was dragged, as the brush commits its stroke.
    this.finish(reason === 'blur');
  }

  private finish(commit: boolean): void {
    if (this.state === 'idle') return;
    this.state = 'idle';
    this.pointerId = -1;
    this.deps.preview(undefined);
    const size = this.deps.imageSize();
    if (commit && size) this.deps.commit({ kind: 'rect', rect: rectFromDrag(this.start, this.end, size.width, size.height) });
  }
}

export class LassoTool implements Tool {
  state: ToolState = 'idle';
  /** 'press': the button is down, not yet known as click or drag; 'freehand': dragging; 'polygon': clicks. */
  private phase: 'press' | 'freehand' | 'polygon' = 'press';
  private pressed = false;
  private pointerId = -1;
  private downAt = { x: 0, y: 0 };
  private points: Point[] = [];
  private cursor: Point | undefined;

  constructor(private readonly deps: ShapeToolDeps) {}

  /** The points so far (image pixels), for tests. */
  get path(): readonly Point[] {
    return this.points;
  }

  down(input: PointerInput): void {
    if (this.pressed || !this.deps.imageSize()) return;
    const p = this.deps.toImage(input.x, input.y);
    this.pressed = true;
    this.pointerId = input.id;
    this.downAt = { x: input.x, y: input.y };
    if (this.state === 'idle') {
      this.state = 'painting';
      this.phase = 'press';
      this.points = [p];
      this.show();
      return;
    }
    // Polygon mode: each click adds a corner; near the first one, or on the last one (a double click), it closes.
    const tolerance = CLOSE_DISTANCE * this.deps.imagePerScreen();
    const last = this.points[this.points.length - 1]!;
    if (closesPolygon(this.points, p, tolerance) || (this.points.length >= 3 && Math.hypot(p.x - last.x, p.y - last.y) <= tolerance / 2)) {
      this.pressed = false;
      this.finish(true);
      return;
    }
    this.points.push(p);
    this.show();
  }

  move(input: PointerInput): void {
    if (this.state === 'idle') return;
    if (!this.pressed) {
      this.hover(input);
      return;
    }
    if (input.id !== this.pointerId) return;
    if (this.phase === 'press' && Math.hypot(input.x - this.downAt.x, input.y - this.downAt.y) >= CLICK_SLOP) this.phase = 'freehand';
    if (this.phase !== 'freehand') return;
    const step = FREEHAND_STEP * this.deps.imagePerScreen();
    const samples = input.samples.length ? input.samples : [{ x: input.x, y: input.y }];
    for (const s of samples) addLassoPoint(this.points, this.deps.toImage(s.x, s.y), step);
    this.show();
  }

  /** The pointer moves between polygon clicks: the rubber band follows it. */
  hover(input: PointerInput): void {
    if (this.state === 'idle' || this.pressed) return;
    this.cursor = this.deps.toImage(input.x, input.y);
    this.show();
  }

  up(input: PointerInput): void {
    if (!this.pressed || input.id !== this.pointerId) return;
    if (this.phase === 'freehand') this.move({ ...input, samples: [] });
    this.pressed = false;
    this.pointerId = -1;
    if (this.phase === 'freehand') {
      this.finish(true);
    } else if (this.phase === 'press') {
      this.phase = 'polygon';
      this.show();
    }
  }

  /** Enter: closes a polygon in progress; true when there was one. */
  close(): boolean {
    if (this.state === 'idle') return false;
    this.finish(true);
    return true;
  }

  cancel(): void {
    // A cancelled pointer drops a freehand outline; a polygon waiting for clicks goes on.
    if (this.phase === 'polygon' && !this.pressed) return;
    this.finish(false);
  }

  interrupt(reason: InterruptReason): void {
    if (reason === 'blur') {
      // Focus left the window: a freehand drag is filled as drawn; a polygon waits for more clicks.
      if (this.phase === 'freehand') this.finish(true);
      else this.pressed = false;
      return;
    }
    this.finish(false);
  }

  private show(): void {
    this.deps.preview({ kind: 'path', points: this.points, cursor: this.phase === 'polygon' ? this.cursor : undefined });
  }

  private finish(commit: boolean): void {
    if (this.state === 'idle') return;
    const points = this.points;
    this.state = 'idle';
    this.phase = 'press';
    this.pressed = false;
    this.pointerId = -1;
    this.points = [];
    this.cursor = undefined;
    this.deps.preview(undefined);
    if (commit && points.length >= 3) this.deps.commit({ kind: 'polygon', points: packPoints(points) });
  }
}
