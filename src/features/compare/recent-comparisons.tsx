/** Saved comparisons, newest first: pick one to reopen it with its results. */
import { useId } from 'react';
import { inputClass } from '../../components/ui/field-shell';

import type { ComparisonRecord } from './comparison-record';
import { useComparisons } from './comparison-store';
import { Button } from '../../components/ui/button';

function describe(r: ComparisonRecord): string {
  const when = new Date(r.createdAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
  const n = r.cells.filter((c) => c.jobId).length;
  return `${r.title} · ${n} ${n === 1 ? 'result' : 'results'} · ${when}`;
}

export function RecentComparisons(props: { currentId?: string; onOpen(id: string): void; onNew(): void }) {
  const records = useComparisons();
  const id = useId();
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div className="flex min-w-64 flex-1 flex-col gap-1">
        <label htmlFor={id} className="text-xs text-zinc-400">
          Recent comparisons
        </label>
        <select id={id} className={inputClass} value={props.currentId ?? ''} onChange={(e) => e.target.value && props.onOpen(e.target.value)} disabled={records.length === 0}>
          <option value="">{records.length ? 'Reopen a saved comparison…' : 'None saved yet'}</option>
          {records.map((r) => (
            <option key={r.id} value={r.id}>
              {describe(r)}
            </option>
          ))}
        </select>
      </div>
      <Button onClick={props.onNew} disabled={!props.currentId}>
        New comparison
      </Button>
    </div>
  );
}
