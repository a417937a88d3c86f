/**
 * The store's reads: records (validated and migrated on every load; an old shape that loaded is
 * written back in the current one), the facets for the filter menus, a record's inputs, and the
 * image, thumbnail and input Blobs.
 */
import { createBlobReader } from './blob-reader';
import type { GalleryChange } from './change-feed';
import type { GalleryDatabase } from './db';
import { restoreInputs } from './inputs';
import type { JobRecord } from './job-record';
import type { JobFilter, ListJobsOptions } from './job-query';
import { readFacets, readJobs } from './job-scan';
import type { GalleryFacets, JobScan } from './job-scan';
import { readJobRecord } from './migrate';
import type { StoreWriter, WriteTx } from './store-write';

export interface JobReadDeps {
  db: () => Promise<GalleryDatabase>;
  writer: StoreWriter;
  notify: (change: GalleryChange) => void;
}

/** How many upgraded records share one write-back transaction. */
const WRITE_BACK_BATCH = 250;

/**
 * Old-shape records that loaded fine are written back in the current shape, so the indexes see
 * them: a few hundred to a transaction (2,000 records were 2,000 transactions, still running while
 * the person searched). A batch that cannot be written (one record in it holds a key, say) is
 * written again one record at a time, so that record does not hold back the others.
 */
function createWriteBack({ writer, notify }: JobReadDeps) {
  const { write, putInTx } = writer;
  const upgrading = new Set<string>();
  const putIfStill = async (tx: WriteTx, job: JobRecord) => {
    const raw = await tx.objectStore('jobs').get(job.id);
    if (!raw || raw.version === job.version) return false; // changed meanwhile
    await putInTx(tx, job);
    return true;
  };
  const one = (job: JobRecord) =>
    write(['jobs', 'inputs'], (tx) => putIfStill(tx, job)).catch((error: unknown) => {
      console.warn(`gallery: could not upgrade old record ${job.id}`, error);
      return false;
    });
  const batch = async (jobs: JobRecord[]): Promise<boolean> => {
    try {
      return await write(['jobs', 'inputs'], async (tx) => {
        let any = false;
        for (const job of jobs) any = (await putIfStill(tx, job)) || any;
        return any;
      });
    } catch {
      const results = await Promise.all(jobs.map(one));
      return results.some(Boolean);
    }
  };
  return (jobs: JobRecord[]) => {
    const todo = jobs.filter((job) => !upgrading.has(job.id));
    if (todo.length === 0) return;
    todo.forEach((job) => upgrading.add(job.id));
    const batches: JobRecord[][] = [];
    for (let i = 0; i < todo.length; i += WRITE_BACK_BATCH) batches.push(todo.slice(i, i + WRITE_BACK_BATCH));
    void Promise.all(batches.map(batch)).then((results) => {
      todo.forEach((job) => upgrading.delete(job.id));
      if (results.some(Boolean)) notify({ type: 'bulk' });
    });
  };
}

export function createJobReads(deps: JobReadDeps) {
  const { db } = deps;
  const writeBack = createWriteBack(deps);
  /**
   * Blob reads asked for in the same tick share one transaction: a screen of
   * thumbnails mounting together is one read, not thirty.
   */
  const blobs = createBlobReader(db);

  async function scanJobs(opts: ListJobsOptions = {}): Promise<JobScan> {
    const { jobs, skipped, upgraded } = await readJobs(await db(), opts, blobs.idle);
    writeBack(upgraded);
    return { jobs, skipped };
  }

  return {
    async getJob(id: string): Promise<JobRecord | undefined> {
      const raw = await (await db()).get('jobs', id);
      const loaded = readJobRecord(raw);
      return raw !== undefined && loaded.ok ? loaded.job : undefined;
    },

    scanJobs,

    /** Newest first. */
    async listJobs(opts: ListJobsOptions = {}): Promise<JobRecord[]> {
      return (await scanJobs(opts)).jobs;
    },

    async countJobs(filter: JobFilter = {}): Promise<number> {
      return (await scanJobs({ ...filter, limit: undefined, before: undefined })).jobs.length;
    },

    /** The distinct providers, endpoints and statuses in the store (for filter menus). */
    async listFacets(): Promise<GalleryFacets> {
      return readFacets(await db());
    },

    /** The record's params with stored inputs turned back into data URLs (for reuse in the form). */
    async loadParams(job: Pick<JobRecord, 'params'>): Promise<Record<string, unknown>> {
      const database = await db();
      return restoreInputs(job.params, (id) => database.get('inputs', id));
    },

    /** A stored input (init image, mask) by its id, as referenced from a record's params. */
    getInputBlob(inputId: string): Promise<Blob | undefined> {
      return db().then((d) => d.get('inputs', inputId));
    },

    getImageBlob(imageId: string): Promise<Blob | undefined> {
      return blobs.get('images', imageId);
    },

    getThumbBlob(imageId: string): Promise<Blob | undefined> {
      return blobs.get('thumbs', imageId);
    },
  };
}
