/** Two-finger pinch: idle ⇄ pinching. Zooms by finger distance and pans with their midpoint. */
import type { View } from '../view-transform';
import { pinchView } from '../view-transform';
import type { ViewDeps } from './pan-tool';
import type { ToolState } from './tool-types';

type Point = { x: number; y: number };

const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

export class PinchTool {
  state: ToolState = 'idle';
  private startView: View = { scale: 1, x: 0, y: 0 };
  private startMid: Point = { x: 0, y: 0 };
  private startDist = 1;

  constructor(private readonly deps: ViewDeps) {}

  start(a: Point, b: Point): void {
    this.state = 'pinching';
    this.startView = this.deps.getView();
    this.startMid = mid(a, b);
    this.startDist = Math.max(1, dist(a, b));
  }

  move(a: Point, b: Point): void {
    if (this.state !== 'pinching') return;
    this.deps.setView(pinchView(this.startView, this.startMid, this.startDist, mid(a, b), Math.max(1, dist(a, b))));
  }

  end(): void {
    this.state = 'idle';
  }
}
