/**
 * The sticky header's height as the CSS variable `--header-h` on the root element: it is one row on
 * a wide screen and two on a phone, where the title and the views no longer fit side by side. The
 * page's scroll padding (focus, scrollIntoView) and Compare's scrolling read it, so nothing is
 * brought into view under the header.
 */
import { useLayoutEffect } from 'react';
import type { RefObject } from 'react';

export function useHeaderHeight(header: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const el = header.current;
    if (!el) return;
    const root = document.documentElement;
    const write = () => root.style.setProperty('--header-h', `${Math.ceil(el.getBoundingClientRect().height)}px`);
    write();
    const observer = new ResizeObserver(write);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--header-h');
    };
  }, [header]);
}
