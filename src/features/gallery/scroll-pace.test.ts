import { describe, expect, it } from 'vitest';
import { createScrollPace, FAST_VIEWPORTS_PER_S, SCROLL_SETTLE_MS } from './scroll-pace';

const VIEWPORT = 600;
const FRAME = 1000 / 60;

/** Scrolls `px` per frame for `frames` frames; whether the pace said fast after each. */
function run(pace: ReturnType<typeof createScrollPace>, px: number, frames: number, from = { top: 0, time: 0 }) {
  const seen: boolean[] = [];
  let { top, time } = from;
  for (let i = 0; i < frames; i++) {
    top += px;
    time += FRAME;
    seen.push(pace.sample(top, time, VIEWPORT));
  }
  return { seen, top, time };
}

describe('scroll pace', () => {
  it('calls brisk wheel scrolling slow and a fling through thousands of tiles fast', () => {
    // 40 px a frame: 2,400 px/s, four viewports a second; every tile stays on screen for a while.
    expect(run(createScrollPace(), 40, 60).seen.every((fast) => !fast)).toBe(true);
    // Almost a viewport a frame: fast once it has seen a few frames (60 ms).
    const fling = run(createScrollPace(), 0.6 * VIEWPORT * 1.5, 30).seen;
    expect(fling.slice(0, 3).some(Boolean)).toBe(false);
    expect(fling.slice(4).every(Boolean)).toBe(true);
  });

  it('has a threshold of FAST_VIEWPORTS_PER_S, and takes half of it to slow down (no flicker at the edge)', () => {
    const pace = createScrollPace();
    const perFrame = (vps: number) => (vps * VIEWPORT) / 60;
    const up = run(pace, perFrame(FAST_VIEWPORTS_PER_S * 1.2), 10);
    expect(up.seen.at(-1)).toBe(true);
    const still = run(pace, perFrame(FAST_VIEWPORTS_PER_S * 0.7), 10, up);
    expect(still.seen.every(Boolean)).toBe(true);
    const down = run(pace, perFrame(FAST_VIEWPORTS_PER_S * 0.3), 10, still);
    expect(down.seen.at(-1)).toBe(false);
  });

  it('reads the speed over a stretch of time: uneven frames under the threshold never count as fast', () => {
    const pace = createScrollPace();
    // The same distance every frame (as a wheel or the bench scrolls), frames a little late then
    // caught up quickly, as on a busy machine: 16.5 ms on average.
    const perFrame = (0.8 * FAST_VIEWPORTS_PER_S * VIEWPORT * 16.5) / 1000;
    let top = 0;
    let time = 0;
    for (let i = 0; i < 120; i++) {
      time += i % 2 ? 6 : 27;
      top += perFrame;
      expect(pace.sample(top, time, VIEWPORT)).toBe(false);
    }
  });

  it('starts afresh after a pause, and a keyboard jump is never fast', () => {
    const pace = createScrollPace();
    const fling = run(pace, 900, 10);
    expect(pace.fast).toBe(true);
    pace.settle();
    expect(pace.fast).toBe(false);
    // One jump of 50,000 px (End) after a pause: no speed from a single event.
    expect(pace.sample(fling.top + 50_000, fling.time + SCROLL_SETTLE_MS + 1, VIEWPORT)).toBe(false);
  });

  it('does not count a jump as speed: after Home, moderate scrolling reads thumbnails at once', () => {
    const pace = createScrollPace();
    const steady = run(pace, 40, 30);
    expect(pace.sample(0, steady.time + FRAME, VIEWPORT)).toBe(false);
    expect(run(pace, 60, 30, { top: 0, time: steady.time + FRAME }).seen.some(Boolean)).toBe(false);
  });

  it('scales with the viewport: the same px per frame is fast on a short grid, not on a tall one', () => {
    const short = createScrollPace();
    const tall = createScrollPace();
    let fastShort = false;
    let fastTall = false;
    for (let i = 1; i <= 20; i++) {
      fastShort = short.sample(i * 120, i * FRAME, 500);
      fastTall = tall.sample(i * 120, i * FRAME, 2000);
    }
    expect(fastShort).toBe(true);
    expect(fastTall).toBe(false);
  });
});
