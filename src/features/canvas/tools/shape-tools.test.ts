import { describe, expect, it } from 'vitest';
import type { MaskShape } from '../shape-geometry';
import { unpackPoints } from '../shape-geometry';
import type { View } from '../view-transform';
import { PanTool } from './pan-tool';
import { PinchTool } from './pinch-tool';
import { PointerRouter } from './pointer-router';
import { LassoTool, RectTool } from './shape-tools';
import type { ShapeToolDeps } from './shape-tools';
import type { PointerInput } from './tool-types';

function input(id: number, x: number, y: number, extra: Partial<PointerInput> = {}): PointerInput {
  return { id, type: 'mouse', button: 0, x, y, samples: [{ x, y, pressure: 1 }], ...extra };
}

/** A view at scale 2 offset by (10, 0): screen (x, y) is image ((x − 10) / 2, y / 2). */
function setup(kind: 'rect' | 'lasso') {
  const committed: MaskShape[] = [];
  const previews: string[] = [];
  let view: View = { scale: 2, x: 10, y: 0 };
  const deps: ShapeToolDeps = {
    toImage: (x, y) => ({ x: (x - view.x) / view.scale, y: (y - view.y) / view.scale }),
    imagePerScreen: () => 1 / view.scale,
    imageSize: () => ({ width: 100, height: 80 }),
    preview: (s) => previews.push(s ? s.kind : 'none'),
    commit: (s) => committed.push(s),
  };
  const tool = kind === 'rect' ? new RectTool(deps) : new LassoTool(deps);
  const viewDeps = { getView: () => view, setView: (v: View) => (view = v) };
  const router = new PointerRouter({ paintTool: () => tool, panTool: new PanTool(viewDeps), pinchTool: new PinchTool(viewDeps), spaceHeld: () => false });
  return { tool, router, committed, previews, get view() {
    return view;
  } };
}

describe('RectTool', () => {
  it('drags a box, previews it, and fills it on pointer-up as one shape in image pixels', () => {
    const t = setup('rect');
    t.router.down(input(1, 30, 20));
    expect(t.router.state).toBe('painting');
    t.router.move(input(1, 60, 50));
    t.router.up(input(1, 90, 60));
    expect(t.router.state).toBe('idle');
    expect(t.committed).toEqual([{ kind: 'rect', rect: { x: 10, y: 10, width: 30, height: 20 } }]);
    expect(t.previews).toEqual(['rect', 'rect', 'none']);
  });

  it('Escape and a cancelled pointer drop the box; a window blur fills it', () => {
    const t = setup('rect');
    t.router.down(input(1, 30, 20));
    t.router.interrupt('escape');
    t.router.down(input(1, 30, 20));
    t.router.cancel(input(1, 30, 20));
    expect(t.committed).toEqual([]);
    t.router.down(input(1, 30, 20));
    t.router.move(input(1, 50, 40));
    t.router.interrupt('blur');
    expect(t.committed).toEqual([{ kind: 'rect', rect: { x: 10, y: 10, width: 10, height: 10 } }]);
  });
});

describe('LassoTool', () => {
  it('a freehand drag fills its outline on pointer-up', () => {
    const t = setup('lasso');
    t.router.down(input(1, 10, 0));
    t.router.move(input(1, 50, 0));
    t.router.move(input(1, 50, 40));
    t.router.up(input(1, 10, 40));
    expect(t.router.state).toBe('idle');
    expect(t.committed).toHaveLength(1);
    const shape = t.committed[0]!;
    expect(shape.kind).toBe('polygon');
    if (shape.kind === 'polygon') expect(unpackPoints(shape.points)).toEqual([{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 20 }, { x: 0, y: 20 }]);
  });

  it('clicks make a polygon that stays open between clicks and closes on its first point', () => {
    const t = setup('lasso');
    const click = (x: number, y: number) => {
      t.router.down(input(1, x, y));
      t.router.up(input(1, x, y));
    };
    click(10, 0);
    expect(t.router.state).toBe('painting');
    click(90, 0);
    t.router.move(input(1, 70, 50));
    click(90, 60);
    expect(t.committed).toEqual([]);
    click(12, 2);
    expect(t.router.state).toBe('idle');
    expect(t.committed).toHaveLength(1);
    const shape = t.committed[0]!;
    if (shape.kind === 'polygon') expect(unpackPoints(shape.points)).toEqual([{ x: 0, y: 0 }, { x: 40, y: 0 }, { x: 40, y: 30 }]);
  });

  it('Enter (close) fills a polygon of three corners; fewer fill nothing; Escape drops it', () => {
    const t = setup('lasso');
    const click = (x: number, y: number) => {
      t.router.down(input(1, x, y));
      t.router.up(input(1, x, y));
    };
    const lasso = t.tool as LassoTool;
    click(10, 0);
    click(90, 0);
    expect(lasso.close()).toBe(true);
    expect(t.committed).toEqual([]);
    click(10, 0);
    click(90, 0);
    click(90, 60);
    t.router.interrupt('escape');
    expect(t.router.state).toBe('idle');
    expect(t.committed).toEqual([]);
    click(10, 0);
    click(90, 0);
    click(90, 60);
    // A window blur between clicks keeps the polygon open.
    t.router.interrupt('blur');
    expect(t.router.state).toBe('painting');
    expect(lasso.close()).toBe(true);
    expect(t.committed).toHaveLength(1);
    expect(lasso.close()).toBe(false);
  });

  it('the middle button pans between clicks without ending the polygon', () => {
    const t = setup('lasso');
    t.router.down(input(1, 10, 0));
    t.router.up(input(1, 10, 0));
    t.router.down(input(2, 100, 100, { button: 1 }));
    t.router.move(input(2, 120, 100));
    t.router.up(input(2, 120, 100));
    expect(t.view.x).toBe(30);
    expect(t.router.state).toBe('painting');
    expect((t.tool as LassoTool).path).toHaveLength(1);
  });
});
