/**
 * Hostile zips in "Import gallery": the manifest is read first and only the entries it names are
 * inflated, each counted while it inflates, under a cap per entry and per archive.
 */
import 'fake-indexeddb/auto';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGalleryStore } from '../../job-store/store';
import type { GalleryStore } from '../../job-store/store';
import { makeJob } from '../../job-store/test-fixtures';
import { MANIFEST_NAME } from './gallery-export';
import { importGallery } from './gallery-import';

let store: GalleryStore;
let n = 0;
const thumbMaker = async (blob: Blob) => ({ blob: new Blob([`thumb ${blob.size}`], { type: 'image/webp' }), width: 4, height: 4 });
const asFile = (bytes: Uint8Array, name: string) => new File([bytes as BlobPart], name, { type: 'application/zip' });
const manifest = (jobs: unknown[], images: Record<string, unknown> = {}) => strToU8(JSON.stringify({ app: 'image-api-playground', kind: 'gallery-export', version: 1, jobs, images, inputs: {}, comparisons: [] }));

beforeEach(() => {
  store = createGalleryStore({ dbName: `import-limits-${++n}`, makeThumbnail: thumbMaker, channelName: null });
});
afterEach(() => store.close());

describe('a zip bomb in Import', () => {
  it('an entry the manifest does not name is never inflated', async () => {
    const job = makeJob();
    // 6 MB of zeros, a few KB zipped: six times the archive cap (1 MB), which inflating it would hit.
    const zip = zipSync({ [MANIFEST_NAME]: manifest([job]), 'junk.bin': new Uint8Array(6 * 1024 * 1024) }, { level: 9 });
    const report = await importGallery([asFile(zip, 'g.zip')], { store, limits: { archiveBytes: 1024 * 1024, entryBytes: 1024 * 1024 } });
    expect(report).toMatchObject({ added: 1, refused: [] });
  });

  it('an entry that inflates past the cap is refused while it inflates, with a reason', async () => {
    const job = makeJob({ images: [{ id: 'img-1', mime: 'image/png', stored: true }] });
    const zip = zipSync({ [MANIFEST_NAME]: manifest([job], { 'img-1': { file: 'images/1.png', sha256: '00' } }), 'images/1.png': new Uint8Array(3 * 1024 * 1024) }, { level: 9 });
    const report = await importGallery([asFile(zip, 'g.zip')], { store, limits: { archiveBytes: 64 * 1024 * 1024, entryBytes: 1024 * 1024 } });
    expect(report.added).toBe(0);
    expect(report.refused).toEqual([{ what: 'g.zip', why: expect.stringMatching(/images\/1\.png inflates to more than 1 MB/) }]);
    expect(await store.getJob(job.id)).toBeUndefined();
  });

  it('the archive as a whole is capped', async () => {
    const jobs = [0, 1, 2].map((i) => makeJob({ images: [{ id: `img-${i}`, mime: 'image/png', stored: true }] }));
    const images = Object.fromEntries(jobs.map((_, i) => [`img-${i}`, { file: `images/${i}.png`, sha256: '00' }]));
    const entries = Object.fromEntries(jobs.map((_, i) => [`images/${i}.png`, new Uint8Array(900 * 1024)]));
    const zip = zipSync({ [MANIFEST_NAME]: manifest(jobs, images), ...entries }, { level: 9 });
    const report = await importGallery([asFile(zip, 'g.zip')], { store, limits: { archiveBytes: 2 * 1024 * 1024, entryBytes: 1024 * 1024 } });
    expect(report.refused).toEqual([{ what: 'g.zip', why: expect.stringMatching(/inflates to more than 2 MB in all/) }]);
  });
});
