import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openGalleryDb } from './db';
import { capText, MAX_ERROR_TEXT, sanitizeRecord, scrubSecrets, secretForms, SECRET_MARK } from './secret-scrub';
import { createGalleryStore } from './store';
import type { GalleryStore } from './store';
import { makeJob } from './test-fixtures';

const LIVE = 'live-key-9f8e7d6c5b4a';
const SANDBOX = 'my-sandbox-key';
const BASIC = 'alice:s3cret-pass';
const BASIC_B64 = btoa(BASIC);

describe('scrubSecrets', () => {
  it('replaces every spelling of every key, in strings and object keys, deep', () => {
    const forms = secretForms([LIVE, SANDBOX, BASIC, 'short', '']);
    const value = {
      message: `Invalid key ${LIVE}`,
      nested: [{ url: `https://x.test/?key=${encodeURIComponent(LIVE)}&b=${SANDBOX}` }],
      [LIVE]: 'as a name',
      auth: `Basic ${BASIC_B64}`,
      creds: `${BASIC}@host`,
      short: 'short words stay',
      n: 5,
      blob: new Blob(['x']),
    };
    const out = scrubSecrets(value, forms);
    const text = JSON.stringify(out);
    for (const s of [LIVE, SANDBOX, BASIC, BASIC_B64]) expect(text).not.toContain(s);
    expect(out.message).toBe(`Invalid key ${SECRET_MARK}`);
    expect(out.auth).toBe(`Basic ${SECRET_MARK}`);
    expect(out.short).toBe('short words stay');
    expect(out.n).toBe(5);
    expect(out.blob).toBe(value.blob);
    expect(Object.keys(out)).toContain(SECRET_MARK);
  });

  it('leaves values shorter than 8 characters alone (a sandbox key like "invalid")', () => {
    expect(secretForms(['invalid', 'abc'])).toEqual([]);
  });

  it('caps stored error text with a note of what was dropped', () => {
    const long = 'x'.repeat(MAX_ERROR_TEXT + 1234);
    expect(capText(long)).toBe(`${'x'.repeat(MAX_ERROR_TEXT)}… (1234 more characters dropped)`);
    const job = sanitizeRecord(makeJob({ status: 'failed', error: { kind: 'server', message: long, hint: 'short' } }), []);
    expect(job.error?.message.length).toBeLessThan(MAX_ERROR_TEXT + 50);
    expect(job.error?.hint).toBe('short');
  });
});

describe('the gallery store never stores a configured key', () => {
  let store: GalleryStore;
  let dbName: string;
  let n = 0;
  afterEach(() => store.close());

  async function rawJobs(): Promise<string> {
    const db = await openGalleryDb(dbName);
    const all = await db.getAll('jobs');
    db.close();
    return JSON.stringify(all);
  }

  it('scrubs a key the provider echoed (error text, meta.key, URLs, image notes) and keeps the job as it was', async () => {
    dbName = `scrub-test-${++n}`;
    store = createGalleryStore({ dbName, channelName: null, makeThumbnail: async () => undefined, secrets: () => [LIVE, SANDBOX, BASIC] });
    const job = makeJob({ status: 'sending', params: { prompt: `a cat ${SANDBOX}` } });
    await store.putJob(job);
    const failed = await store.updateJob(job.id, {
      status: 'failed',
      error: { kind: 'auth', message: `ModelsLab did not accept the API key: "Invalid key ${LIVE}". ${'y'.repeat(60_000)}`, hint: `Authorization: Basic ${BASIC_B64}` },
      meta: { key: LIVE, nested: { echoed: [LIVE] } },
      fetchUrl: `https://stablediffusionapi.com/fetch?key=${LIVE}`,
    });
    expect(failed.status).toBe('failed');
    expect(failed.error?.kind).toBe('auth');
    expect(failed.error?.message).toMatch(/^ModelsLab did not accept the API key: "Invalid key <redacted>"/);
    expect(failed.error?.message).toMatch(/more characters dropped\)$/);
    expect(failed.meta).toEqual({ key: SECRET_MARK, nested: { echoed: [SECRET_MARK] } });
    await store.saveImageLink(job.id, { url: `https://cdn.test/a.png?token=${LIVE}`, note: `link for ${LIVE}` });
    const raw = await rawJobs();
    for (const s of [LIVE, SANDBOX, BASIC, BASIC_B64]) expect(raw).not.toContain(s);
    expect(raw).toContain('a cat <redacted>');
    expect(raw.length).toBeLessThan(20_000);
    expect((await store.getJob(job.id))?.images[0]?.sourceUrl).toBe(`https://cdn.test/a.png?token=${SECRET_MARK}`);
  });

  it('reads the keys when each record is written, so a key entered later is scrubbed too', async () => {
    dbName = `scrub-test-${++n}`;
    const keys: string[] = [];
    store = createGalleryStore({ dbName, channelName: null, makeThumbnail: async () => undefined, secrets: () => keys });
    const job = makeJob({ params: { prompt: LIVE } });
    keys.push(LIVE);
    await store.putJob(job);
    expect(await rawJobs()).not.toContain(LIVE);
  });
});
