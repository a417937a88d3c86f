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
