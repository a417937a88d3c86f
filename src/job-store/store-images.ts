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

    /**
     * Adds a whole job from an export, with its image, thumbnail and input Blobs, in one
     * transaction. The job's id is kept (a job already present by id is left as it is: 'skipped');
     * its images get fresh ids, so an imported image never replaces, and an imported job's
     * deletion never removes, an image of another job. `blobs` are keyed by the ids in `raw`.
     * The record is validated and migrated as every load is, and refused when it holds a key.
     */
    async importJob(raw: unknown, blobs: ImportBlobs): Promise<'added' | 'skipped'> {
      const loaded = readJobRecord(raw);
      if (!loaded.ok) throw invalidRecord(loaded.detail);
      assertNoKey(loaded.job);
      const full = new Map<string, Blob>();
      const thumbs = new Map<string, Blob>();
      const job = { ...loaded.job, images: loaded.job.images.map((image) => ({ ...image, id: newId() })) };
      for (const [i, image] of job.images.entries()) {
        const given = loaded.job.images[i]!.id;
        const blob = blobs.images.get(given);
        if (image.stored && !blob) throw invalidRecord(`image ${given} is missing`);
        if (!blob) continue;
        full.set(image.id, blob);
        const thumb = blobs.thumbs.get(given) ?? (await makeThumbnail(blob).catch(() => undefined))?.blob;
        if (thumb) thumbs.set(image.id, thumb);
      }
      const result = await write([...ALL_STORES], async (tx) => {
        if (await tx.objectStore('jobs').getKey(job.id)) return 'skipped' as const;
        for (const image of job.images) {
          const blob = full.get(image.id);
          if (!blob) continue;
          await tx.objectStore('images').put(blob, image.id);
          const thumb = thumbs.get(image.id);
          if (thumb) await tx.objectStore('thumbs').put(thumb, image.id);
        }
        const prefix = inputIdPrefix(job.id);
        for (const [id, blob] of blobs.inputs ?? []) if (id.startsWith(prefix)) await tx.objectStore('inputs').put(blob, id);
        await putInTx(tx, job);
        return 'added' as const;
      });
      if (result === 'added') notify({ type: 'put', id: job.id });
      return result;
    },
  };
}
