import type { JobStatus } from '../../job-store/job-record';

const STATUS_STYLE: Record<JobStatus, string> = {
  sending: 'bg-sky-900/90 text-sky-100',
  queued: 'bg-indigo-900/90 text-indigo-100',
  done: 'bg-emerald-900/90 text-emerald-100',
  failed: 'bg-red-900/90 text-red-100',
  cancelled: 'bg-zinc-700/90 text-zinc-100',
  interrupted: 'bg-orange-900/90 text-orange-100',
};

/** A job's status as a coloured badge: the status word itself unless a label is given. */
export function StatusBadge({ status, label = status, className = '' }: { status: JobStatus; label?: string; className?: string }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[status]} ${className}`}>{label}</span>;
}
