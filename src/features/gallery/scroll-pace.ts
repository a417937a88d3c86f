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

/** The speed is the distance over this last stretch of time, so one late or early frame does not swing it. */
const WINDOW_MS = 200;
const MIN_SPAN_MS = 60;
/** One scroll event moving further than this many viewport heights is a jump, not scrolling. */
const JUMP_VIEWPORTS = 1.5;

export function createScrollPace(fastViewportsPerS = FAST_VIEWPORTS_PER_S): ScrollPace {
  let samples: Array<{ top: number; time: number }> = [];
  let fast = false;
  return {
    sample(top, time, viewport) {
      const prev = samples.at(-1);
      // The first event after a pause (or a jump by the keyboard) has no speed yet.
      if (!prev || time - prev.time > SCROLL_SETTLE_MS) {
        samples = [{ top, time }];
        fast = false;
        return fast;
      }
      // A jump (Home, End, a link, a click in the scrollbar's track) is no speed: the stretch starts
      // again from it, or a jump followed by moderate scrolling would stay "fast" for a while.
      if (Math.abs(top - prev.top) > JUMP_VIEWPORTS * Math.max(viewport, 1)) {
        samples = [{ top, time }];
        return fast;
      }
      samples.push({ top, time });
      while (samples.length > 2 && time - samples[0]!.time > WINDOW_MS) samples.shift();
      const first = samples[0]!;
      // Over a few frames at least: over one or two, a late frame and a quick one look like a burst.
      if (time - first.time < MIN_SPAN_MS) return fast;
      const speed = (Math.abs(top - first.top) / (time - first.time)) * 1000;
      const limit = fastViewportsPerS * Math.max(viewport, 1);
      // Hysteresis: once fast, it takes half the speed to count as slow again.
      fast = fast ? speed > limit / 2 : speed > limit;
      return fast;
    },
    settle() {
      samples = [];
      fast = false;
    },
    get fast() {
      return fast;
    },
    get lastTop() {
      return samples.at(-1)?.top;
    },
  };
}
