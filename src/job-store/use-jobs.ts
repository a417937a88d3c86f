/** Jobs read from the persisted store through TanStack Query; the cache follows the store by job id. */
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobRecord } from './job-record';
import { useEffect } from 'react';
import { activeJobsQuery, jobQuery, syncJobCache } from './queries';

/** Keeps every job query in step with the store (this tab or another), patching by job id. */
export function useJobStoreSync() {
  const qc = useQueryClient();
  useEffect(() => syncJobCache(qc), [qc]);
}

export function useJob(id: string | undefined) {
  return useQuery(jobQuery(id));
}

/** Several jobs by id, in that order; one not (yet) read is undefined. */
export function useJobs(ids: readonly string[]): Array<JobRecord | undefined> {
  return useQueries({ queries: ids.map((id) => jobQuery(id)), combine: (results) => results.map((r) => r.data ?? undefined) });
}

/** Jobs still sending or queued, oldest first. */
export function useActiveJobs() {
  return useQuery(activeJobsQuery());
}
