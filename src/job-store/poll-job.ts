/**
 * A queued job after its request: one poll at a time (the pollers in features/jobs decide when),
 * and, after a reload, the requests whose answer the reload lost.
 */
import type { Route } from '../api/route';
import type { ProviderDef } from '../providers/types';
import { exchange, limitsOf, networkError, RateLimited, rateLimitWait } from './job-exchange';
import { fail, finish } from './job-outcome';
import type { JobRecord } from './job-record';
import { getLive, setLive } from './live-state';
import { updateJob } from './store';

/** When this page was loaded: jobs still "sending" from before it lost their request. */
const PAGE_STARTED_AT = Date.now();

/** One poll of a queued job. Returns the updated record; throws on a network error (the caller backs off). */
export async function pollJob(job: JobRecord, provider: ProviderDef, route: Route, signal?: AbortSignal): Promise<JobRecord> {
  if (!provider.buildFetchRequest || !provider.parseFetchResponse || !job.providerJobId) {
    return fail(job.id, { kind: 'unknown', message: `${provider.name} jobs cannot be fetched later.` });
  }
  const req = provider.buildFetchRequest({ id: job.providerJobId, key: route.key, baseUrl: route.baseUrl });
  const polls = (getLive(job.id).polls ?? 0) + 1;
  setLive(job.id, { polls });
  const limits = limitsOf(provider, provider.endpoints.find((e) => e.id === job.endpointId));
  let result = await exchange(req, route, (r) => provider.parseFetchResponse!(r), signal, limits.timeoutMs);
  // The status says the result is ready (fal's queue): one more request fetches it.
  if (result.kind === 'queued' && result.ready && provider.buildResultRequest) {
    const next = provider.buildResultRequest({ id: job.providerJobId, key: route.key, baseUrl: route.baseUrl });
    result = await exchange(next, route, (r) => provider.parseFetchResponse!(r), signal, limits.timeoutMs);
  }
  if (result.kind === 'images') {
    // A queued job's latency runs from submission to the answer that brought its images.
    return finish(job.id, result, Date.now() - (job.timings.submittedAt ?? job.createdAt), signal, limits).catch((e) => fail(job.id, networkError(e)));
  }
  if (result.kind === 'queued') {
    // What the provider says meanwhile (a queue position, the last log line).
    if (result.message) setLive(job.id, { notice: result.message });
    return updateJob(job.id, (j) => ({ ...j, eta: result.eta ?? j.eta }));
  }
  const wait = rateLimitWait(result.error);
  if (wait !== undefined) {
    setLive(job.id, { notice: `Rate limited while checking: waiting ${wait} s as ${provider.name} asked.`, waitUntil: Date.now() + wait * 1000 });
    throw new RateLimited(wait);
  }
  return fail(job.id, result.error);
}

/** After a reload: a synchronous request that was in flight is lost; queued ones resume by themselves. */
export async function markInterrupted(jobs: JobRecord[], pageStartedAt = PAGE_STARTED_AT) {
  for (const j of jobs) {
    // Only requests sent before this page loaded can have lost their answer to a reload.
    if (j.status !== 'sending' || j.createdAt >= pageStartedAt || getLive(j.id).controller) continue;
    await updateJob(j.id, (x) =>
      x.status !== 'sending'
        ? x
        : {
            ...x,
            status: 'interrupted',
            error: {
              kind: 'network',
              message: 'The page was closed or reloaded while this request was in flight; its answer was lost.',
              hint: 'Retry sends the same parameters and seed again.',
            },
          },
    );
  }
}

