/**
 * The twins cannot be turned against the user: attacks from another site's page, image and
 * webhook URLs that point into the user's machine, redirects, oversized bodies, endless rules.
 * Every test talks HTTP to a real twin on 127.0.0.1 with the production outbound policy.
 */
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FAIL_COUNT, MAX_FAIL_RULES } from './control';
import { MAX_BODY_BYTES } from './http';
import { download, LOOPBACK_RECEIVERS, outboundOf, outboundWhen, postJson, setControl, startReceiver, startTwin } from './test-helpers';
import type { RunningServer } from './test-helpers';

const EVIL = 'https://evil.example';

let twin: RunningServer;
/** A picture standing for a private image on the user's machine. */
let secretPng: Uint8Array;

beforeAll(async () => {
  twin = await startTwin();
  const helper = await startTwin({ outbound: LOOPBACK_RECEIVERS });
  const made = await postJson(`${helper.base}/sandbox/modelslab/api/v4/dreambooth`, { key: 'k', model_id: 'm', prompt: 'secret', width: 64, height: 64 });
  secretPng = await download(((await made.json()) as { output: string[] }).output[0] ?? '');
  await helper.close();
});
afterAll(() => twin.close());
beforeEach(() => postJson(`${twin.base}/sandbox/_control/reset`, {}));

/** A "private" server on loopback that records every request it gets. */
async function countingServer(): Promise<{ base: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    if (req.url === '/secret.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(secretPng);
    } else if (req.url === '/moved') {
      res.writeHead(302, { location: '/secret.png' });
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const img2img = (initImage: string) => ({ key: 'k', model_id: 'm', prompt: 'x', init_image: initImage, strength: 0, width: 64, height: 64 });

describe('a page on another site', () => {
  it('cannot make the twin fetch a private image with a no-preflight text/plain POST, nor read the answer', async () => {
    const target = await countingServer();
    try {
      const res = await fetch(`${twin.base}/sandbox/modelslab/api/v4/dreambooth/img2img`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: EVIL, 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify(img2img(`${target.base}/secret.png`)),
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      // The request was answered without running: the twin made no outbound request and has none to go.
      expect(await outboundOf(twin.base)).toEqual({ pendingWebhooks: 0, decisions: [] });
      expect(target.hits).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('cannot change the control API, with or without an Origin header', async () => {
    const before = await (await fetch(`${twin.base}/sandbox/_control`)).json();
    const attempts: Array<Record<string, string>> = [
      { 'content-type': 'text/plain', origin: EVIL, 'sec-fetch-site': 'cross-site' },
      { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
      { 'content-type': 'application/json', origin: 'null' },
      { 'content-type': 'text/plain', origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of attempts) {
      for (const path of ['/sandbox/_control', '/sandbox/_control/reset']) {
        const res = await fetch(`${twin.base}${path}`, { method: 'POST', headers, body: JSON.stringify({ latencyMs: 60000, failNext: { status: 500, count: 1000 } }) });
        expect(res.status).toBe(403);
      }
    }
    expect(await (await fetch(`${twin.base}/sandbox/_control`)).json()).toEqual(before);
    // A preflight from that site gets no CORS either.
    const preflight = await fetch(`${twin.base}/sandbox/_control`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('is served CORS only when SANDBOX_CORS_ORIGINS lists it', async () => {
    const dev = await startTwin({ corsOrigins: ['http://localhost:3000'] });
    try {
      const listed = await postJson(`${dev.base}/sandbox/segmind/v1/sd1.5-dreamshaper`, { prompt: 'x', img_width: 512 }, { 'x-api-key': 'k', origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
      expect(listed.headers.get('access-control-expose-headers')).toContain('x-remaining-credits');
      const other = await postJson(`${dev.base}/sandbox/segmind/v1/sd1.5-dreamshaper`, { prompt: 'x' }, { 'x-api-key': 'k', origin: 'http://localhost:3001' });
      expect(other.status).toBe(403);
    } finally {
      await dev.close();
    }
  });

  it('may display a generated file (unguessable name) but reads it only with CORS for its origin', async () => {
    const made = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth`, { key: 'k', model_id: 'm', prompt: 'x', width: 64, height: 64 });
    const url = ((await made.json()) as { output: string[] }).output[0] ?? '';
    const res = await fetch(url, { headers: { 'sec-fetch-site': 'cross-site', origin: EVIL } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('image and webhook URLs', () => {
  it('never reach loopback in any spelling, and the message does not tell open ports from closed ones', async () => {
    const target = await countingServer();
    const { port } = new URL(target.base);
    try {
      const messages = new Set<string>();
      for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::127.0.0.1]', '2130706433', '0x7f.0.0.1', '127.1', '0177.0.0.1', 'localhost', 'localhost.', '[::1]']) {
        for (const p of [port, '9']) {
          const res = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth/img2img`, img2img(`http://${host}:${p}/secret.png`));
          const body = (await res.json()) as { status: string; message: string };
          expect(body.status).toBe('error');
          messages.add(body.message.replace(/from \S+/, 'from <url>'));
        }
      }
      expect([...messages]).toEqual(['init_image could not be downloaded from <url> the host could not be reached']);
      // Each was refused before any connection (the twin's own log), and none reached the server.
      const { decisions } = await outboundOf(twin.base);
      expect(decisions).toHaveLength(22);
      expect(decisions.every((d) => d.kind === 'image' && d.outcome === 'refused')).toBe(true);
      expect(target.hits).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('never reach private or link-local addresses (Segmind image, ModelsLab mask)', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/x.png', 'http://[fe80::1]/x.png', 'http://[fd00::1]/x.png', 'http://192.168.1.1/x.png']) {
      const seg = await postJson(`${twin.base}/sandbox/segmind/v1/sd1.5-img2img`, { prompt: 'x', image: url }, { 'x-api-key': 'k' });
      expect(seg.status).toBe(400);
      expect(((await seg.json()) as { error: string }).error).toMatch(/could not be reached/);
    }
    const made = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth`, { key: 'k', model_id: 'm', prompt: 'x', width: 64, height: 64 });
    const own = ((await made.json()) as { output: string[] }).output[0] ?? '';
    const inpaint = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth/inpaint`, { ...img2img(own), mask_image: 'http://10.1.2.3/m.png' });
    expect(((await inpaint.json()) as { message: string }).message).toMatch(/^mask_image could not be downloaded .* could not be reached/);
  });

  it("still read the twin's own files, whatever host their URL names", async () => {
    const made = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth`, { key: 'k', model_id: 'm', prompt: 'x', width: 64, height: 64 });
    const own = ((await made.json()) as { output: string[] }).output[0] ?? '';
    const res = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth/img2img`, img2img(own));
    expect(((await res.json()) as { status: string }).status).toBe('success');
  });

  it('do not follow redirects, even where the address is allowed', async () => {
    const target = await countingServer();
    const permissive = await startTwin({ outbound: LOOPBACK_RECEIVERS });
    try {
      const res = await postJson(`${permissive.base}/sandbox/modelslab/api/v4/dreambooth/img2img`, img2img(`${target.base}/moved`));
      expect(((await res.json()) as { message: string }).message).toMatch(/redirects are not followed/);
      expect(target.hits).toEqual(['GET /moved']);
      const ok = await postJson(`${permissive.base}/sandbox/modelslab/api/v4/dreambooth/img2img`, img2img(`${target.base}/secret.png`));
      expect(((await ok.json()) as { status: string }).status).toBe('success');
      expect((await outboundOf(permissive.base)).decisions).toEqual([
        { kind: 'image', host: new URL(target.base).host, outcome: 'answered', status: 302 },
        { kind: 'image', host: new URL(target.base).host, outcome: 'answered', status: 200 },
      ]);
    } finally {
      await permissive.close();
      await target.close();
    }
  });

  it('a webhook into the local network is never posted', async () => {
    const receiver = await startReceiver();
    try {
      await setControl(twin.base, { queue: 'always', queueMs: 50 });
      const { port } = new URL(receiver.base);
      for (const host of ['127.0.0.1', 'localhost', '[::ffff:127.0.0.1]']) {
        const res = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth`, { key: 'k', model_id: 'm', prompt: 'x', width: 64, height: 64, webhook: `http://${host}:${port}/hook` });
        expect(((await res.json()) as { status: string }).status).toBe('processing');
      }
      // Wait until the twin has decided all three (none pending), then nothing may have arrived.
      const { decisions } = await outboundWhen(twin.base, (s) => s.pendingWebhooks === 0 && s.decisions.length === 3);
      expect(decisions.map((d) => [d.kind, d.outcome])).toEqual(Array.from({ length: 3 }, () => ['webhook', 'refused']));
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

describe('request shapes and limits', () => {
  it('each twin requires its real content type', async () => {
    const ml = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth`, { key: 'k', model_id: 'm', prompt: 'x' }, { 'content-type': 'text/plain' });
    expect(await ml.json()).toMatchObject({ status: 'error', message: expect.stringMatching(/Content-Type: application\/json/) });
    const seg = await postJson(`${twin.base}/sandbox/segmind/v1/sd1.5-dreamshaper`, { prompt: 'x' }, { 'x-api-key': 'k', 'content-type': 'text/plain' });
    expect(seg.status).toBe(406);
    const dr = await postJson(`${twin.base}/sandbox/dreamrender/api/generate_image`, { dev_key: 'k', model: 'm', prompt: 'x', width: '64', height: '64' });
    expect(dr.status).toBe(415);
  });

  it('a body over the limit gets 413 and the connection is closed', async () => {
    const { port } = new URL(twin.base);
    const answer = await new Promise<{ status?: number; headers: IncomingHttpHeaders; closed: boolean }>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/sandbox/segmind/v1/sd1.5-dreamshaper',
        headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1), 'x-api-key': 'k' },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => {
          // The server ends the socket after the answer; wait for it.
          req.socket?.once('close', () => resolve({ status: res.statusCode, headers: res.headers, closed: true }));
          setTimeout(() => resolve({ status: res.statusCode, headers: res.headers, closed: req.socket?.destroyed ?? false }), 1000);
        });
      });
      req.on('error', reject);
      req.write('{"prompt":"');
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(answer.closed).toBe(true);
  });

  it('failNext rules are capped', async () => {
    const many = Array.from({ length: MAX_FAIL_RULES + 1 }, () => ({ status: 500 }));
    expect((await postJson(`${twin.base}/sandbox/_control`, { failNext: many })).status).toBe(400);
    expect((await postJson(`${twin.base}/sandbox/_control`, { failNext: { status: 500, count: MAX_FAIL_COUNT + 1 } })).status).toBe(400);
    for (let i = 0; i < MAX_FAIL_RULES; i++) await setControl(twin.base, { failNext: { status: 500 } });
    const over = await postJson(`${twin.base}/sandbox/_control`, { failNext: { status: 500 } });
    expect(over.status).toBe(400);
    expect(((await over.json()) as { error: string }).error).toMatch(/at most 50/);
    expect((await setControl(twin.base, { failNext: null })).failNext).toEqual([]);
  });
});

describe('the standalone twin (npm run sandbox)', () => {
  it('answers to loopback Host names only (DNS rebinding), with the security headers', async () => {
    const tsx = new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url).pathname;
    const child = spawn(process.execPath, [tsx, new URL('./standalone.ts', import.meta.url).pathname], { env: { ...process.env, SANDBOX_PORT: '0' } });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => resolve(d.toString()));
        child.on('exit', (code) => reject(new Error(`standalone exited ${code}`)));
      });
      const port = /:(\d+)\//.exec(line)?.[1];
      const get = (host: string, path: string) =>
        new Promise<number>((resolve, reject) => {
          request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
            .on('error', reject)
            .end();
        });
      expect(await get(`attacker.example:${port}`, '/sandbox/_control')).toBe(421);
      expect(await get(`attacker.example:${port}`, '/samples/init-512.png')).toBe(421);
      expect(await get(`127.0.0.1:${port}`, '/sandbox/_control')).toBe(200);
      expect(await get(`localhost:${port}`, '/samples/init-512.png')).toBe(200);
      // The same security headers as the production server, on refusals too.
      for (const path of ['/sandbox/_control', '/nowhere']) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'/);
      }
    } finally {
      child.kill();
    }
  }, 20_000);
});
