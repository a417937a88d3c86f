/** Parts of the detail dialog: parameters, timings, the provider's report and the redacted request. */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { formatMs, formatRequestBody, formatSeconds, formatTime, formatValue, shortenJson } from './format';
import type { JobRecord } from '../../job-store/job-record';
import { galleryStore } from '../../job-store/store';

export const smallButton =
  'rounded border border-zinc-700 px-1.5 py-0.5 text-[11px] text-zinc-300 enabled:hover:border-amber-500 enabled:hover:text-amber-300 focus-visible:outline-2 focus-visible:outline-amber-400 disabled:cursor-not-allowed disabled:opacity-40';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function CopyButton({ label, getText }: { label: string; getText(): Promise<string | undefined> | string | undefined }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    const text = await getText();
    const ok = text !== undefined && (await copyText(text));
    setState(ok ? 'copied' : 'failed');
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" className={smallButton} aria-label={label} onClick={() => void copy()}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </button>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-1.5">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-zinc-500">{title}</h3>
      {children}
    </section>
  );
}

export function ParamList({ job }: { job: JobRecord }) {
  const entries = Object.entries(job.params);
  if (entries.length === 0) return <p className="text-sm text-zinc-500">No parameters recorded.</p>;
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {entries.map(([name, value]) => {
        const shown = formatValue(value);
        const copyable = shown.full !== undefined || shown.storedInput;
        return (
          <div key={name} className="contents">
            <dt className="font-mono text-zinc-400">{name}</dt>
            <dd className="flex min-w-0 items-start gap-2">
              <span className={`min-w-0 break-words font-mono ${shown.storedInput ? 'italic text-zinc-400' : 'text-zinc-100'}`}>= {shown.text}</span>
              {copyable && (
                <CopyButton
                  label={`Copy ${name}`}
                  getText={async () =>
                    shown.storedInput ? String((await galleryStore().loadParams({ params: { [name]: value } }))[name] ?? '') : shown.full
                  }
                />
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function Facts({ rows }: { rows: Array<[string, ReactNode | undefined]> }) {
  const shown = rows.filter(([, v]) => v !== undefined && v !== '');
  if (shown.length === 0) return <p className="text-sm text-zinc-500">Nothing recorded.</p>;
  return (
    <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {shown.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-400">{k}</dt>
          <dd className="min-w-0 break-words text-zinc-100">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function TimingList({ job }: { job: JobRecord }) {
  const t = job.timings;
  return (
    <Facts
      rows={[
        ['Latency', formatMs(t.latencyMs)],
        ['Generation time (provider)', formatSeconds(t.generationTime)],
        ['Submitted', formatTime(t.submittedAt ?? job.createdAt)],
        ['Queued', formatTime(t.queuedAt)],
        ['Finished', formatTime(t.finishedAt)],
        ['Provider ETA', job.eta !== undefined && job.status !== 'done' ? formatSeconds(job.eta) : undefined],
        ['Queue position', job.queuePosition],
        ['Schema version', job.schemaVersion && <span className="font-mono text-xs">{job.schemaVersion}</span>],
        ['Provider job id', job.providerJobId && <span className="font-mono">{job.providerJobId}</span>],
        ['Fetch URL', job.fetchUrl && <span className="font-mono text-xs">{job.fetchUrl}</span>],
      ]}
    />
  );
}

export function ProviderReport({ job }: { job: JobRecord }) {
  if (job.meta === undefined && job.credits === undefined) return <p className="text-sm text-zinc-500">The provider reported nothing more.</p>;
  return (
    <div className="flex flex-col gap-1.5">
      {job.credits !== undefined && (
        <p className="text-sm">
          <span className="text-zinc-400">Credits left:</span> <span className="font-mono text-zinc-100">{job.credits}</span>
        </p>
      )}
      {job.meta !== undefined && (
        <details className="group">
          <summary className="cursor-pointer text-sm text-zinc-300 hover:text-amber-300">meta ({Object.keys(job.meta).length} fields)</summary>
          <pre tabIndex={0} aria-label="Provider meta" className="mt-1 max-h-64 overflow-auto rounded bg-zinc-950 p-2 text-xs text-zinc-300">{shortenJson(job.meta)}</pre>
        </details>
      )}
    </div>
  );
}

export function RequestView({ request }: { request: NonNullable<JobRecord['request']> }) {
  return (
    <details>
      <summary className="cursor-pointer text-sm text-zinc-300 hover:text-amber-300">
        <span className="font-mono">{request.method}</span> <span className="break-all font-mono text-xs text-zinc-400">{request.url}</span>
      </summary>
      <div className="mt-1 flex flex-col gap-1 rounded bg-zinc-950 p-2 font-mono text-xs text-zinc-300">
        {Object.entries(request.headers).map(([name, value]) => (
          <div key={name} className="break-all">
            <span className="text-zinc-500">{name}:</span> {value}
          </div>
        ))}
        <pre tabIndex={0} aria-label="Stored request body" className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all">{formatRequestBody(request.body)}</pre>
      </div>
      <p className="mt-1 text-xs text-zinc-500">The key was replaced before this request was saved.</p>
    </details>
  );
}
