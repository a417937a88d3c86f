/**
 * An import never changes or deletes what was there: imported images get fresh ids (an imported
 * job naming an existing image id gets its own copy), and deleting a job deletes only the images
 * no other job uses.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openGalleryDb } from './db';
import { createGalleryStore } from './store';
import type { GalleryStore } from './store';
import { IMPORTED_NOT_RESUMED, MAX_IMPORT_STRING } from './import-rules';
import { canResume } from './run-job';
import { makeJob } from './test-fixtures';

let store: GalleryStore;
let dbName: string;
let n = 0;
const thumbMaker = async (blob: Blob) => ({ blob: new Blob([`thumb of ${blob.size}`], { type: 'image/webp' }), width: 8, height: 8 });
const bytesOf = async (blob: Blob | undefined) => (blob ? new Uint8Array(await blob.arrayBuffer()) : undefined);
const png = (...tail: number[]) => new Blob([new Uint8Array([137, 80, 78, 71, ...tail])], { type: 'image/png' });

beforeEach(() => {
  dbName = `store-import-test-${++n}`;
  let ids = 0;
  store = createGalleryStore({ dbName, makeThumbnail: thumbMaker, channelName: null, newId: () => `img-${++ids}` });
});
afterEach(() => store.close());

describe('importing next to existing work', () => {
  it('an imported image with an existing image id changes nothing of the existing one', async () => {
    const mine = makeJob();
    await store.putJob(mine);
    const saved = await store.saveImage(mine.id, { blob: png(1) });
    const foreign = makeJob({ images: [{ id: saved.id, mime: 'image/png', stored: true }] });
    expect(await store.importJob(foreign, { images: new Map([[saved.id, png(2)]]), thumbs: new Map([[saved.id, png(3)]]) })).toBe('added');

    expect(await bytesOf(await store.getImageBlob(saved.id))).toEqual(new Uint8Array([137, 80, 78, 71, 1]));
    expect(await (await store.getThumbBlob(saved.id))?.text()).toBe('thumb of 5');
    const imported = (await store.getJob(foreign.id))!.images[0]!;
    expect(imported.id).not.toBe(saved.id);
    expect(await bytesOf(await store.getImageBlob(imported.id))).toEqual(new Uint8Array([137, 80, 78, 71, 2]));
  });

  it('deleting an imported job that only names another job’s image id leaves that image', async () => {
    const mine = makeJob();
    await store.putJob(mine);
    const saved = await store.saveImage(mine.id, { blob: png(1) });
    const foreign = makeJob({ images: [{ id: saved.id, mime: 'image/png', stored: false, sourceUrl: 'https://cdn.test/x.png' }] });
    await store.importJob(foreign, { images: new Map(), thumbs: new Map() });
    await store.deleteJob(foreign.id);
    expect(await store.getImageBlob(saved.id)).toBeDefined();
    expect(await store.getThumbBlob(saved.id)).toBeDefined();
  });

  it('deleting a job keeps the images another job uses (records that already share an id)', async () => {
    const a = makeJob();
    await store.putJob(a);
    const saved = await store.saveImage(a.id, { blob: png(1) });
    // As an earlier version's import could leave it: a second record naming the same image.
    const db = await openGalleryDb(dbName);
    const b = makeJob({ images: [{ ...saved }] });
    await db.put('jobs', { ...b });
    db.close();
    await store.deleteJob(a.id);
    expect(await store.getImageBlob(saved.id)).toBeDefined();
    await store.deleteJob(b.id);
    expect(await store.getImageBlob(saved.id)).toBeUndefined();
    expect(await store.getThumbBlob(saved.id)).toBeUndefined();
  });
});

describe('an imported job is someone else’s record', () => {
  it('a job exported while queued waits for the user: stopped, with Resume; one still sending is interrupted', async () => {
    const queued = makeJob({ status: 'queued', providerJobId: 'ml-42', images: [] });
    const sending = makeJob({ status: 'sending', images: [] });
    expect(await store.importJobs([{ raw: queued, blobs: { images: new Map(), thumbs: new Map() } }, { raw: sending, blobs: { images: new Map(), thumbs: new Map() } }])).toEqual(['added', 'added']);
    const kept = (await store.getJob(queued.id))!;
    expect(kept).toMatchObject({ status: 'cancelled', providerJobId: 'ml-42', error: { kind: 'stopped_watching', message: IMPORTED_NOT_RESUMED } });
    expect(canResume(kept)).toBe(true);
    expect((await store.getJob(sending.id))!.status).toBe('interrupted');
  });

  it('refuses a string over the cap and an id that reaches into another job’s inputs; the rest of the batch lands', async () => {
    const huge = makeJob({ params: { prompt: 'x'.repeat(MAX_IMPORT_STRING + 1) }, images: [] });
    const slashed = makeJob({ id: 'victim/x', images: [] });
    const fine = makeJob({ images: [] });
    const none = { images: new Map<string, Blob>(), thumbs: new Map<string, Blob>() };
    const answers = await store.importJobs([{ raw: huge, blobs: none }, { raw: slashed, blobs: none }, { raw: fine, blobs: none }]);
    expect(String(answers[0])).toMatch(/params\.prompt is 100,001 characters long \(at most 100,000\)/);
    expect(String(answers[1])).toMatch(/contains "\/"/);
    expect(answers[2]).toBe('added');
    expect(await store.getJob(huge.id)).toBeUndefined();
  });

  it('an input already stored under an imported id is never replaced', async () => {
    const db = await openGalleryDb(dbName);
    await db.put('inputs', png(1), 'old-job/image');
    db.close();
    const foreign = makeJob({ id: 'old-job', images: [], params: { prompt: 'x', image: { $input: 'old-job/image' } } });
    await store.importJob(foreign, { images: new Map(), thumbs: new Map(), inputs: new Map([['old-job/image', png(9)]]) });
    expect(await bytesOf(await store.getInputBlob('old-job/image'))).toEqual(new Uint8Array([137, 80, 78, 71, 1]));
  });

  it('a quiet batch sends no change notice; announceBulk sends one (an import of many batches re-reads lists once)', async () => {
    const heard: string[] = [];
    const stop = store.subscribe((change) => heard.push(change.type));
    const jobs = [makeJob(), makeJob()];
    expect(await store.importJobs(jobs.map((raw) => ({ raw, blobs: { images: new Map(), thumbs: new Map() } })), { quiet: true })).toEqual(['added', 'added']);
    expect(heard).toEqual([]);
    store.announceBulk();
    expect(heard).toEqual(['bulk']);
    expect(await store.importJobs([{ raw: makeJob(), blobs: { images: new Map(), thumbs: new Map() } }])).toEqual(['added']);
    expect(heard).toEqual(['bulk', 'put']);
    stop();
  });
});
