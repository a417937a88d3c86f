/**
 * Routes plain pointer input to the tool that owns the gesture: the paint tool for the main
 * button, the pan tool for the middle button, for space + drag and whenever there is nothing
 * to paint, and the pinch tool as soon as a second finger lands (which cancels a stroke the
 * first finger started). One gesture at a time; other pointers are ignored until it ends.
 */
import type { PinchTool } from './pinch-tool';
import type { InterruptReason, PointerInput, Tool, ToolState } from './tool-types';

export interface RouterDeps {
  /** The brush, eraser, rectangle or lasso, or undefined when there is no mask to paint. */
  paintTool(): Tool | undefined;
  panTool: Tool;
  pinchTool: PinchTool;
  spaceHeld(): boolean;
}

export class PointerRouter {
  private active: { tool: Tool; id: number } | undefined;
  private readonly touches = new Map<number, { x: number; y: number }>();

  constructor(private readonly deps: RouterDeps) {}

  get state(): ToolState {
    if (this.deps.pinchTool.state === 'pinching') return 'pinching';
    // A lasso polygon stays in progress between clicks, with no pointer down.
    return this.active?.tool.state ?? this.deps.paintTool()?.state ?? 'idle';
  }

  down(input: PointerInput): void {
    if (input.type === 'touch') {
      this.touches.set(input.id, { x: input.x, y: input.y });
      if (this.touches.size === 2) {
        this.active?.tool.cancel();
        this.active = undefined;
        const [a, b] = [...this.touches.values()];
        this.deps.pinchTool.start(a!, b!);
        return;
      }
    }
    if (this.active || this.deps.pinchTool.state === 'pinching') return;
    if (input.button !== 0 && input.button !== 1) return;
    const paint = this.deps.paintTool();
    const tool = input.button === 1 || this.deps.spaceHeld() || !paint ? this.deps.panTool : paint;
    this.active = { tool, id: input.id };
    tool.down(input);
    if (tool.state === 'idle') this.active = undefined;
  }

  move(input: PointerInput): void {
    if (this.touches.has(input.id)) this.touches.set(input.id, { x: input.x, y: input.y });
    if (this.deps.pinchTool.state === 'pinching') {
      const [a, b] = [...this.touches.values()];
      if (a && b) this.deps.pinchTool.move(a, b);
      return;
    }
    if (this.active?.id === input.id) this.active.tool.move(input);
    else if (!this.active) this.deps.paintTool()?.hover?.(input);
  }

  up(input: PointerInput): void {
    this.release(input, false);
  }

  cancel(input: PointerInput): void {
    this.release(input, true);
  }

  /** Ends whatever is in progress (window blur, Escape, undo, a new image…). */
  interrupt(reason: InterruptReason): void {
    this.active?.tool.interrupt(reason);
    const paint = this.deps.paintTool();
    if (paint && paint !== this.active?.tool && paint.state !== 'idle') paint.interrupt(reason);
    this.active = undefined;
    this.deps.pinchTool.end();
    this.touches.clear();
  }

  private release(input: PointerInput, cancelled: boolean): void {
    this.touches.delete(input.id);
    if (this.deps.pinchTool.state === 'pinching') {
      // Lifting one finger ends the pinch; the other finger does nothing until it lifts too.
      if (this.touches.size < 2) this.deps.pinchTool.end();
      return;
    }
    if (this.active?.id !== input.id) return;
    const { tool } = this.active;
    this.active = undefined;
    if (cancelled) tool.cancel();
    else tool.up(input);
  }
}
