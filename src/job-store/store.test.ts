import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openGalleryDb } from './db';
import { KeyInRecordError, REDACTED } from './key-guard';
import { StorageFullError } from './storage-errors';
import { createGalleryStore } from './store';
import { JobClosedError } from './store-images';
import type { GalleryStore } from './store';
import { bigDataUrl, makeJob } from './test-fixtures';

/** An error with a `cause`, as IndexedDB may report a quota failure (the DOM typings lack the options form). */
function withCause<E extends Error>(error: E, cause: unknown): E {
  return Object.defineProperty(error, 'cause', { value: cause });
}

let store: GalleryStore;
let dbName: string;
let n = 0;

const thumbMaker = async (blob: Blob) => ({ blob: new Blob([`thumb of ${blob.size}`], { type: 'image/webp' }), width: 640, height: 480 });

beforeEach(() => {
  dbName = `gallery-test-${++n}`;
  store = createGalleryStore({ dbName, makeThumbnail: thumbMaker, channelName: null });
});

afterEach(async () => {
  await store.close();
  vi.restoreAllMocks();
});

/** Writes a raw value past the store's checks, as an older or newer app version would have. */
async function putRaw(value: Record<string, unknown> & { id: string }) {
  const db = await openGalleryDb(dbName);
  await db.put('jobs', value);
  db.close();
}

async function count(storeName: 'jobs' | 'images' | 'thumbs' | 'inputs') {
  const db = await openGalleryDb(dbName);
  const c = await db.count(storeName);
  db.close();
  return c;
}

describe('gallery store', () => {
  it('round-trips a job, newest first, with filters', async () => {
    const a = makeJob({ createdAt: 1000, updatedAt: 1000, provider: 'segmind', endpointId: 'segmind/sd1.5-dreamshaper' });
    const b = makeJob({ createdAt: 2000, updatedAt: 2000, status: 'failed', error: { kind: 'auth', message: 'Bad key' } });
    const c = makeJob({ createdAt: 3000, updatedAt: 3000, compareGroupId: 'g1', compareLabel: 'A' });
    for (const job of [a, b, c]) await store.putJob(job);

    expect(await store.getJob(b.id)).toEqual(b);
    expect((await store.listJobs()).map((j) => j.id)).toEqual([c.id, b.id, a.id]);
    expect((await store.listJobs({ provider: 'modelslab' })).map((j) => j.id)).toEqual([c.id, b.id]);
    expect((await store.listJobs({ status: 'failed' })).map((j) => j.id)).toEqual([b.id]);
    expect((await store.listJobs({ compareGroupId: 'g1' })).map((j) => j.id)).toEqual([c.id]);
    expect((await store.listJobs({ limit: 2 })).map((j) => j.id)).toEqual([c.id, b.id]);
    expect((await store.listJobs({ limit: 2, before: 3000 })).map((j) => j.id)).toEqual([b.id, a.id]);
    expect(await store.countJobs({ provider: 'modelslab' })).toBe(2);
    expect(await store.listFacets()).toEqual({
      providers: ['modelslab', 'segmind'],
      endpointIds: ['modelslab/text2img', 'segmind/sd1.5-dreamshaper'],
      statuses: ['done', 'failed'],
    });
  });

  it('updates with a patch or a function, in one transaction, and bumps updatedAt', async () => {
    let clock = 5000;
    store = createGalleryStore({ dbName, makeThumbnail: thumbMaker, channelName: null, now: () => clock });
    const job = makeJob({ createdAt: 1000, updatedAt: 1000, status: 'sending' });
    await store.putJob(job);
    const queued = await store.updateJob(job.id, { status: 'queued', providerJobId: 'p-1', eta: 12 });
    expect(queued).toMatchObject({ status: 'queued', providerJobId: 'p-1', eta: 12, updatedAt: 5000 });
    clock = 6000;
    const done = await store.updateJob(job.id, (j) => ({ ...j, status: 'done', seed: 99, timings: { ...j.timings, finishedAt: 6000 } }));
    expect(done).toMatchObject({ status: 'done', seed: 99, updatedAt: 6000 });
    expect(await store.getJob(job.id)).toEqual(done);
    await expect(store.updateJob('missing', { status: 'done' })).rejects.toThrow(/no job/);
    // An invalid change is refused and the stored record stays as it was.
    await expect(store.updateJob(job.id, { status: 'exploded' as never })).rejects.toThrow(/Not a valid job record: status/);
    expect(await store.getJob(job.id)).toEqual(done);
  });

  it('refuses invalid records on put', async () => {
    await expect(store.putJob({ ...makeJob(), createdAt: 'yesterday' } as never)).rejects.toThrow(TypeError);
    expect(await count('jobs')).toBe(0);
  });

  it('skips and counts invalid and future records, and keeps them', async () => {
    const good = makeJob();
    await store.putJob(good);
    await putRaw({ id: 'future', version: 7, createdAt: 1, hologram: true });
    await putRaw({ id: 'broken', version: 1, createdAt: 2, status: 'done' });
    const scan = await store.scanJobs();
    expect(scan.jobs.map((j) => j.id)).toEqual([good.id]);
    expect(scan.skipped).toEqual({ futureVersion: 1, invalid: 1 });
    expect(await store.getJob('future')).toBeUndefined();
    await expect(store.updateJob('future', { status: 'done' })).rejects.toThrow(/cannot be changed/);
    expect(await count('jobs')).toBe(3);
  });

  it('migrates a v0 record on load and writes it back in the current shape', async () => {
    await putRaw({
      id: 'old-1',
      created: 1234,
      state: 'succeeded',
      provider: 'segmind',
      endpoint: 'segmind/sd1.5-dreamshaper',
      params: { prompt: 'old times' },
      seed: 42,
      images: [{ id: 'img-old', mime: 'image/jpeg', seed: 42, url: 'https://example.test/a.jpg' }],
    });
    const changed = new Promise<void>((resolve) => store.subscribe((c) => c.type === 'bulk' && resolve()));
    const [job] = await store.listJobs();
    expect(job).toMatchObject({
      version: 2,
      starred: false,
      id: 'old-1',
      createdAt: 1234,
      updatedAt: 1234,
      status: 'done',
      endpointId: 'segmind/sd1.5-dreamshaper',
      timings: {},
      images: [{ id: 'img-old', mime: 'image/jpeg', seed: 42, sourceUrl: 'https://example.test/a.jpg', stored: true }],
    });
    await changed;
    // Now in the indexes, so a filtered query finds it without a full scan.
    expect((await store.listJobs({ provider: 'segmind' })).map((j) => j.id)).toEqual(['old-1']);
    const db = await openGalleryDb(dbName);
    expect(await db.get('jobs', 'old-1')).toMatchObject({ version: 2, starred: false, status: 'done' });
    db.close();
  });

  it('opens a v1 store without loss: every field kept, not starred; a star is kept', async () => {
    const { starred: _starred, ...current } = makeJob({ id: 'v1-job', seed: 77, images: [{ id: 'img-1', mime: 'image/png', seed: 77, stored: true }], compareGroupId: 'g1', compareLabel: 'A', cost: 0.01 });
    const v1 = { ...current, version: 1 };
    await putRaw(v1);
    const [job] = await store.listJobs();
    expect(job).toEqual({ ...v1, version: 2, starred: false });
    await store.updateJob('v1-job', { starred: true });
    expect(await store.getJob('v1-job')).toMatchObject({ starred: true, images: v1.images, compareGroupId: 'g1', cost: 0.01 });
  });

  it('refuses a record holding a key, in params or in the request', async () => {
    await expect(store.putJob(makeJob({ params: { prompt: 'x', key: 'sk-live-123' } }))).rejects.toBeInstanceOf(KeyInRecordError);
    await expect(
      store.putJob(makeJob({ request: { method: 'POST', url: 'https://x.test', headers: { 'X-API-Key': 'abc' }, body: null } })),
    ).rejects.toThrow(/request\.headers\.X-API-Key/);
    await expect(
      store.putJob(makeJob({ request: { method: 'POST', url: 'u', headers: {}, body: { type: 'json', value: { apiKey: 'abc' } } } })),
    ).rejects.toThrow(KeyInRecordError);
    await expect(
      store.putJob(makeJob({ request: { method: 'POST', url: 'u', headers: {}, body: { type: 'multipart', fields: [['dev_key', 'abc']] } } })),
    ).rejects.toThrow(KeyInRecordError);
    const job = makeJob();
    await store.putJob(job);
    await expect(store.updateJob(job.id, { params: { key: 'abc' } })).rejects.toThrow(KeyInRecordError);
    expect(await store.getJob(job.id)).toEqual(job);
    // A redacted request is fine.
    const redacted = makeJob({
      request: { method: 'POST', url: 'u', headers: { 'x-api-key': REDACTED }, body: { type: 'json', value: { key: REDACTED, prompt: 'p' } } },
    });
    await expect(store.putJob(redacted)).resolves.toEqual(redacted);
    expect(await count('jobs')).toBe(2);
  });

  it('moves large data URLs into input blobs and restores them', async () => {
    const init = bigDataUrl(4000);
    const mask = bigDataUrl(3000);
    const small = 'data:image/png;base64,iVBORw0KGgo=';
    const job = makeJob({ params: { prompt: 'p', init_image: init, mask_image: mask, tiny: small, list: [init] } });
    const stored = await store.putJob(job);
    expect(stored.params.init_image).toEqual({ $input: `${job.id}/init_image` });
    expect(stored.params.list).toEqual([{ $input: `${job.id}/list.0` }]);
    expect(stored.params.tiny).toBe(small);
    expect(await count('inputs')).toBe(3);
    const fetched = await store.getJob(job.id);
    expect(fetched?.params.mask_image).toEqual({ $input: `${job.id}/mask_image` });
    expect(await store.loadParams(fetched!)).toEqual(job.params);

    // Replacing an input drops the old blob; refs kept through an update stay valid.
    await store.updateJob(job.id, (j) => ({ ...j, params: { ...j.params, mask_image: undefined, list: [] } }));
    expect(await count('inputs')).toBe(1);
    const again = await store.getJob(job.id);
    expect((await store.loadParams(again!)).init_image).toBe(init);

    // Params copied from another record get their own copy of the input.
    const copy = makeJob({ params: { init_image: again!.params.init_image } });
    await store.putJob(copy);
    await store.deleteJob(job.id);
    expect(await store.loadParams((await store.getJob(copy.id))!)).toEqual({ init_image: init });
  });

  it('saves images with thumbnails, keeps links it could not download, deletes blobs with the job', async () => {
    let ids = 0;
    store = createGalleryStore({ dbName, makeThumbnail: thumbMaker, channelName: null, newId: () => `img-${++ids}` });
    const job = makeJob();
    const other = makeJob();
    await store.putJob(job);
    await store.putJob(other);
    const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    const image = await store.saveImage(job.id, { blob: png, mime: 'image/png', seed: 7, sourceUrl: 'https://cdn.test/1.png' });
    expect(image).toEqual({ id: 'img-1', mime: 'image/png', width: 640, height: 480, seed: 7, sourceUrl: 'https://cdn.test/1.png', stored: true });
    await store.saveImage(other.id, { blob: png });
    const link = await store.saveImageLink(job.id, { url: 'https://cdn.test/2.png', note: 'CORS refused' });
    expect(link).toMatchObject({ stored: false, note: 'CORS refused', sourceUrl: 'https://cdn.test/2.png' });
    expect((await store.getJob(job.id))?.images.map((i) => i.id)).toEqual(['img-1', 'img-3']);
    expect(new Uint8Array(await (await store.getImageBlob('img-1'))!.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
    expect(await (await store.getThumbBlob('img-1'))!.text()).toBe('thumb of 4');

    // A finished or cancelled job takes no more images when the caller asks (the job runner does).
    const cancelled = makeJob({ status: 'cancelled', images: [] });
    await store.putJob(cancelled);
    await expect(store.saveImage(cancelled.id, { blob: png, whileOpen: true })).rejects.toBeInstanceOf(JobClosedError);
    await expect(store.saveImageLink(cancelled.id, { url: 'https://cdn.test/3.png', note: 'x', whileOpen: true })).rejects.toBeInstanceOf(JobClosedError);
    expect((await store.getJob(cancelled.id))?.images).toEqual([]);
    const sending = makeJob({ status: 'sending', images: [] });
    await store.putJob(sending);
    await store.saveImage(sending.id, { blob: png, whileOpen: true });
    expect((await store.getJob(sending.id))?.images).toHaveLength(1);

    await store.putJob({ ...makeJob(), id: 'with-input', params: { init_image: bigDataUrl(2000) } });
    await store.deleteJob(job.id);
    await store.deleteJob('with-input');
    expect(await store.getJob(job.id)).toBeUndefined();
    expect(await store.getImageBlob('img-1')).toBeUndefined();
    expect(await store.getThumbBlob('img-1')).toBeUndefined();
    expect(await store.getImageBlob('img-2')).toBeDefined();
    expect(await count('inputs')).toBe(0);
  });

  it('stores the image without a thumbnail when the thumbnail maker fails', async () => {
    store = createGalleryStore({ dbName, channelName: null, makeThumbnail: () => Promise.reject(new Error('cannot decode')) });
    const job = makeJob();
    await store.putJob(job);
    const image = await store.saveImage(job.id, { blob: new Blob(['x'], { type: 'image/png' }) });
    expect(await store.getImageBlob(image.id)).toBeDefined();
    expect(await store.getThumbBlob(image.id)).toBeUndefined();
  });

  it('keeps a thumbnail made with the image and does not make another', async () => {
    let made = 0;
    store = createGalleryStore({ dbName, channelName: null, makeThumbnail: async (b) => (made++, thumbMaker(b)) });
    const job = makeJob();
    await store.putJob(job);
    const thumb = new Blob(['t'], { type: 'image/webp' });
    const image = await store.saveImage(job.id, { blob: new Blob(['x'], { type: 'image/png' }), width: 4032, height: 3024, thumb });
    expect(made).toBe(0);
    expect([image.width, image.height]).toEqual([4032, 3024]);
    expect(await (await store.getThumbBlob(image.id))?.text()).toBe('t');
  });

  it('clearAll empties every store', async () => {
    const job = makeJob({ params: { init_image: bigDataUrl(2000) } });
    await store.putJob(job);
    await store.saveImage(job.id, { blob: new Blob(['x']) });
    await store.clearAll();
    for (const name of ['jobs', 'images', 'thumbs', 'inputs'] as const) expect(await count(name)).toBe(0);
  });

  it('notifies subscribers of changes', async () => {
    const seen: string[] = [];
    const off = store.subscribe((c) => seen.push(c.type));
    const job = makeJob();
    await store.putJob(job);
    await store.updateJob(job.id, { status: 'failed' });
    await store.deleteJob(job.id);
    await store.clearAll();
    off();
    await store.putJob(makeJob());
    expect(seen).toEqual(['put', 'put', 'delete', 'clear']);
  });

  it('tells other tabs through a BroadcastChannel', async () => {
    const a = createGalleryStore({ dbName, makeThumbnail: thumbMaker, channelName: `${dbName}-bc` });
    const b = createGalleryStore({ dbName, makeThumbnail: thumbMaker, channelName: `${dbName}-bc` });
    const got = new Promise<unknown>((resolve) => {
      const off = b.subscribe((change) => {
        off();
        resolve(change);
      });
    });
    const job = makeJob();
    await a.putJob(job);
    expect(await got).toEqual({ type: 'put', id: job.id, remote: true });
    await a.close();
    await b.close();
  });
});

describe('a full storage', () => {
  function quotaOnPut(storeName: string, error: () => Error) {
    const real = IDBObjectStore.prototype.put;
    return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === storeName) throw error();
      return real.apply(this, args);
    });
  }

  it('surfaces a QuotaExceededError as StorageFullError and loses nothing stored', async () => {
    const job = makeJob();
    await store.putJob(job);
    const first = await store.saveImage(job.id, { blob: new Blob(['first'], { type: 'image/png' }) });
    const states: Array<string | null> = [];
    store.subscribe((c) => c.type === 'storage' && states.push(store.storageFull()?.name ?? null));

    // The thumbnail goes in after the image: the image put has happened when the thumbnail fails.
    const spy = quotaOnPut('thumbs', () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const error = await store.saveImage(job.id, { blob: new Blob(['second'], { type: 'image/png' }) }).catch((e: unknown) => e);
    spy.mockRestore();

    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toMatch(/storage is full/i);
    expect(store.storageFull()).toBeInstanceOf(StorageFullError);
    const after = await store.getJob(job.id);
    expect(after?.images.map((i) => i.id)).toEqual([first.id]);
    expect(await count('images')).toBe(1);
    expect(await count('thumbs')).toBe(1);
    expect(await (await store.getImageBlob(first.id))!.text()).toBe('first');

    // Deleting frees space: the alert goes away.
    await store.deleteJob(job.id);
    expect(store.storageFull()).toBeNull();
    expect(states).toEqual(['StorageFullError', null]);
  });

  it('recognises a quota error wrapped in an AbortError', async () => {
    const job = makeJob({ params: { init_image: bigDataUrl(5000) } });
    const wrapped = () => withCause(new DOMException('The transaction was aborted.', 'AbortError'), new DOMException('Quota', 'QuotaExceededError'));
    const spy = quotaOnPut('jobs', wrapped);
    await expect(store.putJob(job)).rejects.toBeInstanceOf(StorageFullError);
    spy.mockRestore();
    expect(await count('jobs')).toBe(0);
    expect(await count('inputs')).toBe(0);
  });

  it('passes other errors through unchanged', async () => {
    const job = makeJob();
    await store.putJob(job);
    const spy = quotaOnPut('jobs', () => new DOMException('nope', 'DataError'));
    await expect(store.updateJob(job.id, { status: 'failed' })).rejects.toMatchObject({ name: 'DataError' });
    spy.mockRestore();
    expect(store.storageFull()).toBeNull();
    expect(await store.getJob(job.id)).toEqual(job);
  });
});

describe('blob reads', () => {
  it('batches reads asked for together into one transaction, and answers each', async () => {
    const job = makeJob();
    await store.putJob(job);
    const a = await store.saveImage(job.id, { blob: new Blob(['a']) });
    const b = await store.saveImage(job.id, { blob: new Blob(['bb']) });
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const [x, y, z, again] = await Promise.all([store.getImageBlob(a.id), store.getImageBlob(b.id), store.getImageBlob('nope'), store.getImageBlob(a.id)]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect([await x?.text(), await y?.text(), z, await again?.text()]).toEqual(['a', 'bb', undefined, 'a']);
  });
});
