/**
 * Each view keeps its own page scroll: switching views shows the next one where it was left (its
 * top the first time), not at the depth the last view was scrolled to, where a short view such as
 * the gallery opened with its search and filters above the screen.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { View } from './hash-route';

export function useScrollPerView(view: View) {
  const positions = useRef(new Map<View, number>());
  const current = useRef(view);
  useEffect(() => {
    // Recorded as the page scrolls: by the time a view change commits, the old view is hidden and
    // the browser may already have clamped the position to the new, shorter page.
    const record = () => positions.current.set(current.current, window.scrollY);
    window.addEventListener('scroll', record, { passive: true });
    return () => window.removeEventListener('scroll', record);
  }, []);
  useLayoutEffect(() => {
    if (current.current === view) return;
    current.current = view;
    window.scrollTo({ top: positions.current.get(view) ?? 0, behavior: 'instant' });
  }, [view]);
}
