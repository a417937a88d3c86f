/**
 * The store's image writes: a downloaded result (with its thumbnail), a link the browser could not
 * download, and a whole job from an export with its Blobs. Each is one transaction.
 */
import { ALL_STORES } from './db';
import { inputIdPrefix } from './inputs';
import { TERMINAL_STATUSES } from './job-record';
import type { JobImage } from './job-record';
import type { GalleryChange } from './change-feed';
import { assertNoKey } from './key-guard';
import { readJobRecord } from './migrate';
import { assertImportable, waitingForUser } from './import-rules';
import { invalidRecord } from './store-write';
import type { StoreWriter } from './store-write';
import type { ThumbnailMaker } from './thumbnail';

export interface SaveImageInput {
  blob: Blob;
  mime?: string;
  sourceUrl?: string;
  seed?: number;
  width?: number;
  height?: number;
  /** Shown under the image: e.g. "stitched into the original", "the provider's raw output", or that images past the documented maximum were dropped. */
  note?: string;
  /** Refuse (JobClosedError) when the job is already done, failed, cancelled or interrupted. */
  whileOpen?: boolean;
  /** A thumbnail made with the image (with width and height given): none is made from `blob`. */
  thumb?: Blob;
}

export interface SaveImageLinkInput {
  url: string;
  /** Why only the link is kept, in plain words (see CORS_NOTE). */
  note: string;
  mime?: string;
  seed?: number;
  whileOpen?: boolean;
}

/** A finished or cancelled job takes no more images. */
export class JobClosedError extends Error {
  constructor(jobId: string, status: string) {
    super(`Job ${jobId} is ${status}: it takes no more images.`);
    this.name = 'JobClosedError';
  }
}

/** The note for an image the browser refused to download. */
export const CORS_NOTE =
  "The browser was not allowed to download this image (the provider's server does not permit it: CORS), so only the link is kept. Links expire: open or save it soon.";

export interface ImportBlobs {
  /** Full images by image id. */
  images: Map<string, Blob>;
  /** Thumbnails by image id; made here when missing. */
  thumbs: Map<string, Blob>;
  /** Inputs by input id. */
  inputs?: Map<string, Blob>;
}

export interface ImageWriteDeps {
  writer: StoreWriter;
  makeThumbnail: ThumbnailMaker;
  now: () => number;
  newId: () => string;
  notify: (change: GalleryChange) => void;
}

export function createImageWrites({ writer, makeThumbnail, now, newId, notify }: ImageWriteDeps) {
  const { write, putInTx, readForUpdate } = writer;

  async function appendImage(jobId: string, image: JobImage, blobs?: { full: Blob; thumb?: Blob }, whileOpen = false) {
    await write(['jobs', 'images', 'thumbs', 'inputs'], async (tx) => {
      const job = await readForUpdate(tx, jobId);
      // Checked in the same transaction as the write: a cancel that lands first wins.
      if (whileOpen && TERMINAL_STATUSES.includes(job.status)) throw new JobClosedError(jobId, job.status);
      if (blobs) {
        await tx.objectStore('images').put(blobs.full, image.id);
        if (blobs.thumb) await tx.objectStore('thumbs').put(blobs.thumb, image.id);
      }
      await putInTx(tx, { ...job, images: [...job.images, image], updatedAt: Math.max(now(), job.updatedAt) });
    });
    notify({ type: 'put', id: jobId });
    return image;
  }

  return {
    /** Stores the image and its thumbnail and appends it to the job, in one transaction. */
    async saveImage(jobId: string, input: SaveImageInput): Promise<JobImage> {
      let thumb: Awaited<ReturnType<ThumbnailMaker>>;
      try {
        const given = input.thumb && input.width && input.height ? { blob: input.thumb, width: input.width, height: input.height } : undefined;
        thumb = given ?? (await makeThumbnail(input.blob));
      } catch {
        thumb = undefined; // undecodable here: the image is kept, the grid shows the full image
      }
      const image: JobImage = {
        id: newId(),
        mime: input.mime || input.blob.type || 'application/octet-stream',
        width: input.width ?? thumb?.width,
        height: input.height ?? thumb?.height,
        seed: input.seed,
        sourceUrl: input.sourceUrl,
        stored: true,
        ...(input.note ? { note: input.note } : {}),
      };
      return appendImage(jobId, image, { full: input.blob, thumb: thumb?.blob }, input.whileOpen);
    },

    /** Keeps only the link (the browser refused the download), with a note saying so. */
    async saveImageLink(jobId: string, input: SaveImageLinkInput): Promise<JobImage> {
      const image: JobImage = {
        id: newId(),
        mime: input.mime ?? '',
        seed: input.seed,
        sourceUrl: input.url,
        stored: false,
        note: input.note,
      };
      return appendImage(jobId, image, undefined, input.whileOpen);
    },

    /** One job from an export (see importJobs). */
    async importJob(raw: unknown, blobs: ImportBlobs): Promise<'added' | 'skipped'> {
      const [result] = await importJobs([{ raw, blobs }]);
      if (result instanceof Error) throw result;
      return result!;
    },

    importJobs,
  };

  /** A job from an export made ready to store, or why it is refused. Nothing is written here. */
  async function prepareImport(raw: unknown, blobs: ImportBlobs) {
    const loaded = readJobRecord(raw);
    if (!loaded.ok) throw invalidRecord(loaded.detail);
    assertNoKey(loaded.job);
    assertImportable(loaded.job);
    const full = new Map<string, Blob>();
    const thumbs = new Map<string, Blob>();
    const job = { ...waitingForUser(loaded.job), images: loaded.job.images.map((image) => ({ ...image, id: newId() })) };
    for (const [i, image] of job.images.entries()) {
      const given = loaded.job.images[i]!.id;
      const blob = blobs.images.get(given);
      if (image.stored && !blob) throw invalidRecord(`image ${given} is missing`);
      if (!blob) continue;
      full.set(image.id, blob);
      const thumb = blobs.thumbs.get(given) ?? (await makeThumbnail(blob).catch(() => undefined))?.blob;
      if (thumb) thumbs.set(image.id, thumb);
    }
    const prefix = inputIdPrefix(job.id);
    const inputs = [...(blobs.inputs ?? [])].filter(([id]) => id.startsWith(prefix));
    return { job, full, thumbs, inputs };
  }

  /**
   * Adds whole jobs from an export, with their image, thumbnail and input Blobs, in one
   * transaction (one change notice): 10,000 jobs are a hundred transactions, not 10,000. A job's
   * id is kept (a job already present by id is left as it is: 'skipped'); its images get fresh
   * ids, so an imported image never replaces, and an imported job's deletion never removes, an
   * image of another job; an input already stored under its id is never replaced. `blobs` are
   * keyed by the ids in `raw`. Each record is validated and migrated as every load is, refused
   * when it holds a key or a string over MAX_IMPORT_STRING; a job still queued or sending is
   * stored as waiting for the user (`waitingForUser`), never polled at once. One answer per item:
   * 'added', 'skipped', or the Error that refused it. `quiet`: no change notice (an import of many
   * batches tells once, at its end, with `announceBulk`: a notice per batch made every open list
   * re-read all jobs, so 10,000 jobs slowed from 80 to 13 jobs/s as the store grew).
   */
  async function importJobs(items: readonly { raw: unknown; blobs: ImportBlobs }[], opts: { quiet?: boolean } = {}): Promise<('added' | 'skipped' | Error)[]> {
    const answers: ('added' | 'skipped' | Error)[] = [];
    const ready: { at: number; prepared: Awaited<ReturnType<typeof prepareImport>> }[] = [];
    for (const [at, item] of items.entries()) {
      try {
        ready.push({ at, prepared: await prepareImport(item.raw, item.blobs) });
      } catch (e) {
        answers[at] = e instanceof Error ? e : new Error(String(e));
      }
    }
    if (ready.length === 0) return answers;
    try {
      const results = await write([...ALL_STORES], async (tx) => {
        const out: ('added' | 'skipped')[] = [];
        for (const { prepared } of ready) {
          const { job, full, thumbs, inputs } = prepared;
          if (await tx.objectStore('jobs').getKey(job.id)) {
            out.push('skipped');
            continue;
          }
          for (const image of job.images) {
            const blob = full.get(image.id);
            if (!blob) continue;
            await tx.objectStore('images').put(blob, image.id);
            const thumb = thumbs.get(image.id);
            if (thumb) await tx.objectStore('thumbs').put(thumb, image.id);
          }
          for (const [id, blob] of inputs) if (!(await tx.objectStore('inputs').getKey(id))) await tx.objectStore('inputs').put(blob, id);
          await putInTx(tx, job);
          out.push('added');
        }
        return out;
      });
      ready.forEach(({ at }, i) => (answers[at] = results[i]!));
    } catch (e) {
      for (const { at } of ready) answers[at] = e instanceof Error ? e : new Error(String(e));
    }
    if (!opts.quiet && answers.some((a) => a === 'added')) notify(ready.length === 1 ? { type: 'put', id: ready[0]!.prepared.job.id } : { type: 'bulk' });
    return answers;
  }
}
