/** What the grid shows: one tile per image, and one per job that has no image (yet). Pure. */
import { providerLabel } from '../../providers/registry';
import type { JobError, JobImage, JobRecord, JobStatus } from '../../job-store/job-record';
import { jobPrompts, promptStart } from './job-prompt';

export const STATUS_LABELS: Record<JobStatus, string> = {
  sending: 'Sending',
  queued: 'Queued',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** `modelslab/text2img` → `text2img`. */
export function endpointLabel(endpointId: string): string {
  const slash = endpointId.indexOf('/');
  return slash >= 0 ? endpointId.slice(slash + 1) : endpointId;
}

/** `ModelsLab text2img`. */
export function jobTitle(job: Pick<JobRecord, 'provider' | 'endpointId'>): string {
  return `${providerLabel(job.provider)} ${endpointLabel(job.endpointId)}`;
}

export interface GalleryTile {
  key: string;
  job: JobRecord;
  /** Undefined: the job has no image (sending, queued, failed…). */
  image?: JobImage;
  /** The image's position in its job (0 for an image-less job). */
  imageIndex: number;
  seed?: number;
}

/** A job's tiles, kept per record object: a record that did not change gives the same tiles back. */
const tilesOfJob = new WeakMap<JobRecord, readonly GalleryTile[]>();

function jobTiles(job: JobRecord): readonly GalleryTile[] {
  let tiles = tilesOfJob.get(job);
  if (!tiles) {
    tiles =
      job.images.length === 0
        ? [{ key: job.id, job, imageIndex: 0, seed: job.seed }]
        : job.images.map((image, imageIndex) => ({ key: `${job.id}:${image.id}`, job, image, imageIndex, seed: image.seed ?? job.seed }));
    tilesOfJob.set(job, tiles);
  }
  return tiles;
}

/**
 * The tiles of `jobs`, in order. A job's tiles are the same objects every time its record is
 * (the store replaces a record when it changes), so the grid's memoised tiles skip every tile a
 * new search or filter leaves as it was.
 */
export function toTiles(jobs: readonly JobRecord[]): GalleryTile[] {
  const tiles: GalleryTile[] = [];
  for (const job of jobs) for (const tile of jobTiles(job)) tiles.push(tile);
  return tiles;
}

/** The error in a few words, for a tile. */
export function shortError(error: JobError | undefined, max = 70): string {
  if (!error) return '';
  const firstSentence = error.message.split(/(?<=[.!?])\s/)[0] ?? error.message;
  return firstSentence.length > max ? `${firstSentence.slice(0, max - 1).trimEnd()}…` : firstSentence;
}

/** What the tile of a job without an image says in its place, line by line. */
export function statusLines(job: JobRecord): string[] {
  const active = job.status === 'sending' || job.status === 'queued';
  const position = job.status === 'queued' && job.queuePosition !== undefined ? ` (#${job.queuePosition})` : '';
  return [
    `${STATUS_LABELS[job.status]}${position}`,
    job.error ? shortError(job.error, 90) : '',
    active && job.eta !== undefined ? `ETA about ${Math.round(job.eta)} s` : '',
    job.status === 'done' ? 'No image was returned' : '',
  ].filter(Boolean);
}

/** What a tile's caption says: the prompt's start, or that there was none. */
export function tileCaption(job: JobRecord): string {
  return promptStart(jobPrompts(job).prompt, 90) || 'No prompt';
}

/**
 * The tile's accessible name: "Open image, seed 1234, ModelsLab text2img, a lighthouse at dusk". It
 * ends with what the tile shows, in its order (the "1 of 2" badge, the compare label, the prompt's
 * start), so the name holds the visible text (WCAG 2.5.3); seed and endpoint come first.
 */
export function tileLabel(tile: GalleryTile): string {
  const seed = `seed ${tile.seed ?? 'unknown'}`;
  const title = jobTitle(tile.job);
  if (!tile.image) return `Open job, ${seed}, ${title}, ${statusLines(tile.job).join(', ')}, ${tileCaption(tile.job)}`;
  const linkOnly = tile.image.stored ? '' : ' (link only, not stored)';
  const more = tile.job.images.length > 1 ? `, image ${tile.imageIndex + 1} of ${tile.job.images.length}` : '';
  const label = tile.job.compareLabel ? `, ${tile.job.compareLabel}` : '';
  return `Open image${linkOnly}, ${seed}, ${title}${more}${label}, ${tileCaption(tile.job)}`;
}

export function countImages(jobs: readonly JobRecord[]): number {
  return jobs.reduce((n, job) => n + job.images.length, 0);
}

/** "12 images in 9 jobs". */
export function countSummary(jobs: readonly JobRecord[]): string {
  const images = countImages(jobs);
  return `${images} ${images === 1 ? 'image' : 'images'} in ${jobs.length} ${jobs.length === 1 ? 'job' : 'jobs'}`;
}
