/**
 * A running request's progress as its server reports it (providers with `extra.progress`):
 * a bar that follows the server's fraction, its ETA and step, and the live preview image.
 */
import { getProvider } from '../../providers/registry';
import type { JobRecord } from '../../job-store/job-record';
import { useServerProgress } from '../../job-store/server-extras';

export function ServerProgress({ job }: { job: JobRecord }) {
  const provider = getProvider(job.provider);
  const { data } = useServerProgress(job);
  if (!provider?.extra?.progress || job.status !== 'sending') return null;
  const pct = data?.fraction !== undefined ? Math.round(data.fraction * 100) : 0;
  const eta = data?.eta !== undefined ? `ETA ${data.eta.toFixed(1)} s` : 'waiting for the server';
  return (
    <section aria-label="Server progress" className="flex flex-col gap-2">
      <div className="flex justify-between text-xs text-zinc-400">
        <span>{data?.message ?? 'Generating'}</span>
        <span aria-label="Time left">{eta}</span>
      </div>
      <div
        role="progressbar"
        aria-label="Generation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={`${pct} %`}
        className="h-2 overflow-hidden rounded bg-zinc-800"
      >
        <div className="h-full bg-emerald-500 transition-[width] duration-300" style={{ width: `${pct}%` }} />
      </div>
      {data?.previewUrl && (
        <img src={data.previewUrl} alt="Live preview" className="max-h-64 w-fit rounded-md bg-zinc-800 object-contain" />
      )}
    </section>
  );
}
