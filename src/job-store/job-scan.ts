/** Reading job records: through the best index for the filter, migrated and validated one by one. */
import type { GalleryDatabase } from './db';
import type { JobRecord } from './job-record';
import { matchesFilter, newestFirst, pickIndex } from './job-query';
import type { ListJobsOptions } from './job-query';
import { readJobRecord } from './migrate';

export interface JobScan {
  jobs: JobRecord[];
  /** Records left out: from a newer version of the app, or not valid. They stay in the database untouched. */
  skipped: { futureVersion: number; invalid: number };
}

export interface GalleryFacets {
  providers: string[];
  endpointIds: string[];
  statuses: string[];
}

const CHUNK = 400;
const READ_SLICE = 500;

/** Checks records in chunks, giving the main thread back in between (images keep decoding and painting). */
async function considerAll(raws: unknown[], consider: (raw: unknown) => void): Promise<void> {
  for (let start = 0; start < raws.length; start += CHUNK) {
    if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    for (let i = start; i < Math.min(raws.length, start + CHUNK); i++) consider(raws[i]);
  }
}

/** Matching jobs newest first, what was skipped, and the valid records that had an older shape. */
export async function readJobs(
  db: GalleryDatabase,
  opts: ListJobsOptions,
  /** Resolves when more urgent reads (thumbnails on screen) are done; awaited between slices of a full read. */
  whenIdle: () => Promise<void> = () => Promise.resolve(),
): Promise<JobScan & { upgraded: JobRecord[] }> {
  const tx = db.transaction('jobs');
  const jobs: JobRecord[] = [];
  const upgraded: JobRecord[] = [];
  const skipped = { futureVersion: 0, invalid: 0 };
  const consider = (raw: unknown) => {
    const loaded = readJobRecord(raw);
    if (!loaded.ok) {
      if (loaded.reason === 'future-version') skipped.futureVersion++;
      else skipped.invalid++;
      return;
    }
    if (loaded.migrated) upgraded.push(loaded.job);
    if (matchesFilter(loaded.job, opts)) jobs.push(loaded.job);
  };
  const [total, indexed] = await Promise.all([tx.store.count(), tx.store.index('createdAt').count()]);
  // Records without createdAt have an older shape and are not in the indexes yet: read everything.
  const legacy = total !== indexed;
  const index = legacy ? undefined : pickIndex(opts);
  if (index) {
    await considerAll(await tx.store.index(index.name).getAll(index.value), consider);
  } else if (!legacy && opts.limit !== undefined) {
    // Newest first straight from the createdAt index, stopping once the page is full.
    const range = opts.before === undefined ? null : IDBKeyRange.upperBound(opts.before, true);
    let cursor = await tx.store.index('createdAt').openCursor(range, 'prev');
    while (cursor && jobs.length < opts.limit) {
      consider(cursor.value);
      cursor = await cursor.continue();
    }
  } else {
    // In slices by primary key, one transaction each, letting the thumbnails on screen be read first.
    // A record added meanwhile behind the slices is picked up by the re-read its change notice causes.
    const raws: unknown[] = [];
    for (let last: string | undefined; ; ) {
      await whenIdle();
      const range = last === undefined ? null : IDBKeyRange.lowerBound(last, true);
      const slice = await db.getAll('jobs', range, READ_SLICE);
      raws.push(...slice);
      if (slice.length < READ_SLICE) break;
      last = slice[slice.length - 1]!.id;
    }
    await considerAll(raws, consider);
  }
  jobs.sort(newestFirst);
  return { jobs: opts.limit === undefined ? jobs : jobs.slice(0, opts.limit), skipped, upgraded };
}

/** The distinct values of the filterable indexes. */
export async function readFacets(db: GalleryDatabase): Promise<GalleryFacets> {
  const tx = db.transaction('jobs');
  const distinct = async (name: 'provider' | 'endpointId' | 'status') => {
    const keys: string[] = [];
    let cursor = await tx.store.index(name).openKeyCursor(null, 'nextunique');
    while (cursor) {
      keys.push(String(cursor.key));
      cursor = await cursor.continue();
    }
    return keys;
  };
  const [providers, endpointIds, statuses] = await Promise.all([distinct('provider'), distinct('endpointId'), distinct('status')]);
  return { providers, endpointIds, statuses };
}
