/** The playground's recent jobs as thumbnails with their status; choosing one shows it. */
import { useQuery } from '@tanstack/react-query';
import { galleryHeadQuery } from '../../job-store/queries';
import type { JobRecord } from '../../job-store/job-record';
import { useObjectUrl } from '../../job-store/object-urls';
import { StatusBadge } from '../../components/ui/status-badge';
import { getEndpoint } from '../../providers/registry';

const SHOWN = 12;

const two = (n: number) => String(n).padStart(2, '0');
/**
 * The job's time as HH:MM:SS. Not `toLocaleTimeString`: its first call builds the locale's time
 * formatter (100–150 ms on a busy machine), and the strip first renders right after Generate.
 */
function clock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function Thumb({ job, current, onShow }: { job: JobRecord; current: boolean; onShow(job: JobRecord): void }) {
  const first = job.images.find((i) => i.stored);
  const url = useObjectUrl(first?.id, 'thumb');
  // The visible badges (status, ×count) in the name, in their order: a name holds what is seen.
  const count = job.images.length > 1 ? ` ×${job.images.length}` : '';
  const name = `${getEndpoint(job.endpointId)?.name ?? job.endpointId}, ${job.status}${count}, seed ${job.seed ?? 'unknown'}, ${clock(job.createdAt)}`;
  return (
    <li className="shrink-0">
      <button
        type="button"
        aria-label={`Show job: ${name}`}
        aria-current={current ? 'true' : undefined}
        onClick={() => onShow(job)}
        className={`relative block h-16 w-16 overflow-hidden rounded-md border bg-zinc-800 ${current ? 'border-amber-400' : 'border-zinc-700 hover:border-zinc-400'}`}
      >
        {url ? <img src={url} alt="" className="h-full w-full object-cover" /> : null}
        {/* One badge: the status and the image count, as the name says them. */}
        <StatusBadge status={job.status} label={`${job.status}${count}`} className="absolute bottom-0.5 left-0.5 !px-1 !py-0 !text-[10px]" />
      </button>
    </li>
  );
}

export function HistoryStrip({ currentId, onShow }: { currentId: string | undefined; onShow(job: JobRecord): void }) {
  const jobs = (useQuery(galleryHeadQuery({})).data?.jobs ?? []).filter((j) => !j.compareGroupId).slice(0, SHOWN);
  if (!jobs.length) return null;
  return (
    <nav aria-label="History" className="min-w-0">
      <ul className="flex gap-2 overflow-x-auto pb-1">
        {jobs.map((j) => (
          <Thumb key={j.id} job={j} current={j.id === currentId} onShow={onShow} />
        ))}
      </ul>
    </nav>
  );
}
