/**
 * What the playground reads as it mounts, fetched before it mounts: the proxy's status and the
 * job the tab was showing. Its first render then has them, instead of rendering once without
 * them and again, all at once, when they arrive (a long task on a slow phone).
 */
import type { QueryClient } from '@tanstack/react-query';
import { jobQuery, proxyQuery } from '../job-store/queries';
import { loadCurrentJobId } from './drafts';

/** Never holds the playground back for long: a slow answer arrives the usual way. */
const WAIT_AT_MOST_MS = 1500;

export function preparePlayground(client: QueryClient): Promise<void> {
  const id = loadCurrentJobId();
  const ready = Promise.all([client.prefetchQuery(proxyQuery()), id ? client.prefetchQuery(jobQuery(id)) : undefined]);
  return Promise.race([ready.then(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, WAIT_AT_MOST_MS))]);
}
