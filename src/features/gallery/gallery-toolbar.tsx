/** The search field, filters (Provider, Endpoint, Status, Starred), the count, storage use and Clear all (confirmed first). */
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { formatBytes } from './format';
import type { JobFilter } from '../../job-store/job-query';
import { JOB_STATUSES } from '../../job-store/job-record';
import type { JobStatus } from '../../job-store/job-record';
import { endpointLabel, STATUS_LABELS } from './gallery-tiles';
import { providerIds, providerLabel } from '../../providers/registry';
import type { ProviderId } from '../../providers/types';

const selectClass =
  'rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1.5 text-sm text-zinc-100 focus-visible:outline-2 focus-visible:outline-amber-400';
const fieldClass = 'flex flex-col gap-0.5 text-xs text-zinc-400';

export function GalleryToolbar({
  filter,
  onFilter,
  endpointIds,
  summary,
  usage,
  canClear,
  onClearAll,
  search,
}: {
  /** The search field (and the starred filter), first in the row. */
  search?: ReactNode;
  filter: JobFilter;
  onFilter(filter: JobFilter): void;
  endpointIds: string[];
  summary: string;
  usage?: { usage?: number; quota?: number } | null;
  canClear: boolean;
  onClearAll(): Promise<void>;
}) {
  const uid = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const endpoints = endpointIds.filter((id) => !filter.provider || id.startsWith(`${filter.provider}/`));

  const clear = async () => {
    setBusy(true);
    try {
      await onClearAll();
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-3">
        {search}
        <div className={fieldClass}>
          <label htmlFor={`${uid}-provider`}>Provider</label>
          <select
            id={`${uid}-provider`}
            className={selectClass}
            value={filter.provider ?? ''}
            onChange={(e) => onFilter({ ...filter, provider: (e.target.value || undefined) as ProviderId | undefined, endpointId: undefined })}
          >
            <option value="">All providers</option>
            {providerIds().map((id) => (
              <option key={id} value={id}>
                {providerLabel(id)}
              </option>
            ))}
          </select>
        </div>
        <div className={fieldClass}>
          <label htmlFor={`${uid}-endpoint`}>Endpoint</label>
          <select
            id={`${uid}-endpoint`}
            className={selectClass}
            value={filter.endpointId ?? ''}
            onChange={(e) => onFilter({ ...filter, endpointId: e.target.value || undefined })}
          >
            <option value="">All endpoints</option>
            {endpoints.map((id) => (
              <option key={id} value={id}>
                {filter.provider ? endpointLabel(id) : id}
              </option>
            ))}
          </select>
        </div>
        <div className={fieldClass}>
          <label htmlFor={`${uid}-status`}>Status</label>
          <select
            id={`${uid}-status`}
            className={selectClass}
            value={filter.status ?? ''}
            onChange={(e) => onFilter({ ...filter, status: (e.target.value || undefined) as JobStatus | undefined })}
          >
            <option value="">Any status</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          aria-pressed={!!filter.starred}
          title={filter.starred ? 'Showing starred jobs only: click to show all' : 'Show only the jobs you starred'}
          onClick={() => onFilter({ ...filter, starred: filter.starred ? undefined : true })}
          className={`rounded-md border px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-amber-400 ${
            filter.starred ? 'border-amber-500 bg-amber-500/15 text-amber-100' : 'border-zinc-700 text-zinc-300 hover:border-zinc-500'
          }`}
        >
          <span aria-hidden="true">{filter.starred ? '★' : '☆'}</span> Starred
        </button>
        <p className="pb-1.5 text-sm text-zinc-300" aria-live="polite">
          {summary}
        </p>
        <span className="ml-auto flex items-center gap-3 pb-0.5">
          {usage?.usage !== undefined && (
            <span className="text-xs text-zinc-500" title="What the browser reports for this site">
              {formatBytes(usage.usage)} used{usage.quota ? ` of ${formatBytes(usage.quota)}` : ''}
            </span>
          )}
          <button
            type="button"
            disabled={!canClear || confirming}
            onClick={() => setConfirming(true)}
            className="rounded-md border border-zinc-700 px-3 py-1.5 text-sm text-zinc-300 enabled:hover:border-red-700 enabled:hover:text-red-200 focus-visible:outline-2 focus-visible:outline-amber-400 disabled:opacity-40"
          >
            Clear all
          </button>
        </span>
      </div>
      {confirming && (
        <div role="alertdialog" aria-label="Confirm clear all" className="flex flex-wrap items-center gap-3 rounded-md border border-red-800 bg-red-950/50 px-3 py-2 text-sm">
          <span className="text-red-100">
            Delete every job and image in the gallery? This cannot be undone; download what you want to keep first.
          </span>
          <span className="ml-auto flex gap-2">
            <button
              type="button"
              autoFocus
              disabled={busy}
              onClick={() => void clear()}
              className="rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-600 focus-visible:outline-2 focus-visible:outline-red-300"
            >
              Delete everything
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              className="rounded-md border border-zinc-700 px-3 py-1.5 text-zinc-200 hover:border-zinc-500 focus-visible:outline-2 focus-visible:outline-amber-400"
            >
              Cancel
            </button>
          </span>
        </div>
      )}
    </div>
  );
}
