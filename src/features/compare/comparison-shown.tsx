/** The comparison on screen, as the chosen view shows it: side by side, A/B or the sweep grid. */
import type { ComponentProps } from 'react';
import { ABView } from './ab-view';
import type { CompareTab } from './compare-tabs';
import type { ComparisonRecord } from './comparison-record';
import { SideBySide } from './side-by-side';
import { SweepGrid } from './sweep-grid';

export function NoComparison() {
  return (
    <p className="rounded-lg border border-dashed border-zinc-700 p-8 text-center text-sm text-zinc-400">
      No comparison yet. Choose targets, write a prompt, and Run: every result appears here side by side.
    </p>
  );
}

export function ComparisonShown({ record, tab, onJob, onProblem }: { record: ComparisonRecord; tab: CompareTab } & Pick<ComponentProps<typeof SideBySide>, 'onJob' | 'onProblem'>) {
  return (
    <>
      <p className="text-sm text-zinc-300">
        <span className="text-zinc-100">{record.title}</span>
        {record.seed !== undefined && (
          <>
            {' '}
            · seed <span className="font-mono text-amber-300">{record.seed}</span> for every target
          </>
        )}
        <span className="text-zinc-500"> · saved with its results in the gallery</span>
      </p>
      {tab === 'side' ? (
        <SideBySide record={record} onJob={onJob} onProblem={onProblem} />
      ) : tab === 'ab' ? (
        <ABView key={record.id} record={record} />
      ) : record.kind === 'sweep' ? (
        <SweepGrid record={record} />
      ) : (
        <p className="text-sm text-zinc-400">This comparison is not a sweep: set the axes above and Run sweep.</p>
      )}
    </>
  );
}
