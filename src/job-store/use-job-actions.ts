/**
 * The intent hooks for sending a job: one per user action, each showing its own
 * failure in plain words (nothing becomes an unhandled rejection). Paid
 * requests are never retried automatically (mutations have retry 0).
 */
import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import { currentRoute } from '../api/current-route';
import { mutationKeys } from './queries';
import type { JobRecord } from './job-record';
import { cancelJob, resumeJob, retryJob, submitJob } from './run-job';
import type { SubmitInput } from './run-job';
import { getEndpoint, getProvider } from '../providers/registry';
import { submitFailure } from './job-errors';

export interface SubmitOptions {
  /** The new job's record is written (before its request leaves). */
  onCreated?(job: JobRecord): void;
}

/** Generate: validates, writes the job, sends it. `error` says why one did not go out. */
export function useSubmitJob(options: SubmitOptions = {}) {
  const latest = useRef(options);
  latest.current = options;
  const mutation = useMutation({
    mutationKey: mutationKeys.submitJob,
    mutationFn: (input: Omit<SubmitInput, 'onCreated'>) => submitJob({ ...input, onCreated: (job) => latest.current.onCreated?.(job) }),
  });
  return {
    submit: (input: Omit<SubmitInput, 'onCreated'>) => mutation.mutate(input),
    /** The same, awaitable (a batch sends its runs one after another). */
    submitAsync: (input: Omit<SubmitInput, 'onCreated'>) => mutation.mutateAsync(input),
    isPending: mutation.isPending,
    error: mutation.error ? submitFailure(mutation.error) : undefined,
    reset: mutation.reset,
  };
}

class RouteProblem extends Error {}

/** Retry: the same parameters and seed again, as a new job, on the provider's current route. */
export function useRetryJob(options: SubmitOptions = {}) {
  const latest = useRef(options);
  latest.current = options;
  const mutation = useMutation({
    mutationKey: mutationKeys.retryJob,
    mutationFn: async (job: JobRecord) => {
      const provider = getProvider(job.provider);
      const endpoint = getEndpoint(job.endpointId);
      if (!provider || !endpoint) throw new RouteProblem(`This version of the playground does not know ${job.endpointId}.`);
      const route = await currentRoute(provider);
      if (route.problem) throw new RouteProblem(route.problem);
      return retryJob(job, route, provider, endpoint, (created) => latest.current.onCreated?.(created));
    },
  });
  return {
    retry: (job: JobRecord) => mutation.mutate(job),
    isPending: mutation.isPending,
    error: mutation.error ? (mutation.error instanceof RouteProblem ? mutation.error.message : submitFailure(mutation.error)) : undefined,
    reset: mutation.reset,
  };
}

function failureText(what: string, e: unknown): string {
  return `${what}: ${e instanceof Error ? e.message : String(e)}. Reload the page if this repeats.`;
}

/** Cancel: stops a job (see `cancelJob`); `error` says why it could not be recorded (storage refused). */
export function useCancelJob() {
  const mutation = useMutation({ mutationKey: mutationKeys.cancelJob, mutationFn: (jobId: string) => cancelJob(jobId) });
  return {
    cancel: (jobId: string) => mutation.mutate(jobId),
    isPending: mutation.isPending,
    error: mutation.error ? failureText('The job could not be cancelled', mutation.error) : undefined,
    reset: mutation.reset,
  };
}

/** Resume: watches a stopped queued job again (no new request); `error` says why it could not. */
export function useResumeJob() {
  const mutation = useMutation({ mutationKey: mutationKeys.resumeJob, mutationFn: (jobId: string) => resumeJob(jobId) });
  return {
    resume: (jobId: string) => mutation.mutate(jobId),
    isPending: mutation.isPending,
    error: mutation.error ? failureText('The job could not be resumed', mutation.error) : undefined,
    reset: mutation.reset,
  };
}
