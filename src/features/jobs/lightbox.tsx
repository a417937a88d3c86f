/** A result at full size: zoom (wheel, + / −, buttons) and pan (drag, arrow keys); 0 fits it again. */
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent, WheelEvent } from 'react';
import { Button } from '../../components/ui/button';

interface View {
  scale: number;
  x: number;
  y: number;
}

const FIT: View = { scale: 1, x: 0, y: 0 };
const clampScale = (s: number) => Math.min(16, Math.max(0.25, s));

export default function Lightbox({ url, alt, onClose }: { url: string; alt: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [view, setView] = useState<View>(FIT);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const zoom = (factor: number) => setView((v) => ({ ...v, scale: clampScale(v.scale * factor) }));
  const pan = (dx: number, dy: number) => setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));

  const onKeyDown = (e: KeyboardEvent) => {
    const step = 40;
    const keys: Record<string, () => void> = {
      '+': () => zoom(1.25),
      '=': () => zoom(1.25),
      '-': () => zoom(0.8),
      '0': () => setView(FIT),
      ArrowLeft: () => pan(step, 0),
      ArrowRight: () => pan(-step, 0),
      ArrowUp: () => pan(0, step),
      ArrowDown: () => pan(0, -step),
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };
  const onWheel = (e: WheelEvent) => zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15);
  const onPointerDown = (e: PointerEvent) => {
    (e.target as Element).setPointerCapture?.(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (d) setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
  };
  const endDrag = () => {
    drag.current = null;
  };

  return (
    <dialog
      ref={ref}
      aria-label="Lightbox"
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      onKeyDown={onKeyDown}
      className="m-auto h-[94dvh] w-[96vw] max-w-none overflow-hidden rounded-xl border border-zinc-700 bg-zinc-950 p-0 text-zinc-100 backdrop:bg-black/80"
    >
      <div className="flex h-full flex-col">
        <div role="toolbar" aria-label="Zoom" className="flex flex-wrap items-center gap-2 border-b border-zinc-800 px-3 py-2">
          <Button onClick={() => zoom(0.8)} aria-label="Zoom out">
            −
          </Button>
          <span className="w-14 text-center font-mono text-sm text-zinc-300" aria-live="polite">
            {Math.round(view.scale * 100)} %
          </span>
          <Button onClick={() => zoom(1.25)} aria-label="Zoom in">
            +
          </Button>
          <Button onClick={() => setView(FIT)}>Fit</Button>
          <span className="text-xs text-zinc-400">Wheel or + / − to zoom, drag or arrow keys to pan, 0 to fit.</span>
          <Button className="ml-auto" autoFocus onClick={() => ref.current?.close()}>
            Close
          </Button>
        </div>
        <div
          className="relative min-h-0 flex-1 cursor-grab touch-none overflow-hidden active:cursor-grabbing"
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
        >
          <img
            src={url}
            alt={alt}
            draggable={false}
            data-scale={view.scale}
            className="absolute inset-0 h-full w-full select-none object-contain"
            style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
          />
        </div>
      </div>
    </dialog>
  );
}
