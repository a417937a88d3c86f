/**
 * Narrow screens stack the setup above the results: after Run, the results would arrive below the
 * fold with nothing on screen saying so. Once a run starts, the results' top is brought up under
 * the sticky header when it sits in the lower half of the window (on a wide screen it is already
 * in view, beside the setup).
 */
import { useEffect, useRef, useState } from 'react';

/** The bottom of the shell's sticky header (`--header-h`, set by the app), with a little room. */
export function headerBottom(): number {
  const h = Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--header-h'));
  return (Number.isFinite(h) ? h : 64) + 8;
}

export function useRevealResults() {
  const ref = useRef<HTMLDivElement>(null);
  const [runs, setRuns] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (runs === 0 || !el) return;
    const top = el.getBoundingClientRect().top;
    if (top > window.innerHeight / 2) window.scrollBy({ top: top - headerBottom() });
  }, [runs]);
  return { ref, reveal: () => setRuns((n) => n + 1) };
}
