/**
 * What an imported job record must satisfy beyond the record schema, and how a job that was
 * still running when it was exported is kept: a file is someone else's input.
 */
import type { JobRecord } from './job-record';

/**
 * The longest string an imported record may hold (a prompt, an error, a URL). Stored records keep
 * no image data inline (inputs live in their own store, requests are compacted), so a real one is
 * far below this; a 100 MB prompt is refused instead of stored.
 */
export const MAX_IMPORT_STRING = 100_000;

/** Said on a job imported while it was queued at the provider: Resume fetches it, nothing is polled before. */
export const IMPORTED_NOT_RESUMED = 'Imported, not resumed: the provider may still have this job. Resume fetches it with your key.';

function longString(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.length > MAX_IMPORT_STRING ? `${path || 'a string'} is ${value.length.toLocaleString('en')} characters long` : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k.length > MAX_IMPORT_STRING) return `a name in ${path || 'the record'} is ${k.length.toLocaleString('en')} characters long`;
    const found = longString(v, path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Throws with the reason when an imported record may not be stored. */
export function assertImportable(job: JobRecord): void {
  // A job id is the prefix of its inputs' ids (`<id>/…`): an id with a slash would reach into another job's.
  if (job.id.includes('/')) throw new TypeError(`Not a valid job record: its id "${job.id.slice(0, 80)}" contains "/"`);
  const long = longString(job, '');
  if (long) throw new TypeError(`Not a valid job record: ${long} (at most ${MAX_IMPORT_STRING.toLocaleString('en')})`);
}

/**
 * A job exported while it was queued waits for the user: stored as stopped (Resume fetches it with
 * the user's key, as after Cancel); one exported while its request was on its way is interrupted
 * (its answer is not in the file). Finished jobs are kept as they are.
 */
export function waitingForUser(job: JobRecord): JobRecord {
  if (job.status === 'queued' && job.providerJobId) {
    return { ...job, status: 'cancelled', error: { kind: 'stopped_watching', message: IMPORTED_NOT_RESUMED } };
  }
  if (job.status === 'queued' || job.status === 'sending') {
    return { ...job, status: 'interrupted', error: { kind: 'unknown', message: 'Imported while it was still running: its answer is not in the file. Retry sends it again.' } };
  }
  return job;
}
