/**
 * "Export gallery": one `.zip` (fflate, loaded on use) with every image of the jobs in the filter,
 * each with its parameters embedded (`images/`), the thumbnails (`thumbs/`), stored inputs
 * (`inputs/`), and a versioned `manifest.json` of the job records and comparisons. Never a key:
 * every record is checked as the store checks it, and the comparisons too.
 *
 * The round trip is exact: embedding only inserts metadata, so the manifest records, per image,
 * the byte range that was inserted (`cut`) and the SHA-256 of the image as the gallery held it;
 * import cuts the range out and checks the hash. When embedding was not a pure insertion (an
 * image that already carried EXIF), the original is stored as well (`originals/`).
 */
import { APP_VERSION, withJobMetadata } from '../../job-store/image-metadata';
import { extensionFor } from '../../job-store/image-file-name';
import type { JobFilter } from '../../job-store/job-query';
import type { JobRecord } from '../../job-store/job-record';
import { assertNoKey, findKeyFields, KeyInRecordError } from '../../job-store/key-guard';
import type { GalleryStore } from '../../job-store/store';

export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_VERSION = 1;

export interface ManifestImage {
  /** The file in the zip: the image with its parameters embedded. */
  file: string;
  thumb?: string;
  /** SHA-256 (hex) of the image as the gallery held it. */
  sha256: string;
  /** [start, end): the bytes embedding inserted; cut them out to get the original. */
  cut?: [number, number];
  /** The original, when it cannot be recovered by a cut. */
  original?: string;
}

export interface Manifest {
  app: 'image-api-playground';
  kind: 'gallery-export';
  version: typeof MANIFEST_VERSION;
  appVersion: string;
  exportedAt: number;
  filter: JobFilter;
  jobs: JobRecord[];
  images: Record<string, ManifestImage>;
  /** Stored inputs (init images, masks) by input id: the file and its type. */
  inputs: Record<string, { file: string; type: string }>;
  comparisons: unknown[];
}

export interface Progress {
  done: number;
  total: number;
  label: string;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The range of `embedded` whose removal gives `original`, when embedding only inserted bytes there. */
export function insertedRange(original: Uint8Array, embedded: Uint8Array): [number, number] | undefined {
  const extra = embedded.length - original.length;
  if (extra < 0) return undefined;
  let p = 0;
  while (p < original.length && original[p] === embedded[p]) p++;
  for (let i = p; i < original.length; i++) if (original[i] !== embedded[i + extra]) return undefined;
  return [p, p + extra];
}

export function cutRange(bytes: Uint8Array, [start, end]: [number, number]): Uint8Array {
  const out = new Uint8Array(bytes.length - (end - start));
  out.set(bytes.subarray(0, start), 0);
  out.set(bytes.subarray(end), start);
  return out;
}

const safe = (id: string) => encodeURIComponent(id);

export interface ExportOptions {
  store: GalleryStore;
  filter?: JobFilter;
  comparisons?: (jobIds: Set<string>) => unknown[];
  onProgress?: (p: Progress) => void;
  now?: () => number;
}

/** The zip's bytes, and what went in. */
export async function exportGallery(options: ExportOptions): Promise<{ zip: Uint8Array; jobs: number; images: number }> {
  const { store, filter = {}, onProgress } = options;
  const { zipSync, strToU8 } = await import('fflate');
  const jobs = (await store.scanJobs({ ...filter, limit: undefined, before: undefined })).jobs;
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {};
  const manifest: Manifest = {
    app: 'image-api-playground',
    kind: 'gallery-export',
    version: MANIFEST_VERSION,
    appVersion: APP_VERSION,
    exportedAt: (options.now ?? Date.now)(),
    filter,
    jobs: [],
    images: {},
    inputs: {},
    comparisons: [],
  };
  const total = jobs.reduce((n, j) => n + j.images.length, 0) + 1;
  let done = 0;
  const report = (label: string) => onProgress?.({ done, total, label });
  report('Reading the gallery…');
  for (const job of jobs) {
    assertNoKey(job);
    manifest.jobs.push(job);
    for (const image of job.images) {
      done++;
      report(`Image ${done} of ${total - 1}`);
      const blob = image.stored ? await store.getImageBlob(image.id) : undefined;
      if (!blob) continue;
      const original = new Uint8Array(await blob.arrayBuffer());
      const out = await withJobMetadata(job, image, blob);
      const name = `images/${safe(image.id)}.${extensionFor(image.mime || blob.type)}`;
      files[name] = [out.bytes, { level: 0 }];
      const entry: ManifestImage = { file: name, sha256: await sha256Hex(original) };
      const cut = out.embedded ? insertedRange(original, out.bytes) : ([0, 0] as [number, number]);
      if (cut) entry.cut = cut;
      else {
        entry.original = `originals/${safe(image.id)}.${extensionFor(image.mime || blob.type)}`;
        files[entry.original] = [original, { level: 0 }];
      }
      const thumb = await store.getThumbBlob(image.id);
      if (thumb) {
        entry.thumb = `thumbs/${safe(image.id)}`;
        files[entry.thumb] = [new Uint8Array(await thumb.arrayBuffer()), { level: 0 }];
      }
      manifest.images[image.id] = entry;
    }
    for (const id of inputIds(job.params)) {
      const blob = await store.getInputBlob(id);
      if (!blob) continue;
      const name = `inputs/${safe(id)}`;
      files[name] = [new Uint8Array(await blob.arrayBuffer()), { level: 0 }];
      manifest.inputs[id] = { file: name, type: blob.type };
    }
  }
  manifest.comparisons = options.comparisons?.(new Set(jobs.map((j) => j.id))) ?? [];
  const keyPaths = findKeyFields(manifest.comparisons, 'comparisons');
  if (keyPaths.length) throw new KeyInRecordError(keyPaths);
  files[MANIFEST_NAME] = strToU8(JSON.stringify(manifest, null, 1));
  done = total;
  report('Writing the zip…');
  const zip = zipSync(files, { level: 6 });
  return { zip, jobs: jobs.length, images: Object.keys(manifest.images).length };
}

/** Input ids referenced (`{ $input }`) anywhere in `params`. */
export function inputIds(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => inputIds(v, out));
  else if (value && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    if (typeof rec.$input === 'string' && Object.keys(rec).length === 1) out.push(rec.$input);
    else Object.values(rec).forEach((v) => inputIds(v, out));
  }
  return out;
}

/** `gallery-2026-11-30.zip` */
export function exportFileName(at: number): string {
  return `gallery-${new Date(at).toISOString().slice(0, 10)}.zip`;
}
