/** Saving an image to disk: a file name from the endpoint and seed, the Blob itself (never a key). */
import type { JobImage, JobRecord } from './job-record';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

export function extensionFor(mime: string): string {
  return EXTENSIONS[mime.toLowerCase()] ?? 'bin';
}

/** `modelslab-text2img-seed-1234.png`; the image's index when the job has several. */
export function downloadFileName(job: Pick<JobRecord, 'endpointId' | 'seed' | 'images' | 'id'>, image: JobImage, blobType?: string): string {
  const seed = image.seed ?? job.seed;
  const endpoint = job.endpointId.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '') || 'image';
  const index = job.images.length > 1 ? `-${job.images.findIndex((i) => i.id === image.id) + 1}` : '';
  const seedPart = seed === undefined ? `id-${job.id.slice(0, 8)}` : `seed-${seed}`;
  return `${endpoint}-${seedPart}${index}.${extensionFor(image.mime || blobType || '')}`;
}

/** Starts a browser download of `blob`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a stored image of `job` with its parameters embedded (see image-metadata.ts). */
export async function downloadJobImage(job: JobRecord, image: JobImage, blob: Blob): Promise<void> {
  const { withJobMetadata } = await import('./image-metadata');
  const out = await withJobMetadata(job, image, blob);
  downloadBlob(out.blob, downloadFileName(job, image, blob.type));
}
