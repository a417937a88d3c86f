/**
 * Two results over each other, split by a divider: A on the left of the line, B on the right.
 * A press or drag anywhere on the images moves the divider (mouse, pen or a horizontal touch
 * drag; a vertical one still scrolls the page); the range input below moves it with the keys.
 * The images are as large as fits the window with that control still in view.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { PointerEvent } from 'react';
import { inputClass } from '../../components/ui/field-shell';
import { useObjectUrl } from '../../job-store/object-urls';
import { useJob } from '../../job-store/use-jobs';
import { dividerAt } from './ab-divider';
import { headerBottom } from './use-reveal-results';
import type { ComparisonCell, ComparisonRecord } from './comparison-record';

function useFirstImage(cell: ComparisonCell | undefined) {
  const job = useJob(cell?.jobId).data ?? undefined;
  const image = job?.images.find((i) => i.stored);
  const url = useObjectUrl(image?.id, 'full');
  return { job, url, seed: image?.seed ?? job?.seed, ratio: image?.width && image.height ? image.width / image.height : undefined };
}

function Layer({ side, cell, shown, clip }: { side: 'A' | 'B'; cell: ComparisonCell | undefined; shown: ReturnType<typeof useFirstImage>; clip?: string }) {
  const { job, url, seed } = shown;
  return (
    <div className="absolute inset-0" style={clip ? { clipPath: clip } : undefined}>
      {url ? (
        <img src={url} alt={`${side}: ${cell?.label}, seed ${seed ?? 'unknown'}`} draggable={false} className="h-full w-full object-contain select-none" />
      ) : (
        <p className="flex h-full items-center justify-center p-4 text-center text-sm text-zinc-400">
          {cell ? (job ? `${side} is ${job.status}: no image yet.` : `${side} has no result.`) : `Choose ${side}.`}
        </p>
      )}
    </div>
  );
}

function CellSelect({ id, label, value, cells, onChange }: { id: string; label: string; value: ComparisonCell | undefined; cells: ComparisonCell[]; onChange(key: string): void }) {
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold text-zinc-200">
        {label}
      </label>
      <select id={id} className={inputClass} value={value?.key ?? ''} onChange={(e) => onChange(e.target.value)}>
        {cells.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The stacked images: a pointer pressed on them moves the divider to it and drags it. */
function Stage({ a, b, pos, onPos }: { a: ComparisonCell | undefined; b: ComparisonCell | undefined; pos: number; onPos(pos: number): void }) {
  const shownA = useFirstImage(a);
  const shownB = useFirstImage(b);
  const dragging = useRef<number>(undefined);
  const ratio = shownA.ratio ?? shownB.ratio ?? 1;
  const move = (e: PointerEvent<HTMLDivElement>) => onPos(dividerAt(e.clientX, e.currentTarget.getBoundingClientRect()));
  const end = (e: PointerEvent<HTMLDivElement>) => {
    if (dragging.current === e.pointerId) dragging.current = undefined;
  };
  return (
    <div
      data-testid="ab-stage"
      // Its height leaves room for the choices above and the position control below (about 14rem with the header).
      style={{ aspectRatio: String(ratio), width: `min(100%, calc((100dvh - 14rem) * ${ratio}))` }}
      className="relative mx-auto cursor-ew-resize touch-pan-y overflow-hidden rounded-lg border border-zinc-800 bg-zinc-950 select-none"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        dragging.current = e.pointerId;
        move(e);
      }}
      onPointerMove={(e) => dragging.current === e.pointerId && move(e)}
      onPointerUp={end}
      onPointerCancel={end}
    >
      <Layer cell={b} side="B" shown={shownB} />
      <Layer cell={a} side="A" shown={shownA} clip={`inset(0 ${100 - pos}% 0 0)`} />
      <div aria-hidden="true" className="pointer-events-none absolute inset-y-0 w-0.5 bg-amber-400 shadow" style={{ left: `calc(${pos}% - 1px)` }}>
        <span className="absolute top-1/2 left-1/2 flex h-7 w-7 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full border border-amber-300 bg-zinc-950/80 text-xs text-amber-200">
          ⇔
        </span>
      </div>
      <span className="pointer-events-none absolute top-2 left-2 max-w-[45%] truncate rounded bg-zinc-950/80 px-2 py-0.5 text-xs text-amber-200">A: {a?.label}</span>
      <span className="pointer-events-none absolute top-2 right-2 max-w-[45%] truncate rounded bg-zinc-950/80 px-2 py-0.5 text-xs text-amber-200">B: {b?.label}</span>
    </div>
  );
}

export function ABView({ record }: { record: ComparisonRecord }) {
  const withJobs = record.cells.filter((c) => c.jobId);
  const [aKey, setA] = useState<string>();
  const [bKey, setB] = useState<string>();
  const [pos, setPos] = useState(50);
  const ids = { a: useId(), b: useId(), pos: useId() };
  const section = useRef<HTMLElement>(null);
  const ready = withJobs.length >= 2;
  // Shown (the tab opened, or its two results in): the images and the control come into view together.
  useEffect(() => {
    const el = section.current;
    if (!ready || !el) return;
    // Not scrollIntoView: the page's scroll padding keeps room for the playground's sticky bar, which Compare has not.
    const box = el.getBoundingClientRect();
    const below = box.bottom + 8 - window.innerHeight;
    if (below > 0) window.scrollBy({ top: Math.min(below, box.top - headerBottom()) });
  }, [ready]);
  const a = withJobs.find((c) => c.key === aKey) ?? withJobs[0];
  const b = withJobs.find((c) => c.key === bKey) ?? withJobs.find((c) => c !== a);
  if (!ready) {
    return <p className="rounded-lg border border-dashed border-zinc-700 p-6 text-sm text-zinc-400">A/B needs two results: run a comparison with at least two targets.</p>;
  }
  return (
    <section ref={section} aria-label="A/B" className="flex scroll-mt-16 flex-col gap-3">
      <div className="flex flex-wrap gap-3">
        <CellSelect id={ids.a} label="A" value={a} cells={withJobs} onChange={setA} />
        <CellSelect id={ids.b} label="B" value={b} cells={withJobs} onChange={setB} />
      </div>
      <Stage a={a} b={b} pos={pos} onPos={setPos} />
      <div className="mx-auto flex w-full max-w-3xl items-center gap-3">
        <label htmlFor={ids.pos} className="shrink-0 text-sm text-zinc-300">
          A/B position
        </label>
        <input
          id={ids.pos}
          type="range"
          min={0}
          max={100}
          step={1}
          value={pos}
          aria-valuetext={`${pos}% A, ${100 - pos}% B`}
          onChange={(e) => setPos(Number(e.target.value))}
          className="w-full accent-amber-500"
        />
        <output htmlFor={ids.pos} className="w-12 text-right font-mono text-xs text-zinc-400">
          {pos}%
        </output>
      </div>
      <p className="mx-auto text-xs text-zinc-500">Drag on the images, or focus the slider and use the arrow keys.</p>
    </section>
  );
}
