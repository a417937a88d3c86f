/** Filtering and ordering of job records: pure, shared by the store and its tests. */
import type { ProviderId } from '../providers/types';
import type { JobRecord, JobStatus } from './job-record';

export interface JobFilter {
  provider?: ProviderId;
  endpointId?: string;
  status?: JobStatus;
  compareGroupId?: string;
  /** Only the jobs the user starred. */
  starred?: true;
}

export interface ListJobsOptions extends JobFilter {
  /** At most this many jobs. */
  limit?: number;
  /** Only jobs created strictly before this time (epoch ms): the next page after the last job's createdAt. */
  before?: number;
}

/** The index to read for a filter: the most selective field given, if any. */
export function pickIndex(filter: JobFilter): { name: 'compareGroupId' | 'endpointId' | 'provider' | 'status'; value: string } | undefined {
  if (filter.compareGroupId !== undefined) return { name: 'compareGroupId', value: filter.compareGroupId };
  if (filter.endpointId !== undefined) return { name: 'endpointId', value: filter.endpointId };
  if (filter.provider !== undefined) return { name: 'provider', value: filter.provider };
  if (filter.status !== undefined) return { name: 'status', value: filter.status };
  return undefined;
}

export function matchesFilter(job: JobRecord, options: ListJobsOptions): boolean {
  return (
    (options.provider === undefined || job.provider === options.provider) &&
    (options.endpointId === undefined || job.endpointId === options.endpointId) &&
    (options.status === undefined || job.status === options.status) &&
    (options.compareGroupId === undefined || job.compareGroupId === options.compareGroupId) &&
    (options.starred === undefined || job.starred) &&
    (options.before === undefined || job.createdAt < options.before)
  );
}

/** Newest first; ties broken by id so pages are stable. */
export function newestFirst(a: JobRecord, b: JobRecord): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Removes undefined fields, so `{ provider: undefined }` and `{}` are the same filter (and query key). */
export function normalizeFilter<T extends JobFilter>(filter: T): T {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as T;
}
