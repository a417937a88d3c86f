/**
 * One result image in a frame that shares its zoom and pan with every other
 * frame: wheel zooms, drag pans, keys (+ − 0 and arrows) do both; whatever
 * one frame does, all follow.
 */
import { useEffect, useRef } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { panBy, viewTransform, wheelFactor, zoomAt } from './sync-view';
import type { SyncView } from './sync-view';

export type ViewUpdate = (update: (view: SyncView) => SyncView) => void;

export function SyncedImage({ src, alt, view, onView }: { src: string; alt: string; view: SyncView; onView: ViewUpdate }) {
  const frame = useRef<HTMLDivElement>(null);
  const drag = useRef<{ id: number; x: number; y: number; start: SyncView }>(undefined);
  const latest = useRef(onView);
  useEffect(() => {
    latest.current = onView;
  });

  // A non-passive listener: the page must not scroll while the wheel zooms.
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      const factor = wheelFactor(e.deltaY, e.deltaMode);
      latest.current((v) => zoomAt(v, factor, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, start: view };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const r = e.currentTarget.getBoundingClientRect();
    onView(() => panBy(d.start, (e.clientX - d.x) / r.width, (e.clientY - d.y) / r.height));
  };
  const endDrag = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (drag.current?.id === e.pointerId) drag.current = undefined;
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    const step = 0.1;
    const act: Record<string, (v: SyncView) => SyncView> = {
      '+': (v) => zoomAt(v, 1.25),
      '=': (v) => zoomAt(v, 1.25),
      '-': (v) => zoomAt(v, 0.8),
      '0': () => ({ scale: 1, x: 0, y: 0 }),
      ArrowLeft: (v) => panBy(v, step, 0),
      ArrowRight: (v) => panBy(v, -step, 0),
      ArrowUp: (v) => panBy(v, 0, step),
      ArrowDown: (v) => panBy(v, 0, -step),
    };
    const f = act[e.key];
    if (!f) return;
    e.preventDefault();
    onView(f);
  };

  return (
    <div
      ref={frame}
      tabIndex={0}
      role="group"
      aria-label={`${alt}. Wheel or + and − zoom, drag or arrow keys pan; every result follows.`}
      className={`relative aspect-square w-full touch-none overflow-hidden rounded-md bg-zinc-950 outline-none select-none focus-visible:ring-2 focus-visible:ring-amber-400 ${view.scale > 1 ? 'cursor-grab active:cursor-grabbing' : 'cursor-zoom-in'}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onKeyDown={onKeyDown}
    >
      <img
        src={src}
        alt={alt}
        draggable={false}
        className="pointer-events-none h-full w-full object-contain"
        style={{ transform: viewTransform(view), transformOrigin: '0 0' }}
      />
    </div>
  );
}
