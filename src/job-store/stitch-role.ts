/**
 * A crop-and-stitch job keeps two images per result: the stitched full-size picture, then the
 * provider's own output. Their notes (written by job-outcome.ts) say which is which.
 */
import type { JobImage, JobRecord } from './job-record';

export const STITCHED_NOTE_START = 'Stitched into the ';
export const RAW_NOTE_START = "The provider's raw output.";
/** An img2img answer sent padded to keep the picture's aspect: the padding cut off. */
export const UNPADDED_NOTE_START = 'Cropped to ';

export type StitchRole = 'stitched' | 'raw';

/** Which of the two an image is; undefined for a job that was not cropped and stitched. */
export function stitchRole(job: Pick<JobRecord, 'inpaint'>, image: Pick<JobImage, 'note'>): StitchRole | undefined {
  if (!job.inpaint || !image.note) return undefined;
  if (image.note.startsWith(STITCHED_NOTE_START) || image.note.startsWith(UNPADDED_NOTE_START)) return 'stitched';
  if (image.note.startsWith(RAW_NOTE_START)) return 'raw';
  return undefined;
}
