import { describe, expect, it } from 'vitest';
import type { View } from '../view-transform';
import { BrushTool } from './brush-tool';
import type { PaintTarget } from './brush-tool';
import { PanTool } from './pan-tool';
import { PinchTool } from './pinch-tool';
import { PointerRouter } from './pointer-router';
import type { PointerInput } from './tool-types';

function input(id: number, x: number, y: number, extra: Partial<PointerInput> = {}): PointerInput {
  return { id, type: 'mouse', button: 0, x, y, samples: [{ x, y, pressure: 1 }], ...extra };
}

function setup() {
  const log: string[] = [];
  const target: PaintTarget = {
    beginStroke: (mode, size, x, y) => log.push(`begin ${mode} ${size} ${x},${y}`),
    extendStroke: (x, y) => log.push(`extend ${x},${y}`),
    endStroke: () => log.push('end'),
    abortStroke: () => log.push('abort'),
  };
  let view: View = { scale: 2, x: 10, y: 0 };
  let draws = 0;
  let hasImage = true;
  let space = false;
  const viewDeps = { getView: () => view, setView: (v: View) => (view = v) };
  const brush = new BrushTool({
    target: () => (hasImage ? target : undefined),
    toImage: (x, y) => ({ x: (x - view.x) / view.scale, y: (y - view.y) / view.scale }),
    mode: () => 'paint',
    size: () => 8,
    changed: () => draws++,
  });
  const pan = new PanTool(viewDeps);
  const pinch = new PinchTool(viewDeps);
  const router = new PointerRouter({
    paintTool: () => (hasImage ? brush : undefined),
    panTool: pan,
    pinchTool: pinch,
    spaceHeld: () => space,
  });
  return {
    log,
    router,
    brush,
    get view() {
      return view;
    },
    get draws() {
      return draws;
    },
    noImage: () => (hasImage = false),
    holdSpace: () => (space = true),
  };
}

describe('BrushTool', () => {
  it('paints idle → painting → idle and commits on pointer-up', () => {
    const t = setup();
    t.router.down(input(1, 10, 0));
    expect(t.router.state).toBe('painting');
    t.router.move(input(1, 20, 0, { samples: [{ x: 14, y: 0, pressure: 1 }, { x: 20, y: 0, pressure: 1 }] }));
    t.router.up(input(1, 20, 0, { samples: [] }));
    expect(t.router.state).toBe('idle');
    expect(t.log).toEqual(['begin paint 8 0,0', 'extend 2,0', 'extend 5,0', 'end']);
    expect(t.draws).toBe(2);
  });

  it('ignores other pointers while painting', () => {
    const t = setup();
    t.router.down(input(1, 10, 0));
    t.router.down(input(2, 50, 0));
    t.router.move(input(2, 60, 0));
    t.router.up(input(2, 60, 0));
    expect(t.router.state).toBe('painting');
    expect(t.log).toEqual(['begin paint 8 0,0']);
  });

  it('drops the stroke on pointercancel and on Escape, commits on blur', () => {
    const t = setup();
    t.router.down(input(1, 10, 0));
    t.router.cancel(input(1, 10, 0));
    t.router.down(input(1, 10, 0));
    t.router.interrupt('escape');
    t.router.down(input(1, 10, 0));
    t.router.interrupt('blur');
    expect(t.log.filter((l) => !l.startsWith('begin'))).toEqual(['abort', 'abort', 'end']);
    expect(t.router.state).toBe('idle');
  });

  it('does nothing without an image to paint on, and pans instead', () => {
    const t = setup();
    t.noImage();
    t.router.down(input(1, 10, 0));
    expect(t.router.state).toBe('panning');
    t.router.move(input(1, 30, 5));
    expect(t.view).toEqual({ scale: 2, x: 30, y: 5 });
    expect(t.log).toEqual([]);
    t.brush.down(input(3, 0, 0));
    expect(t.brush.state).toBe('idle');
  });
});

describe('panning', () => {
  it('pans with the middle button and with space + drag', () => {
    const t = setup();
    t.router.down(input(1, 100, 100, { button: 1 }));
    expect(t.router.state).toBe('panning');
    t.router.move(input(1, 110, 90));
    t.router.up(input(1, 120, 90));
    expect(t.view).toEqual({ scale: 2, x: 30, y: -10 });
    t.holdSpace();
    t.router.down(input(1, 0, 0));
    expect(t.router.state).toBe('panning');
    t.router.interrupt('blur');
    expect(t.router.state).toBe('idle');
    expect(t.log).toEqual([]);
  });

  it('ignores the secondary button', () => {
    const t = setup();
    t.router.down(input(1, 0, 0, { button: 2 }));
    expect(t.router.state).toBe('idle');
  });
});

describe('pinch', () => {
  it('a second finger cancels the stroke and pinches; the last finger does nothing', () => {
    const t = setup();
    const touch = (id: number, x: number, y: number) => input(id, x, y, { type: 'touch' });
    t.router.down(touch(1, 100, 100));
    expect(t.router.state).toBe('painting');
    t.router.down(touch(2, 200, 100));
    expect(t.router.state).toBe('pinching');
    expect(t.log).toEqual(['begin paint 8 45,50', 'abort']);
    t.router.move(touch(2, 300, 100));
    expect(t.view.scale).toBeCloseTo(4);
    t.router.up(touch(2, 300, 100));
    expect(t.router.state).toBe('idle');
    t.router.move(touch(1, 120, 100));
    t.router.up(touch(1, 120, 100));
    expect(t.log).toEqual(['begin paint 8 45,50', 'abort']);
  });
});
