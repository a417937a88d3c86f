/** How a result image is named (its alt text), on the card and in the lightbox. */
import type { JobImage, JobRecord } from '../../job-store/job-record';

/** The image's seed: its own, or the job's. */
export function imageSeed(job: JobRecord, image: JobImage) {
  return image.seed ?? job.seed;
}

/** Without a seed of its own, a sample is the job's seed at its index: the same job again reproduces it. */
export function sampleNote(job: JobRecord, image: JobImage, index: number) {
  const count = job.images.length;
  return image.seed === undefined && count > 1 ? `, sample ${index + 1} of ${count}` : '';
}

export function resultAlt(job: JobRecord, image: JobImage, index: number) {
  return `Result ${index + 1} of ${job.endpointId}, seed ${imageSeed(job, image) ?? 'unknown'}${sampleNote(job, image, index)}`;
}
