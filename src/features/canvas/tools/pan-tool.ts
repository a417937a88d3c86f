/** Pan: idle ⇄ panning. Moves the view by the pointer's movement in CSS pixels. */
import type { View } from '../view-transform';
import { panBy } from '../view-transform';
import type { PointerInput, Tool, ToolState } from './tool-types';

export interface ViewDeps {
  getView(): View;
  setView(view: View): void;
}

export class PanTool implements Tool {
  state: ToolState = 'idle';
  private pointerId = -1;
  private lastX = 0;
  private lastY = 0;

  constructor(private readonly deps: ViewDeps) {}

  down(input: PointerInput): void {
    if (this.state !== 'idle') return;
    this.state = 'panning';
    this.pointerId = input.id;
    this.lastX = input.x;
    this.lastY = input.y;
  }

  move(input: PointerInput): void {
    if (this.state !== 'panning' || input.id !== this.pointerId) return;
    const dx = input.x - this.lastX;
    const dy = input.y - this.lastY;
    this.lastX = input.x;
    this.lastY = input.y;
    if (dx || dy) this.deps.setView(panBy(this.deps.getView(), dx, dy));
  }

  up(input: PointerInput): void {
    if (input.id !== this.pointerId) return;
    this.move(input);
    this.reset();
  }

  cancel(): void {
    this.reset();
  }

  interrupt(): void {
    this.reset();
  }

  private reset(): void {
    this.state = 'idle';
    this.pointerId = -1;
  }
}
