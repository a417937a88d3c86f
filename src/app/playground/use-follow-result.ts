/**
 * Brings each new result into view: in the results column (wide screens, where only it scrolls)
 * or the page (narrow ones), and again when its images arrive. What loads above it afterwards
 * (the history strip, the session cost) moves it: it follows until the person scrolls or types.
 */
import { useEffect, useRef } from 'react';

/** `shownId` changes when there is something new to show (a job, or more of its images). */
export function useFollowResult(shownId: string | undefined) {
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = resultRef.current;
    if (!shownId || !el) return;
    const bring = () => {
      const column = el.offsetParent as HTMLElement | null;
      // Wide screens: only the results column scrolls, so the form stays where it is.
      if (column && getComputedStyle(column).overflowY === 'auto') column.scrollTo({ top: el.offsetTop - 8, behavior: 'smooth' });
      else el.scrollIntoView({ block: 'start', behavior: 'smooth' });
    };
    bring();
    // What loads above the result afterwards (the history strip, the session cost) moves it: follow it
    // until the person scrolls or types themselves.
    let top = el.offsetTop;
    const watch = new ResizeObserver(() => {
      if (el.offsetTop !== top) {
        top = el.offsetTop;
        bring();
      }
    });
    if (el.parentElement) watch.observe(el.parentElement);
    // And a few checks while lazy parts load, in case a move came between two observations.
    const timers = [300, 900, 1800].map((ms) =>
      setTimeout(() => {
        const r = el.getBoundingClientRect();
        if (r.top < 0 || r.top > 120) bring();
      }, ms),
    );
    const stop = () => {
      watch.disconnect();
      timers.forEach(clearTimeout);
    };
    const events = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;
    for (const e of events) addEventListener(e, stop, { once: true, passive: true });
    return () => {
      stop();
      for (const e of events) removeEventListener(e, stop);
    };
  }, [shownId]);
  return resultRef;
}
