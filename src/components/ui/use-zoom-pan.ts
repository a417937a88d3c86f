/**
 * Zoom and pan for an image in a frame, one implementation for the lightbox and Compare's
 * synced columns: the wheel zooms at the pointer, a drag pans, + / − zoom, the arrow keys pan,
 * 0 fits the image again. The view lives with the caller (src/lib/zoom-view.ts), so frames
 * that share one view follow each other.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { IDENTITY, panBy, wheelZoomFactor, ZOOM_STEP, zoomAt } from '../../lib/zoom-view';
import type { ZoomView } from '../../lib/zoom-view';

export type ViewUpdate = (update: (view: ZoomView) => ZoomView) => void;

/** A view and its updater, starting at the fitted image. */
export function useZoomView(): [ZoomView, ViewUpdate] {
  const [view, setView] = useState<ZoomView>(IDENTITY);
  const update = useCallback<ViewUpdate>((f) => setView((v) => f(v)), []);
  return [view, update];
}

/** One arrow key pans a tenth of the frame. */
const KEY_PAN = 0.1;

const KEYS: Record<string, (v: ZoomView) => ZoomView> = {
  '+': (v) => zoomAt(v, ZOOM_STEP),
  '=': (v) => zoomAt(v, ZOOM_STEP),
  '-': (v) => zoomAt(v, 1 / ZOOM_STEP),
  '0': () => IDENTITY,
  ArrowLeft: (v) => panBy(v, KEY_PAN, 0),
  ArrowRight: (v) => panBy(v, -KEY_PAN, 0),
  ArrowUp: (v) => panBy(v, 0, KEY_PAN),
  ArrowDown: (v) => panBy(v, 0, -KEY_PAN),
};

/**
 * The frame's handlers: spread `frame` on the element the image sits in (its ref takes the
 * wheel), and put `onKeyDown` where the keys should act (the frame, or a whole dialog).
 */
export function useZoomPan<E extends HTMLElement = HTMLDivElement>(view: ZoomView, onView: ViewUpdate) {
  const ref = useRef<E>(null);
  const drag = useRef<{ id: number; x: number; y: number; start: ZoomView }>(undefined);
  const latest = useRef(onView);
  useEffect(() => {
    latest.current = onView;
  });

  // A non-passive listener: the page must not scroll while the wheel zooms.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const factor = wheelZoomFactor(e.deltaY, e.deltaMode, e.ctrlKey);
      latest.current((v) => zoomAt(v, factor, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const endDrag = (e: ReactPointerEvent<E>) => {
    if (drag.current?.id === e.pointerId) drag.current = undefined;
  };

  return {
    frame: {
      ref,
      onPointerDown(e: ReactPointerEvent<E>) {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, start: view };
      },
      onPointerMove(e: ReactPointerEvent<E>) {
        const d = drag.current;
        if (!d || d.id !== e.pointerId) return;
        const r = e.currentTarget.getBoundingClientRect();
        onView(() => panBy(d.start, (e.clientX - d.x) / r.width, (e.clientY - d.y) / r.height));
      },
      onPointerUp: endDrag,
      onPointerCancel: endDrag,
    },
    onKeyDown(e: ReactKeyboardEvent) {
      const f = KEYS[e.key];
      if (!f) return;
      e.preventDefault();
      onView(f);
    },
  };
}
