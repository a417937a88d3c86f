/** Two results over each other, split by a slider: A on the left of the line, B on the right. */
import { useId, useState } from 'react';
import { inputClass } from '../../components/ui/field-shell';
import { useObjectUrl } from '../../job-store/object-urls';
import { useJob } from '../../job-store/use-jobs';
import type { ComparisonCell, ComparisonRecord } from './comparison-record';

function useFirstImage(cell: ComparisonCell | undefined) {
  const job = useJob(cell?.jobId).data ?? undefined;
  const image = job?.images.find((i) => i.stored);
  const url = useObjectUrl(image?.id, 'full');
  return { job, url, seed: image?.seed ?? job?.seed };
}

function Layer({ cell, side, clip }: { cell: ComparisonCell | undefined; side: 'A' | 'B'; clip?: string }) {
  const { job, url, seed } = useFirstImage(cell);
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

export function ABView({ record }: { record: ComparisonRecord }) {
  const withJobs = record.cells.filter((c) => c.jobId);
  const [aKey, setA] = useState<string>();
  const [bKey, setB] = useState<string>();
  const [pos, setPos] = useState(50);
  const ids = { a: useId(), b: useId(), pos: useId() };
  const a = withJobs.find((c) => c.key === aKey) ?? withJobs[0];
  const b = withJobs.find((c) => c.key === bKey) ?? withJobs.find((c) => c !== a);
  if (withJobs.length < 2) {
    return <p className="rounded-lg border border-dashed border-zinc-700 p-6 text-sm text-zinc-400">A/B needs two results: run a comparison with at least two targets.</p>;
  }
  const select = (id: string, label: string, value: ComparisonCell | undefined, set: (k: string) => void) => (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold text-zinc-200">
        {label}
      </label>
      <select id={id} className={inputClass} value={value?.key ?? ''} onChange={(e) => set(e.target.value)}>
        {withJobs.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section aria-label="A/B" className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-3">
        {select(ids.a, 'A', a, setA)}
        {select(ids.b, 'B', b, setB)}
      </div>
      <div className="relative mx-auto aspect-square w-full max-w-3xl overflow-hidden rounded-lg border border-zinc-800 bg-zinc-950">
        <Layer cell={b} side="B" />
        <Layer cell={a} side="A" clip={`inset(0 ${100 - pos}% 0 0)`} />
        <div aria-hidden="true" className="pointer-events-none absolute inset-y-0 w-0.5 bg-amber-400 shadow" style={{ left: `calc(${pos}% - 1px)` }} />
        <span className="pointer-events-none absolute top-2 left-2 max-w-[45%] truncate rounded bg-zinc-950/80 px-2 py-0.5 text-xs text-amber-200">A: {a?.label}</span>
        <span className="pointer-events-none absolute top-2 right-2 max-w-[45%] truncate rounded bg-zinc-950/80 px-2 py-0.5 text-xs text-amber-200">B: {b?.label}</span>
      </div>
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
    </section>
  );
}
