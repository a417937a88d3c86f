/**
 * A lazily loaded component that can also be loaded ahead of need. React's `lazy` suspends on
 * its first render even when the module is already loaded, and React then holds the reveal for
 * up to 300 ms (its fallback throttle): the first job card after Generate waited ~300 ms for
 * nothing. A component preloaded this way renders at once, without suspending.
 */
import { createElement, lazy, useState } from 'react';
import type { ComponentType } from 'react';

export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (c) => (loaded = c),
      (e: unknown) => {
        pending = undefined; // a failed chunk load may be retried
        throw e;
      },
    ));
  const Lazy = lazy(() => preload().then((c) => ({ default: c })));
  /** Renders the loaded component when it is there, else the lazy one (chosen once per mount: a switch would remount it). */
  function Component(props: P) {
    const [chosen] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(chosen, props);
  }
  return { preload, Component };
}

/** Runs `fn` when the page is idle (at most `timeoutMs` later); returns a cancel. */
export function whenIdle(fn: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 50);
  return () => clearTimeout(id);
}
