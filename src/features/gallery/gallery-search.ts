/**
 * The gallery's search as you type: over each job's prompt and negative prompt (found by the
 * schema's roles), case- and accent-blind, every word of the query somewhere in them. Pure; the
 * lower-cased text of a job is kept per record object, so a key press over thousands of jobs only
 * compares strings.
 */
import type { JobRecord } from '../../job-store/job-record';
import { jobPrompts } from './job-prompt';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();

const haystacks = new WeakMap<JobRecord, string>();

function haystack(job: JobRecord): string {
  let text = haystacks.get(job);
  if (text === undefined) {
    const { prompt, negative } = jobPrompts(job);
    text = fold(`${prompt}\n${negative}`);
    haystacks.set(job, text);
  }
  return text;
}

/** The query's words, folded; none for a blank query. */
export function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** The jobs whose prompt or negative prompt hold every word of the query, in their order; all of them for a blank query. */
export function searchJobs(jobs: readonly JobRecord[], query: string): readonly JobRecord[] {
  const words = queryWords(query);
  if (!words.length) return jobs;
  return jobs.filter((job) => {
    const text = haystack(job);
    return words.every((w) => text.includes(w));
  });
}

/**
 * Builds the search text of `jobs` in idle time, a slice at a time, so the first key typed after
 * the gallery opens only compares strings (building it for 2,000 jobs is 30–60 ms at once). Returns
 * a stop function; a job already built is skipped, one built later by a search is simply found.
 */
export function warmSearch(jobs: readonly JobRecord[], sliceMs = 8): () => void {
  let next = 0;
  let handle: number | undefined;
  const idle = typeof requestIdleCallback === 'function';
  const work = (deadline?: IdleDeadline) => {
    const until = performance.now() + Math.min(sliceMs, deadline?.timeRemaining() ?? sliceMs);
    // At least one job a slice, however short the idle period.
    if (next < jobs.length) do haystack(jobs[next++]!);
    while (next < jobs.length && performance.now() < until);
    if (next < jobs.length) schedule();
    else handle = undefined;
  };
  const schedule = () => {
    handle = idle ? requestIdleCallback(work, { timeout: 2000 }) : (setTimeout(work, 0) as unknown as number);
  };
  schedule();
  return () => {
    if (handle === undefined) return;
    if (idle) cancelIdleCallback(handle);
    else clearTimeout(handle);
    handle = undefined;
  };
}

/** Whether a job's search text is built already (for tests). */
export function searchTextBuilt(job: JobRecord): boolean {
  return haystacks.has(job);
}
