import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { FileStore } from './files';
import { postJson, setControl, startTwin } from './test-helpers';
import type { RunningServer } from './test-helpers';

let twin: RunningServer;
beforeAll(async () => {
  twin = await startTwin();
});
afterAll(() => twin.close());
beforeEach(() => postJson(`${twin.base}/sandbox/_control/reset`, {}));

const DEFAULTS = { latencyMs: 0, queue: 'never', queueMs: 3000, segmindCredits: 1000, failNext: [] };

/** A raw request, to send our own Host and x-forwarded-proto headers. */
function rawPost(path: string, body: string, headers: Record<string, string>): Promise<string> {
  const { port } = new URL(twin.base);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('control API', () => {
  it('GET returns the defaults; POST merges and returns the new settings', async () => {
    expect(await (await fetch(`${twin.base}/sandbox/_control`)).json()).toEqual(DEFAULTS);
    const merged = await setControl(twin.base, { latencyMs: 5, queue: 'auto', failNext: { provider: 'segmind', status: 429, retryAfter: 3 } });
    expect(merged).toEqual({ ...DEFAULTS, latencyMs: 5, queue: 'auto', failNext: [{ provider: 'segmind', status: 429, count: 1, retryAfter: 3 }] });
    expect(await setControl(twin.base, { queueMs: 10 })).toMatchObject({ latencyMs: 5, queueMs: 10, failNext: [{ provider: 'segmind' }] });
    expect((await setControl(twin.base, { failNext: null })).failNext).toEqual([]);
  });

  it.each([
    [{ queue: 'sometimes' }, /queue/],
    [{ latencyMs: -1 }, /latencyMs/],
    [{ queueMs: 'fast' }, /queueMs/],
    [{ failNext: { provider: 'openai', status: 500 } }, /provider/],
    [{ failNext: { provider: '*', status: 302 } }, /status/],
    [{ failNext: { provider: '*', status: 500, count: 0 } }, /count/],
    [{ colour: 'blue' }, /unknown setting colour/],
  ])('rejects %j with 400 and changes nothing', async (settings, message) => {
    const res = await postJson(`${twin.base}/sandbox/_control`, settings);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(await (await fetch(`${twin.base}/sandbox/_control`)).json()).toEqual(DEFAULTS);
  });

  it('reset restores the defaults and clears failNext', async () => {
    await setControl(twin.base, { latencyMs: 100, queue: 'always', failNext: { provider: '*', status: 500, count: 3 } });
    const res = await postJson(`${twin.base}/sandbox/_control/reset`, {});
    expect(await res.json()).toEqual(DEFAULTS);
    expect((await fetch(`${twin.base}/sandbox/_control/reset`)).status).toBe(405);
  });

  it('latencyMs delays twin answers but not control answers', async () => {
    await setControl(twin.base, { latencyMs: 150 });
    const started = Date.now();
    await fetch(`${twin.base}/sandbox/files/none.png`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    // With a latency no test waits out, the control API answers while a twin answer is still held
    // back (an order of events, not a time window).
    await setControl(twin.base, { latencyMs: 60_000 });
    const held = new AbortController();
    let answered = false;
    const slow = fetch(`${twin.base}/sandbox/files/none.png`, { signal: held.signal }).then(
      () => (answered = true),
      () => undefined,
    );
    expect((await fetch(`${twin.base}/sandbox/_control`)).status).toBe(200);
    expect(answered).toBe(false);
    held.abort();
    await slow;
  });

  it('failNext "*" fails whichever provider comes next, in order', async () => {
    await setControl(twin.base, { failNext: [{ provider: '*', status: 503 }, { provider: 'modelslab', status: 402 }] });
    const seg = await postJson(`${twin.base}/sandbox/segmind/v1/sd1.5-dreamshaper`, { prompt: 'x' }, { 'x-api-key': 'k' });
    expect(seg.status).toBe(503);
    const ml = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth`, { key: 'k', model_id: 'm', prompt: 'x' });
    expect(ml.status).toBe(402);
  });
});

describe('routing, CORS and files', () => {
  it('answers CORS preflights with 204 on every twin path', async () => {
    for (const path of ['/sandbox/segmind/v1/sd1.5-dreamshaper', '/sandbox/modelslab/api/v4/dreambooth', '/sandbox/_control']) {
      const res = await fetch(`${twin.base}${path}`, {
        method: 'OPTIONS',
        headers: { origin: twin.base, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-api-key' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(twin.base);
      expect(res.headers.get('vary')).toBe('Origin');
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, OPTIONS');
      expect(res.headers.get('access-control-allow-headers')).toBe('content-type, x-api-key, authorization');
      expect(res.headers.get('access-control-expose-headers')).toBe(
        'x-remaining-credits, x-generation-time, x-seed-value, x-cost, x-request-id, x-rate-limit-remaining, retry-after',
      );
    }
  });

  it('passes requests outside /sandbox/ to next() and lists the endpoints at /sandbox/', async () => {
    expect((await fetch(`${twin.base}/samples/init-512.png`)).status).toBe(418);
    expect((await fetch(`${twin.base}/sandbox`)).status).toBe(418);
    const index = (await (await fetch(`${twin.base}/sandbox/`)).json()) as { endpoints: string[] };
    expect(index.endpoints).toContain('POST /sandbox/segmind/v1/sd1.5-img2img');
    expect((await fetch(`${twin.base}/sandbox/unknown`)).status).toBe(404);
  });

  it('builds absolute URLs from the Host header and x-forwarded-proto', async () => {
    const body = JSON.stringify({ key: 'k', model_id: 'm', prompt: 'x', width: 64, height: 64 });
    const plain = JSON.parse(await rawPost('/sandbox/modelslab/api/v4/dreambooth', body, { host: 'localhost:5173', 'content-type': 'application/json' }));
    expect(plain.output[0]).toMatch(/^http:\/\/localhost:5173\/sandbox\/files\//);
    const proxied = JSON.parse(
      await rawPost('/sandbox/modelslab/api/v4/dreambooth', body, { host: 'play.example', 'x-forwarded-proto': 'https', 'content-type': 'application/json' }),
    );
    expect(proxied.output[0]).toMatch(/^https:\/\/play\.example\/sandbox\/files\//);
    // The file is read from memory whatever host the URL names.
    const again = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth/img2img`, { key: 'k', model_id: 'm', prompt: 'y', init_image: proxied.output[0] });
    expect(((await again.json()) as { status: string }).status).toBe('success');
  });

  it('serves files with content type and CORS; HEAD works; unknown files are 404', async () => {
    const made = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth`, { key: 'k', model_id: 'm', prompt: 'x', width: 64, height: 64 });
    const url = ((await made.json()) as { output: string[] }).output[0] ?? '';
    const res = await fetch(url, { headers: { origin: twin.base } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('access-control-allow-origin')).toBe(twin.base);
    expect((await fetch(url)).headers.get('access-control-allow-origin')).toBeNull();
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(res.headers.get('content-length'));
    expect((await fetch(`${twin.base}/sandbox/files/missing.png`)).status).toBe(404);
    expect((await fetch(`${twin.base}/sandbox/files/%E0%A4%A.png`)).status).toBe(404);
  });

  it('each middleware is an independent twin', async () => {
    const other = await startTwin();
    try {
      await setControl(twin.base, { queue: 'always' });
      expect(((await (await fetch(`${other.base}/sandbox/_control`)).json()) as { queue: string }).queue).toBe('never');
    } finally {
      await other.close();
    }
  });
});

describe('file store', () => {
  it('evicts the least recently used files beyond its count and byte limits', () => {
    const store = new FileStore(3, 100);
    for (const name of ['a.png', 'b.png', 'c.png']) store.put(name, new Uint8Array(10));
    store.get('a.png');
    store.put('d.png', new Uint8Array(10));
    expect(['a.png', 'b.png', 'c.png', 'd.png'].map((n) => store.get(n) !== undefined)).toEqual([true, false, true, true]);
    store.put('big.png', new Uint8Array(95));
    expect(store.size).toBe(1);
    expect(store.totalBytes).toBe(95);
    expect(() => store.put('x.gif', new Uint8Array(1))).toThrow(/unsupported/);
  });

  it('hides files until they are published', () => {
    const store = new FileStore();
    store.put('later.png', new Uint8Array(1), 2000);
    expect(store.get('later.png', 1999)).toBeUndefined();
    expect(store.get('later.png', 2000)).toBeDefined();
  });
});
