/**
 * How fast the grid is scrolling, from its scroll positions over time. Pure (the caller gives
 * the clock). Above FAST_VIEWPORTS_PER_S a tile crosses the viewport in less time than anyone
 * can look at it, so the grid does not read thumbnails for tiles that arrive then: they would
 * only cost IndexedDB reads, object URLs and image decodes in frames that are already short.
 */

/** Viewport heights per second above which scrolling counts as fast (a tile is on screen < 125 ms). */
export const FAST_VIEWPORTS_PER_S = 8;
/** A gap this long between two scroll events: a new gesture, its speed starts from nothing. */
export const SCROLL_SETTLE_MS = 120;

export interface ScrollPace {
  /** A scroll position seen at `time` (ms); returns whether scrolling is fast now. */
  sample(top: number, time: number, viewport: number): boolean;
  /** Scrolling stopped. */
  settle(): void;
  readonly fast: boolean;
  /** The last position sampled (undefined after a pause). */
  readonly lastTop: number | undefined;
}

export function createScrollPace(fastViewportsPerS = FAST_VIEWPORTS_PER_S): ScrollPace {
  let last: { top: number; time: number } | undefined;
  let speed = 0;
  let fast = false;
  return {
    sample(top, time, viewport) {
      const prev = last;
      last = { top, time };
      // The first event after a pause (or a jump by the keyboard) has no speed yet.
      if (!prev || time - prev.time > SCROLL_SETTLE_MS) {
        speed = 0;
        fast = false;
        return fast;
      }
      // Several scroll events in one frame: count them over at least a few ms.
      const now = (Math.abs(top - prev.top) / Math.max(time - prev.time, 4)) * 1000;
      speed = (speed + now) / 2;
      const limit = fastViewportsPerS * Math.max(viewport, 1);
      // Hysteresis: once fast, it takes half the speed to count as slow again.
      fast = fast ? speed > limit / 2 : speed > limit;
      return fast;
    },
    settle() {
      last = undefined;
      speed = 0;
      fast = false;
    },
    get fast() {
      return fast;
    },
    get lastTop() {
      return last?.top;
    },
  };
}
