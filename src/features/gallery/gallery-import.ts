/**
 * "Import gallery": a zip written by "Export gallery", and plain images that carry this app's
 * JSON. Every record goes through the store's own migration, zod schema and key check
 * (`store.importJob`); a job already present (by id) is skipped; image bytes are restored exactly
 * (the inserted metadata cut out, the SHA-256 checked) and kept only when they are a real PNG,
 * JPEG, WebP, GIF or AVIF (sniffed, as a downloaded result is). Reports what was added, skipped,
 * refused. A zip's manifest is read first and only the entries it names are inflated, counted
 * while they inflate, under caps (`zip-read.ts`).
 */
import { isPlainObject, readJobRecord } from '../../job-store/migrate';
import { JOB_RECORD_VERSION } from '../../job-store/job-record';
import type { JobRecord } from '../../job-store/job-record';
import type { GalleryStore } from '../../job-store/store';
import type { ImportBlobs } from '../../job-store/store-images';
import { sniffImageMime } from '../../providers/shared/base64';
import { cutRange, sha256Hex } from './gallery-export';
import type { Manifest, ManifestImage, Progress } from './gallery-export';
import type { ZipLimits } from './zip-read';

export interface ImportReport {
  added: number;
  skipped: number;
  refused: { what: string; why: string }[];
  /** Comparisons found in the zips, for the caller to keep (the compare feature owns them). */
  comparisons: unknown[];
}

export interface ImportOptions {
  store: GalleryStore;
  onProgress?: (p: Progress) => void;
  newId?: () => string;
  now?: () => number;
  /** Caps on what a zip inflates to (default ZIP_LIMITS: 256 MB an entry, 1 GB an archive). */
  limits?: ZipLimits;
}

/** Jobs stored per transaction. */
const IMPORT_BATCH = 100;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The bytes as an image Blob of their sniffed type; refused (thrown) when they are no PNG, JPEG, WebP, GIF or AVIF, whatever the name or record says. */
function sniffedImage(bytes: Uint8Array, what: string): Blob {
  const type = sniffImageMime(bytes);
  if (!type) throw new Error(`${what} is not a PNG, JPEG, WebP, GIF or AVIF image`);
  return new Blob([bytes as BlobPart], { type });
}

async function restoreImage(files: Record<string, Uint8Array>, entry: ManifestImage): Promise<Uint8Array> {
  const stored = entry.original ? files[entry.original] : files[entry.file];
  if (!stored) throw new Error(`${entry.original ?? entry.file} is missing from the zip`);
  const bytes = !entry.original && entry.cut ? cutRange(stored, entry.cut) : stored;
  if ((await sha256Hex(bytes)) !== entry.sha256) throw new Error(`${entry.file} does not match its SHA-256`);
  return bytes;
}

async function importZip(bytes: Uint8Array, name: string, options: ImportOptions, report: ImportReport, tick: (label: string, done: number, total: number) => void) {
  const { readGalleryZipOffThread } = await import('./zip-client');
  // Off the main thread: the manifest first, checked, then only the entries it names, under caps.
  const { manifest, files } = await readGalleryZipOffThread(bytes, name, options.limits);
  const jobs = Array.isArray(manifest.jobs) ? (manifest.jobs as unknown[]) : [];
  const images = isPlainObject(manifest.images) ? (manifest.images as Record<string, ManifestImage>) : {};
  const inputs = isPlainObject(manifest.inputs) ? (manifest.inputs as Manifest['inputs']) : {};
  // Stored in batches, each one transaction: a job's own problems refuse it alone.
  let batch: { at: number; what: string; raw: unknown; blobs: ImportBlobs }[] = [];
  // Told in the manifest's order, whether the reading or the store refused a job.
  const refused: { at: number; what: string; why: string }[] = [];
  const flush = async () => {
    const answers = await options.store.importJobs(batch);
    answers.forEach((answer, k) => {
      if (answer instanceof Error) refused.push({ at: batch[k]!.at, what: batch[k]!.what, why: message(answer) });
      else report[answer]++;
    });
    batch = [];
  };
  for (const [i, raw] of jobs.entries()) {
    const id = isPlainObject(raw) && typeof raw.id === 'string' ? raw.id : `#${i + 1}`;
    const what = `${name}: job ${id.slice(0, 80)}`;
    if (i % IMPORT_BATCH === 0) tick(`Job ${i + 1} of ${jobs.length}`, i, jobs.length);
    try {
      const loaded = readJobRecord(raw);
      if (!loaded.ok) throw new Error(loaded.detail);
      const blobs = { images: new Map<string, Blob>(), thumbs: new Map<string, Blob>(), inputs: new Map<string, Blob>() };
      for (const image of loaded.job.images) {
        const entry = images[image.id];
        if (!entry) continue;
        blobs.images.set(image.id, sniffedImage(await restoreImage(files, entry), entry.file));
        // A thumbnail that is no image is left out: the store makes one from the image.
        const thumb = entry.thumb ? files[entry.thumb] : undefined;
        const thumbType = thumb && sniffImageMime(thumb);
        if (thumb && thumbType) blobs.thumbs.set(image.id, new Blob([thumb as BlobPart], { type: thumbType }));
      }
      const prefix = `${loaded.job.id}/`;
      for (const [inputId, input] of Object.entries(inputs)) {
        if (!inputId.startsWith(prefix) || !isPlainObject(input) || typeof input.file !== 'string') continue;
        const data = files[input.file];
        // An init image or mask is an image like a result: sniffed, its type from its bytes.
        if (data) blobs.inputs.set(inputId, sniffedImage(data, input.file));
      }
      batch.push({ at: i, what, raw, blobs });
    } catch (e) {
      refused.push({ at: i, what, why: message(e) });
    }
    if (batch.length >= IMPORT_BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  report.refused.push(...refused.sort((a, b) => a.at - b.at).map(({ what, why }) => ({ what, why })));
  if (Array.isArray(manifest.comparisons)) report.comparisons.push(...manifest.comparisons);
}

/** A job record from an image carrying this app's JSON; the image is kept as it is (metadata included). */
async function importImage(bytes: Uint8Array, file: File, options: ImportOptions, report: ImportReport) {
  const mime = sniffImageMime(bytes);
  if (!mime) {
    report.refused.push({ what: file.name, why: 'it is not a PNG, JPEG, WebP, GIF or AVIF image (nor a gallery .zip)' });
    return;
  }
  const { readImageMetadataSafely } = await import('../../lib/metadata/read-client');
  const read = await readImageMetadataSafely(bytes);
  const own = read.own;
  if (!own) {
    const why =
      read.source === 'none'
        ? 'it carries no generation parameters'
        : `it carries ${read.source} parameters, not this app's job: use "Read parameters from an image" in the Playground`;
    report.refused.push({ what: file.name, why });
    return;
  }
  const now = (options.now ?? Date.now)();
  const newId = options.newId ?? (() => crypto.randomUUID());
  const record: JobRecord = {
    version: JOB_RECORD_VERSION,
    starred: false,
    id: own.jobId ?? newId(),
    createdAt: own.createdAt ?? now,
    updatedAt: own.createdAt ?? now,
    mode: own.mode ?? 'live',
    provider: own.provider,
    endpointId: own.endpoint,
    params: own.params,
    seed: own.seed,
    status: 'done',
    providerJobId: own.providerJobId,
    timings: own.timings ?? {},
    images: [{ id: newId(), mime, seed: own.seed, stored: true }],
  };
  const clean = JSON.parse(JSON.stringify(record)) as unknown; // drops undefined fields, as a stored record has none
  try {
    const image = record.images[0]!;
    const result = await options.store.importJob(clean, { images: new Map([[image.id, new Blob([bytes as BlobPart], { type: mime })]]), thumbs: new Map() });
    report[result]++;
  } catch (e) {
    report.refused.push({ what: file.name, why: message(e) });
  }
}

export async function importGallery(files: readonly File[], options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = { added: 0, skipped: 0, refused: [], comparisons: [] };
  for (const [n, file] of files.entries()) {
    const tick = (label: string, done: number, total: number) =>
      options.onProgress?.({ done: n * 100 + Math.round((done / Math.max(total, 1)) * 100), total: files.length * 100, label: `${file.name}: ${label}` });
    tick('reading…', 0, 1);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (isZip(bytes)) await importZip(bytes, file.name, options, report, tick);
      else await importImage(bytes, file, options, report);
    } catch (e) {
      report.refused.push({ what: file.name, why: message(e) });
    }
  }
  options.onProgress?.({ done: files.length * 100, total: files.length * 100, label: 'Done' });
  return report;
}
