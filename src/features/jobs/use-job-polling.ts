/**
 * The one polling hook: a queued job is asked again from its ETA on, backing
 * off, until it reaches a terminal state. Network errors back off and retry;
 * a rate limit waits as long as the provider asked.
 */
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../job-store/queries';
import { getProvider } from '../../providers/registry';
import type { JobRecord } from '../../job-store/job-record';
import { getJob } from '../../job-store/store';
import { currentRoute } from '../../api/current-route';
import { getLive, setLive } from '../../job-store/live-state';
import { firstPollDue, pollDelayMs, pollRetryDelayMs } from './poll-schedule';
import { RateLimited } from '../../job-store/job-exchange';
import { pollJob } from '../../job-store/poll-job';

async function pollOnce(jobId: string, signal: AbortSignal): Promise<JobRecord | null> {
  const job = await getJob(jobId);
  if (!job || job.status !== 'queued' || getLive(jobId).cancelled) return job ?? null;
  if (!firstPollDue(job.timings.queuedAt, job.eta, Date.now())) return job;
  const provider = getProvider(job.provider);
  if (!provider) return job;
  const next = await pollJob(job, provider, await currentRoute(provider), signal);
  setLive(jobId, { notice: undefined, waitUntil: undefined });
  return next;
}

export function useJobPolling(job: JobRecord) {
  return useQuery({
    queryKey: queryKeys.jobPoll(job.id),
    queryFn: ({ signal }) => pollOnce(job.id, signal),
    enabled: job.status === 'queued',
    refetchInterval: (q) => {
      const data = q.state.data;
      if (!data || data.status !== 'queued' || getLive(job.id).cancelled) return false;
      if (!firstPollDue(data.timings.queuedAt, data.eta, Date.now())) {
        return Math.max(250, (data.timings.queuedAt ?? 0) + (data.eta ?? 5) * 1000 - Date.now());
      }
      return pollDelayMs(data.eta, getLive(job.id).polls ?? 0);
    },
    refetchIntervalInBackground: true,
    retry: (failures) => failures < 8 && !getLive(job.id).cancelled,
    retryDelay: (failures, error) => (error instanceof RateLimited ? error.seconds * 1000 : pollRetryDelayMs(failures)),
    staleTime: 0,
    gcTime: 0,
  });
}
