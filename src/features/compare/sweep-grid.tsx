/** A finished or running sweep as an X/Y grid: one table per target unless the targets are an axis. */
import { useObjectUrl } from '../../job-store/object-urls';
import { StatusBadge } from '../../components/ui/status-badge';
import { useJob } from '../../job-store/use-jobs';
import type { ComparisonCell, ComparisonRecord } from './comparison-record';
import { seconds } from './result-column';
import { ZoomBar } from './side-by-side';
import { useZoomView } from '../../components/ui/use-zoom-pan';
import { SyncedImage } from './synced-image';
import type { ViewUpdate } from '../../components/ui/use-zoom-pan';
import type { ZoomView } from '../../lib/zoom-view';
import { targetLabels } from './targets';

function GridCell({ cell, view, onView }: { cell: ComparisonCell | undefined; view: ZoomView; onView: ViewUpdate }) {
  const job = useJob(cell?.jobId).data ?? undefined;
  const image = job?.images.find((i) => i.stored);
  const url = useObjectUrl(image?.id, 'full');
  if (!cell) return <td className="p-1" />;
  const seed = image?.seed ?? job?.seed;
  return (
    <td className="p-1 align-top">
      <figure className="flex w-44 flex-col gap-1 sm:w-52">
        {url ? (
          <SyncedImage src={url} alt={`${cell.label}, seed ${seed ?? 'unknown'}`} view={view} onView={onView} />
        ) : (
          <div className={`flex aspect-square items-center justify-center rounded-md bg-zinc-800 p-2 text-center text-xs text-zinc-400 ${job?.status === 'sending' || job?.status === 'queued' || (!job && !cell.skipped) ? 'animate-pulse' : ''}`}>
            {cell.skipped && !job ? `Not sent: ${cell.skipped}` : job?.error ? job.error.message : 'waiting'}
          </div>
        )}
        <figcaption className="flex flex-wrap items-center gap-x-2 text-[11px] text-zinc-400">
          <span className="w-full truncate text-zinc-200" title={cell.label}>
            {cell.label}
          </span>
          {job && job.status !== 'done' && <StatusBadge status={job.status} />}
          {job?.status === 'done' && (
            <>
              <span>
                seed <span className="font-mono text-zinc-200">{seed ?? '—'}</span>
              </span>
              <span>{seconds(job.timings.latencyMs)}</span>
            </>
          )}
        </figcaption>
      </figure>
    </td>
  );
}

export function SweepGrid({ record }: { record: ComparisonRecord }) {
  const [view, onView] = useZoomView();
  const targetAxis = record.axes.x?.param === 'target' || record.axes.y?.param === 'target';
  const labels = targetLabels(record.targets);
  const groups = targetAxis
    ? [{ id: undefined as string | undefined, title: undefined as string | undefined }]
    : record.targets.filter((t) => record.cells.some((c) => c.targetId === t.id)).map((t) => ({ id: t.id as string | undefined, title: labels.get(t.id) }));
  const xs = record.xLabels.length ? record.xLabels : [''];
  const ys = record.yLabels.length ? record.yLabels : [''];
  return (
    <section aria-label="Sweep results" className="flex flex-col gap-4">
      <ZoomBar view={view} onView={onView} />
      {groups.map((g) => (
        <div key={g.id ?? 'all'} className="overflow-x-auto">
          <table className="border-separate border-spacing-0 text-sm" aria-label={g.title ? `Sweep grid: ${g.title}` : 'Sweep grid'}>
            {g.title && <caption className="pb-2 text-left font-semibold text-zinc-200">{g.title}</caption>}
            <thead>
              <tr>
                <th scope="col" className="p-1 text-left text-xs font-normal text-zinc-500">
                  {record.axes.y ? `${record.axes.y.param} ↓` : ''} {record.axes.x ? `${record.axes.x.param} →` : ''}
                </th>
                {xs.map((x, i) => (
                  <th key={i} scope="col" className="p-1 text-left font-mono text-xs font-medium text-amber-300">
                    {x}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ys.map((y, yi) => (
                <tr key={yi}>
                  <th scope="row" className="p-1 pr-2 text-left align-middle font-mono text-xs font-medium whitespace-nowrap text-amber-300">
                    {y}
                  </th>
                  {xs.map((_, xi) => (
                    <GridCell
                      key={xi}
                      cell={record.cells.find((c) => c.xIndex === xi && c.yIndex === yi && (g.id === undefined || c.targetId === g.id))}
                      view={view}
                      onView={onView}
                    />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
