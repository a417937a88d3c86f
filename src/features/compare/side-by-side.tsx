/** Every result of a comparison as columns, zoomed and panned together. */
import type { ComparisonRecord } from './comparison-record';
import { ResultColumn } from './result-column';
import { useZoomView } from '../../components/ui/use-zoom-pan';
import type { ViewUpdate } from '../../components/ui/use-zoom-pan';
import { IDENTITY, ZOOM_STEP, zoomAt } from '../../lib/zoom-view';
import type { ZoomView } from '../../lib/zoom-view';
import { Button } from '../../components/ui/button';

export function ZoomBar({ view, onView }: { view: ZoomView; onView: ViewUpdate }) {
  return (
    <div role="toolbar" aria-label="Zoom, for every result" className="flex flex-wrap items-center gap-2 text-xs text-zinc-400">
      <Button onClick={() => onView((v) => zoomAt(v, ZOOM_STEP))}>
        Zoom in
      </Button>
      <Button onClick={() => onView((v) => zoomAt(v, 1 / ZOOM_STEP))} disabled={view.scale <= 1}>
        Zoom out
      </Button>
      <Button onClick={() => onView(() => IDENTITY)} disabled={view.scale === 1}>
        Reset zoom
      </Button>
      <output aria-label="Zoom level" className="font-mono text-zinc-200">
        {Math.round(view.scale * 100)}%
      </output>
      <span>Wheel over any image to zoom, drag to pan: every column follows.</span>
    </div>
  );
}

export function SideBySide(props: { record: ComparisonRecord; onJob(cellKey: string, jobId: string): void; onProblem(text: string): void }) {
  const { record } = props;
  const [view, onView] = useZoomView();
  return (
    <section aria-label="Side by side" className="flex flex-col gap-3">
      <ZoomBar view={view} onView={onView} />
      <div className="grid gap-3" style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${record.cells.length > 4 ? 14 : 17}rem, 1fr))` }}>
        {record.cells.map((cell) => (
          <ResultColumn
            key={cell.key}
            cell={cell}
            view={view}
            onView={onView}
            onJob={(jobId) => props.onJob(cell.key, jobId)}
            onProblem={props.onProblem}
          />
        ))}
      </div>
    </section>
  );
}
