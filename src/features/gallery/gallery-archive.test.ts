import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readImageMetadata } from '../../lib/metadata/image-metadata';
import { createGalleryStore } from '../../job-store/store';
import type { GalleryStore } from '../../job-store/store';
import { makeJob } from '../../job-store/test-fixtures';
import { cutRange, exportGallery, insertedRange, MANIFEST_NAME } from './gallery-export';
import type { Manifest } from './gallery-export';
import { importGallery } from './gallery-import';

// Fixture images written independently of src/lib/metadata: node:zlib for the PNG, jpeg-js for the JPEG.
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlibCrc32(body));
  return Buffer.concat([len, body, crc]);
}
function makePng(): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(6, 0);
  ihdr.writeUInt32BE(4, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < 4; y++) {
    rows.push(0);
    for (let x = 0; x < 6; x++) rows.push(x * 40, y * 60, 128);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]));
}
function makeJpeg(exifBuffer?: Buffer): Uint8Array {
  const data = Buffer.alloc(16 * 8 * 4);
  for (let i = 0; i < 128; i++) data.set([(i * 13) & 0xff, (i * 7) & 0xff, 255 - i, 255], i * 4);
  return new Uint8Array(jpeg.encode({ data, width: 16, height: 8, ...(exifBuffer ? { exifBuffer } : {}) } as Parameters<typeof jpeg.encode>[0], 80).data);
}

/** A camera's EXIF block (little-endian, Orientation 6): embedding replaces it, so bytes are not only inserted. */
function cameraExif(): Buffer {
  const t = Buffer.alloc(8 + 2 + 12 + 4);
  t.write('II', 0, 'latin1');
  t.writeUInt16LE(42, 2);
  t.writeUInt32LE(8, 4);
  t.writeUInt16LE(1, 8);
  t.writeUInt16LE(0x0112, 10);
  t.writeUInt16LE(3, 12);
  t.writeUInt32LE(1, 14);
  t.writeUInt16LE(6, 18);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t]);
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytesOf = async (b: Blob | undefined) => new Uint8Array(await b!.arrayBuffer());
const asFile = (bytes: Uint8Array, name: string, type: string) => new File([bytes as BlobPart], name, { type });

let store: GalleryStore;
let n = 0;
const thumbMaker = async (blob: Blob) => ({ blob: new Blob([`thumb ${blob.size}`], { type: 'image/webp' }), width: 6, height: 4 });
beforeEach(() => {
  store = createGalleryStore({ dbName: `archive-${++n}`, makeThumbnail: thumbMaker, channelName: null });
});
afterEach(() => store.close());

/** A real JPEG (padded after its end) as a data URL, large enough to be kept as a stored input. */
function jpegDataUrl(bytes: number): string {
  const jpeg = makeJpeg();
  const padded = new Uint8Array(Math.max(bytes, jpeg.length));
  padded.set(jpeg);
  return `data:image/jpeg;base64,${Buffer.from(padded).toString('base64')}`;
}

async function seed() {
  const png = makeJob({ params: { prompt: 'a lighthouse, at dusk', negative_prompt: 'blurry', width: 512, height: 512, seed: 77, num_inference_steps: 30, guidance_scale: 7.5 }, seed: 77 });
  await store.putJob(png);
  await store.saveImage(png.id, { blob: new Blob([makePng() as BlobPart], { type: 'image/png' }), seed: 77 });
  const jpg = makeJob({ provider: 'segmind', endpointId: 'segmind/sd1.5-img2img', params: { prompt: 'fog', image: jpegDataUrl(4000), seed: 5 }, seed: 5 });
  await store.putJob(jpg);
  await store.saveImage(jpg.id, { blob: new Blob([makeJpeg() as BlobPart], { type: 'image/jpeg' }) });
  return [png, jpg];
}

describe('insertedRange', () => {
  it('finds the one inserted range, and nothing when bytes were replaced', () => {
    const a = new Uint8Array([1, 2, 3, 4]);
    const b = new Uint8Array([1, 2, 9, 9, 3, 4]);
    expect(insertedRange(a, b)).toEqual([2, 4]);
    expect(cutRange(b, [2, 4])).toEqual(a);
    expect(insertedRange(a, new Uint8Array([1, 7, 3, 4, 5]))).toBeUndefined();
  });
});

describe('export and import', () => {
  it('round-trips jobs, image bytes, thumbnails and inputs exactly; images in the zip carry their parameters; no key', async () => {
    const jobs = await seed();
    const before = await store.listJobs();
    const hashes = new Map<string, string>();
    for (const j of before) for (const [n, i] of j.images.entries()) hashes.set(`${j.id}#${n}`, sha(await bytesOf(await store.getImageBlob(i.id))));
    const progress: number[] = [];
    const { zip } = await exportGallery({ store, comparisons: () => [{ id: 'c1', cells: [] }], onProgress: (p) => progress.push(p.done / p.total) });
    expect(progress.at(-1)).toBe(1);

    const files = unzipSync(zip);
    const manifest = JSON.parse(strFromU8(files[MANIFEST_NAME]!)) as Manifest;
    expect(manifest.version).toBe(1);
    expect(manifest.jobs.map((j) => j.id).sort()).toEqual(jobs.map((j) => j.id).sort());
    expect(Object.keys(manifest.inputs)).toHaveLength(1);
    for (const [imageId, entry] of Object.entries(manifest.images)) {
      const read = await readImageMetadata(files[entry.file]!);
      const job = before.find((j) => j.images.some((i) => i.id === imageId))!;
      expect(read.source).toBe('image-api-playground');
      expect(read.own?.jobId).toBe(job.id);
      expect(read.prompt).toBe(job.params.prompt);
      // Embedding only inserted bytes (PNG chunks before IDAT, JPEG segments after JFIF): no second copy needed.
      expect(entry.cut).toBeDefined();
      expect(entry.original).toBeUndefined();
    }
    const everything = Object.values(files).map((f) => Buffer.from(f).toString('latin1')).join('\n');
    expect(everything).not.toMatch(/"(key|x-api-key|dev_key)"\s*:\s*"[^"[]/);

    await store.clearAll();
    const report = await importGallery([asFile(zip, 'gallery.zip', 'application/zip')], { store });
    expect(report).toMatchObject({ added: 2, skipped: 0, refused: [] });
    expect(report.comparisons).toEqual([{ id: 'c1', cells: [] }]);
    const after = await store.listJobs();
    // Imported images get fresh ids (never one of another job's); everything else is as it was.
    const withoutImageIds = (list: typeof before) => list.map((j) => ({ ...j, images: j.images.map((i) => ({ ...i, id: '' })) }));
    expect(withoutImageIds(after)).toEqual(withoutImageIds(before));
    for (const j of after) for (const [n, i] of j.images.entries()) expect(sha(await bytesOf(await store.getImageBlob(i.id)))).toBe(hashes.get(`${j.id}#${n}`));
    expect(await store.loadParams(after.find((j) => j.provider === 'segmind')!)).toEqual(jobs[1]!.params);

    const again = await importGallery([asFile(zip, 'gallery.zip', 'application/zip')], { store });
    expect(again).toMatchObject({ added: 0, skipped: 2, refused: [] });
  });

  it('keeps the original too when embedding replaced bytes (a JPEG with a camera EXIF), and still round-trips exactly', async () => {
    const original = makeJpeg(cameraExif());
    expect(Buffer.from(original).includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(true);
    const job = makeJob({ provider: 'segmind', endpointId: 'segmind/sd1.5-dreamshaper', params: { prompt: 'camera', seed: 3 }, seed: 3 });
    await store.putJob(job);
    await store.saveImage(job.id, { blob: new Blob([original as BlobPart], { type: 'image/jpeg' }) });
    const { zip } = await exportGallery({ store });
    const manifest = JSON.parse(strFromU8(unzipSync(zip)[MANIFEST_NAME]!)) as Manifest;
    const entry = Object.values(manifest.images)[0]!;
    expect(entry.original).toMatch(/^originals\//);
    await store.clearAll();
    expect(await importGallery([asFile(zip, 'g.zip', 'application/zip')], { store })).toMatchObject({ added: 1, refused: [] });
    const [back] = await store.listJobs();
    expect(sha(await bytesOf(await store.getImageBlob(back!.images[0]!.id)))).toBe(sha(original));
  });

  it('the filter in force narrows the export', async () => {
    await seed();
    const { zip, jobs } = await exportGallery({ store, filter: { provider: 'segmind' } });
    expect(jobs).toBe(1);
    const manifest = JSON.parse(strFromU8(unzipSync(zip)[MANIFEST_NAME]!)) as Manifest;
    expect(manifest.jobs.map((j) => j.provider)).toEqual(['segmind']);
  });

  it('refuses records holding a key, invalid records, and a damaged image; adds the rest', async () => {
    const good = makeJob();
    const withKey = makeJob({ params: { prompt: 'x', key: 'sk-live-123456' } });
    const invalid = { ...makeJob(), status: 'exploded' };
    const bad = makeJob({ images: [{ id: 'img-x', mime: 'image/png', stored: true }] });
    const manifest = { app: 'image-api-playground', kind: 'gallery-export', version: 1, jobs: [good, withKey, invalid, bad], images: { 'img-x': { file: 'images/x.png', sha256: '00' } }, inputs: {}, comparisons: [] };
    const zip = zipSync({ [MANIFEST_NAME]: strToU8(JSON.stringify(manifest)), 'images/x.png': makePng() });
    const report = await importGallery([asFile(zip, 'g.zip', 'application/zip')], { store });
    expect(report.added).toBe(1);
    expect(report.refused.map((r) => r.what)).toEqual([`g.zip: job ${withKey.id}`, `g.zip: job ${invalid.id}`, `g.zip: job ${bad.id}`]);
    expect(report.refused[0]!.why).toMatch(/API key/);
    expect(report.refused[2]!.why).toMatch(/SHA-256/);
    expect(await store.getJob(withKey.id)).toBeUndefined();
  });

  it('keeps only real image bytes: a job whose image is not one is refused, a fake thumbnail is remade, a fake plain file refused', async () => {
    // Bytes that name themselves .png but are an SVG with a script; the SHA-256 matches, so only the sniffing can refuse them.
    const svg = strToU8('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const fake = makeJob({ images: [{ id: 'img-fake', mime: 'image/png', stored: true }] });
    const real = makeJob({ images: [{ id: 'img-real', mime: 'image/jpeg', stored: true }] });
    const png = makePng();
    const manifest = {
      app: 'image-api-playground',
      kind: 'gallery-export',
      version: 1,
      jobs: [fake, real],
      images: {
        'img-fake': { file: 'images/fake.png', sha256: sha(svg) },
        // The record says JPEG; the bytes are a PNG: the kept Blob says what the bytes are.
        'img-real': { file: 'images/real.jpg', sha256: sha(png), thumb: 'thumbs/real.webp' },
      },
      inputs: {},
      comparisons: [],
    };
    const zip = zipSync({ [MANIFEST_NAME]: strToU8(JSON.stringify(manifest)), 'images/fake.png': svg, 'images/real.jpg': png, 'thumbs/real.webp': strToU8('<html>not a thumbnail</html>') });
    const html = asFile(strToU8('<!doctype html><title>x</title>'), 'photo.png', 'image/png');
    const report = await importGallery([asFile(zip, 'g.zip', 'application/zip'), html], { store });
    expect(report.added).toBe(1);
    expect(report.refused).toEqual([
      { what: `g.zip: job ${fake.id}`, why: 'images/fake.png is not a PNG, JPEG, WebP, GIF or AVIF image' },
      { what: 'photo.png', why: 'it is not a PNG, JPEG, WebP, GIF or AVIF image (nor a gallery .zip)' },
    ]);
    expect(await store.getJob(fake.id)).toBeUndefined();
    const keptId = (await store.getJob(real.id))!.images[0]!.id;
    const kept = await store.getImageBlob(keptId);
    expect(kept?.type).toBe('image/png');
    expect(sha(await bytesOf(kept))).toBe(sha(png));
    // The fake thumbnail was left out; the store made one from the image.
    expect(await (await store.getThumbBlob(keptId))!.text()).toBe(`thumb ${png.length}`);
  });

  it('an init image in the zip is sniffed like a result: an HTML one refuses its job', async () => {
    const job = makeJob({ images: [], params: { prompt: 'x', image: { $input: 'PLACEHOLDER/image' } } });
    const withInput = { ...job, params: { prompt: 'x', image: { $input: `${job.id}/image` } } };
    const manifest = {
      app: 'image-api-playground',
      kind: 'gallery-export',
      version: 1,
      jobs: [withInput],
      images: {},
      inputs: { [`${job.id}/image`]: { file: 'inputs/a', type: 'image/png' } },
      comparisons: [],
    };
    const zip = zipSync({ [MANIFEST_NAME]: strToU8(JSON.stringify(manifest)), 'inputs/a': strToU8('<!doctype html><script>alert(1)</script>') });
    const report = await importGallery([asFile(zip, 'g.zip', 'application/zip')], { store });
    expect(report.refused).toEqual([{ what: `g.zip: job ${job.id}`, why: 'inputs/a is not a PNG, JPEG, WebP, GIF or AVIF image' }]);
    expect(await store.getInputBlob(`${job.id}/image`)).toBeUndefined();
  });

  it('imports a plain image carrying this app\'s JSON as its job; refuses one without', async () => {
    const [job] = await seed();
    const { zip } = await exportGallery({ store, filter: { provider: 'modelslab' } });
    const files = unzipSync(zip);
    const manifest = JSON.parse(strFromU8(files[MANIFEST_NAME]!)) as Manifest;
    const withMeta = files[Object.values(manifest.images)[0]!.file]!;
    await store.clearAll();
    const report = await importGallery([asFile(withMeta, 'one.png', 'image/png'), asFile(makePng(), 'plain.png', 'image/png')], { store });
    expect(report.added).toBe(1);
    expect(report.refused).toEqual([{ what: 'plain.png', why: 'it carries no generation parameters' }]);
    const imported = await store.getJob(job!.id);
    expect(imported?.params).toEqual(job!.params);
    expect(imported?.endpointId).toBe(job!.endpointId);
    expect(sha(await bytesOf(await store.getImageBlob(imported!.images[0]!.id)))).toBe(sha(withMeta));
  });
});
