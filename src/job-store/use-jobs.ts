/** Jobs read from the persisted store, re-read whenever the store changes. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../api/query-keys';
import type { JobRecord } from './job-record';
import { getJob, listJobs, subscribe } from './store';

/** Invalidates every job query when the store changes (this tab or another). */
export function useJobStoreSync() {
  const qc = useQueryClient();
  useEffect(() => subscribe(() => void qc.invalidateQueries({ queryKey: queryKeys.jobs })), [qc]);
}

export function useJob(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.job(id ?? ''),
    queryFn: async () => (id ? ((await getJob(id)) ?? null) : null),
    enabled: !!id,
    staleTime: 0,
  });
}

/** Jobs still sending or queued, oldest first. */
export function useActiveJobs() {
  return useQuery({
    queryKey: queryKeys.activeJobs,
    queryFn: async (): Promise<JobRecord[]> => {
      const [sending, queued] = await Promise.all([listJobs({ status: 'sending' }), listJobs({ status: 'queued' })]);
      return [...sending, ...queued].sort((a, b) => a.createdAt - b.createdAt);
    },
    staleTime: 0,
  });
}
