/**
 * Every query key and `queryOptions` of the app, in one place, and the one
 * subscription that keeps the cache in step with the job store: a change to
 * one job patches the cached lists by its id instead of re-reading them all.
 */
import { queryOptions } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { proxyAvailable } from '../api/proxy-status';
import type { JobFilter } from './job-query';
import { matchesFilter, newestFirst, normalizeFilter } from './job-query';
import type { JobRecord } from './job-record';
import type { JobScan } from './job-scan';
import { galleryStore } from './store';

/** Jobs read first, newest first, so the gallery's first screen does not wait for thousands of records. */
export const HEAD_JOBS = 60;

export const queryKeys = {
  /** Every job query: one job, the active ones, the gallery's lists. */
  jobs: ['jobs'] as const,
  job: (id: string) => ['jobs', 'one', id] as const,
  activeJobs: ['jobs', 'active'] as const,
  gallery: ['jobs', 'gallery'] as const,
  galleryJobs: (filter: JobFilter) => ['jobs', 'gallery', 'list', normalizeFilter(filter)] as const,
  /** The newest few, shown while the whole list loads. */
  galleryHead: (filter: JobFilter) => ['jobs', 'gallery', 'head', normalizeFilter(filter)] as const,
  facets: ['jobs', 'gallery', 'facets'] as const,
  storageEstimate: ['jobs', 'gallery', 'estimate'] as const,
  jobPoll: (id: string) => ['job-poll', id] as const,
  /** A running request's progress, from the provider's server (`extra.progress`). */
  jobProgress: (id: string) => ['job-progress', id] as const,
  /** A list the provider's server offers (`extra.lists`), per mode and base URL. */
  serverList: (provider: string, name: string, mode: string, baseUrl: string) => ['server-list', provider, name, mode, baseUrl] as const,
  proxy: ['proxy-available'] as const,
};

export const mutationKeys = {
  submitJob: ['jobs', 'submit'] as const,
  retryJob: ['jobs', 'retry'] as const,
  cancelJob: ['jobs', 'cancel'] as const,
  resumeJob: ['jobs', 'resume'] as const,
};

export const proxyQuery = () => queryOptions({ queryKey: queryKeys.proxy, queryFn: proxyAvailable, staleTime: Infinity });

export const jobQuery = (id: string | undefined) =>
  queryOptions({
    queryKey: queryKeys.job(id ?? ''),
    queryFn: async () => (id ? ((await galleryStore().getJob(id)) ?? null) : null),
    enabled: !!id,
    staleTime: Infinity,
  });

const isActive = (job: JobRecord) => job.status === 'sending' || job.status === 'queued';
const oldestFirst = (a: JobRecord, b: JobRecord) => a.createdAt - b.createdAt;

/** Jobs still sending or queued, oldest first. */
export const activeJobsQuery = () =>
  queryOptions({
    queryKey: queryKeys.activeJobs,
    queryFn: async (): Promise<JobRecord[]> => {
      const store = galleryStore();
      const [sending, queued] = await Promise.all([store.listJobs({ status: 'sending' }), store.listJobs({ status: 'queued' })]);
      return [...sending, ...queued].sort(oldestFirst);
    },
    staleTime: Infinity,
  });

export const galleryHeadQuery = (filter: JobFilter) =>
  queryOptions({
    queryKey: queryKeys.galleryHead(filter),
    queryFn: () => galleryStore().scanJobs({ ...normalizeFilter(filter), limit: HEAD_JOBS }),
    structuralSharing: false,
    staleTime: Infinity,
  });

export const galleryJobsQuery = (filter: JobFilter) =>
  queryOptions({
    queryKey: queryKeys.galleryJobs(filter),
    queryFn: () => galleryStore().scanJobs(normalizeFilter(filter)),
    // Thousands of records: comparing them deeply on every re-read costs more than it saves.
    structuralSharing: false,
    staleTime: Infinity,
  });

export const facetsQuery = () => queryOptions({ queryKey: queryKeys.facets, queryFn: () => galleryStore().listFacets(), staleTime: Infinity });

export const storageEstimateQuery = () =>
  queryOptions({ queryKey: queryKeys.storageEstimate, queryFn: async () => (await galleryStore().storageEstimate()) ?? null });

/** `list` with `job` put in its place (or removed: `job` undefined, or no longer matching). Pure. */
export function patchList(list: readonly JobRecord[], id: string, job: JobRecord | undefined, matches: (j: JobRecord) => boolean, order: (a: JobRecord, b: JobRecord) => number, limit?: number): JobRecord[] {
  const rest = list.filter((j) => j.id !== id);
  if (!job || !matches(job)) return rest.length === list.length ? (list as JobRecord[]) : rest;
  const at = list.findIndex((j) => j.id === id);
  if (at >= 0) {
    const out = [...list];
    out[at] = job;
    return out;
  }
  const out = [...rest, job].sort(order);
  return limit !== undefined ? out.slice(0, limit) : out;
}

/** Applies one job's new state (undefined: deleted) to every cached query that holds job lists. */
export function applyJobChange(qc: QueryClient, id: string, job: JobRecord | undefined) {
  qc.setQueryData(queryKeys.job(id), job ?? null);
  qc.setQueryData<JobRecord[]>(queryKeys.activeJobs, (list) => list && patchList(list, id, job, isActive, oldestFirst));
  for (const [key, scan] of qc.getQueriesData<JobScan>({ queryKey: queryKeys.gallery })) {
    if (!scan || !Array.isArray((scan as Partial<JobScan>).jobs)) continue;
    const [, , kind, filter] = key as [string, string, string, JobFilter];
    if (kind !== 'list' && kind !== 'head') continue;
    const jobs = patchList(scan.jobs, id, job, (j) => matchesFilter(j, filter), newestFirst, kind === 'head' ? HEAD_JOBS : undefined);
    if (jobs !== scan.jobs) qc.setQueryData<JobScan>(key, { ...scan, jobs });
  }
  void qc.invalidateQueries({ queryKey: queryKeys.facets });
  void qc.invalidateQueries({ queryKey: queryKeys.storageEstimate });
}

/**
 * Keeps the cache in step with the store (this tab and others): a put or a
 * delete patches by job id; a clear or a bulk change re-reads everything.
 * Returns the unsubscribe function.
 *
 * The job queries never go stale by themselves (staleTime: Infinity) and the
 * store's change feed does not replay what it announced while nobody listened
 * (the job layer that subscribes loads after the playground: a quick job can be
 * done before it mounts). So the first subscriber re-reads every job query
 * already cached: the cache cannot keep a state the store has left.
 */
export function syncJobCache(qc: QueryClient): () => void {
  // One subscription per client, however many components ask for it.
  const held = syncs.get(qc);
  if (held) {
    held.count++;
    return () => release(qc);
  }
  const off = subscribeJobCache(qc);
  syncs.set(qc, { count: 1, off });
  // Active queries are read again now (a read still in flight is restarted: it may predate a change); the others when next used.
  void qc.invalidateQueries({ queryKey: queryKeys.jobs });
  return () => release(qc);
}

const syncs = new WeakMap<QueryClient, { count: number; off: () => void }>();

function release(qc: QueryClient) {
  const held = syncs.get(qc);
  if (!held) return;
  if (--held.count === 0) {
    held.off();
    syncs.delete(qc);
  }
}

function subscribeJobCache(qc: QueryClient): () => void {
  return galleryStore().subscribe((change) => {
    if (change.type === 'storage') return;
    if (change.type === 'put' || change.type === 'delete') {
      const id = change.id;
      if (change.type === 'delete') return applyJobChange(qc, id, undefined);
      void galleryStore()
        .getJob(id)
        .then(
          (job) => applyJobChange(qc, id, job),
          () => void qc.invalidateQueries({ queryKey: queryKeys.jobs }),
        );
      return;
    }
    void qc.invalidateQueries({ queryKey: queryKeys.jobs });
  });
}
