/**
 * The proxy's own code over HTTP: the fetch handler behind the node bridge on 127.0.0.1, talking
 * to an https upstream on 127.0.0.1 with a certificate made for the test. The upstream's name
 * (upstream.test) exists only in the injected resolver, so a connection that reaches it proves
 * the checked address was pinned; the refusal tests run with the production address policy.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBlockedAddress } from './net/address';
import { checkTarget, TARGET_HEADER } from './proxy';
import type { ProxyOptions } from './proxy';
import type { ProxyTarget } from './proxy-targets';
import { proxyTargets } from './proxy-targets';
import { loopbackPolicy, makeTestCertificate, startHttpsUpstream, startProxy as startProxyOn, UPSTREAM_HOST } from './proxy-test-helpers';

const TARGETS: Record<string, ProxyTarget> = {
  known: { hosts: [UPSTREAM_HOST], anyPublicHttpsHost: false, responseHeaders: ['x-documented'] },
  open: { hosts: [], anyPublicHttpsHost: true, responseHeaders: [] },
};

let cert = '';
let upstream: HttpsServer;
let closeUpstream: () => Promise<void>;
let upstreamPort = 0;
/** TCP connections the upstream accepted: the refusal tests expect none. */
let connections = 0;
const seen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('{}');
const closed: string[] = [];

beforeAll(async () => {
  const tls = await makeTestCertificate();
  cert = tls.cert;
  ({ server: upstream, port: upstreamPort, close: closeUpstream } = await startHttpsUpstream(tls, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(req, res);
    });
    res.on('close', () => closed.push(req.url ?? ''));
  }));
  upstream.on('connection', () => {
    connections += 1;
  });
});
afterAll(() => closeUpstream());

const startProxy = (options: Partial<ProxyOptions>) => startProxyOn(TARGETS, { targetPort: upstreamPort, ...options });

/** Test policy: upstream.test resolves to the loopback upstream, which alone is allowed. */
const resolved: string[] = [];
const TEST_POLICY: Partial<ProxyOptions> = loopbackPolicy(resolved);

const upstreamBase = () => `https://upstream.test:${upstreamPort}`;

describe('the proxy, forwarding', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    proxy = await startProxy({ ...TEST_POLICY, ca: cert });
  });
  afterAll(() => proxy.close());

  it('forwards body and key header to the checked, pinned address; passes back only documented headers; logs no key', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'x-documented': '99', 'x-undocumented': 'leak', 'set-cookie': 'a=b', 'retry-after': '3' });
      res.end(Buffer.from([0xff, 0xd8, 0xff]));
    };
    resolved.length = 0;
    const res = await fetch(`${proxy.base}/proxy/known/v1/generate?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'SECRET-123', [TARGET_HEADER]: upstreamBase(), cookie: 'c=d', origin: proxy.base },
      body: JSON.stringify({ prompt: 'cat' }),
    });
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-documented')).toBe('99');
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('x-undocumented')).toBeNull();
    expect(res.headers.get('set-cookie')).toBeNull();
    const call = seen.at(-1)!;
    expect(call.url).toBe('/v1/generate?x=1');
    expect(call.headers['x-api-key']).toBe('SECRET-123');
    expect(call.headers.cookie).toBeUndefined();
    expect(call.headers[TARGET_HEADER]).toBeUndefined();
    expect(call.body).toBe('{"prompt":"cat"}');
    // Resolved once, by the check; the connection asked nobody else (the system cannot resolve upstream.test).
    expect(resolved).toEqual(['upstream.test']);
    expect(proxy.lines.join('\n')).toContain('known');
    expect(proxy.lines.join('\n')).not.toContain('SECRET-123');
  });

  it('forwards PUT to a …/cancel path only (fal’s queue cancel), and Replicate’s Prefer header', async () => {
    answer = (_req, res) => {
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{"status":"CANCELLATION_REQUESTED"}');
    };
    const before = seen.length;
    const cancel = await fetch(`${proxy.base}/proxy/known/fal-ai/flux/requests/abc-123/cancel`, { method: 'PUT', headers: { [TARGET_HEADER]: upstreamBase(), authorization: 'Key k' } });
    expect(cancel.status).toBe(202);
    expect(seen.slice(before).map((s) => [s.method, s.url])).toEqual([['PUT', '/fal-ai/flux/requests/abc-123/cancel']]);
    const other = await fetch(`${proxy.base}/proxy/known/v1/files`, { method: 'PUT', headers: { [TARGET_HEADER]: upstreamBase() }, body: 'x' });
    expect(other.status).toBe(405);
    expect(seen.length).toBe(before + 1);
    const create = await fetch(`${proxy.base}/proxy/known/v1/predictions`, { method: 'POST', headers: { [TARGET_HEADER]: upstreamBase(), prefer: 'wait=60' }, body: '{}' });
    expect(create.status).toBe(202);
    expect(seen.at(-1)!.headers.prefer).toBe('wait=60');
  });

  it('does not follow a redirect', async () => {
    answer = (_req, res) => {
      res.writeHead(302, { location: `${upstreamBase()}/elsewhere` });
      res.end();
    };
    const before = seen.length;
    const res = await fetch(`${proxy.base}/proxy/known/v1/x`, { method: 'POST', headers: { [TARGET_HEADER]: upstreamBase() }, body: '{}' });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: string }).error).toMatch(/redirect/);
    expect(seen.slice(before).map((s) => s.url)).toEqual(['/v1/x']);
  });

  it('cuts an answer at the size cap: an announced one is refused, a streamed one errors midway', async () => {
    const capped = await startProxy({ ...TEST_POLICY, ca: cert, maxResponseBytes: 1024 * 1024 });
    try {
      const chunk = Buffer.alloc(64 * 1024, 1);
      answer = (req, res) => {
        if (req.url === '/announced') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
          res.write(chunk);
          return;
        }
        // 50 MB without a length, written as fast as the proxy takes it.
        res.writeHead(200, { 'content-type': 'application/json' });
        let sent = 0;
        const pump = () => {
          while (sent < 50 * 1024 * 1024 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      };
      const announced = await fetch(`${capped.base}/proxy/known/announced`, { headers: { [TARGET_HEADER]: upstreamBase() } });
      expect(announced.status).toBe(502);
      expect(((await announced.json()) as { error: string }).error).toMatch(/larger than the proxy passes on \(1 MB\)/);

      const streamed = await fetch(`${capped.base}/proxy/known/streamed`, { headers: { [TARGET_HEADER]: upstreamBase() } });
      expect(streamed.status).toBe(200);
      let received = 0;
      await expect(
        (async () => {
          for await (const part of streamed.body!) received += part.byteLength;
        })(),
      ).rejects.toThrow();
      expect(received).toBeLessThanOrEqual(1024 * 1024);
      await expect.poll(() => closed.includes('/streamed')).toBe(true);
    } finally {
      await capped.close();
    }
  });

  it('refuses a request body over its cap with 413, before connecting', async () => {
    const small = await startProxy({ ...TEST_POLICY, ca: cert, maxRequestBytes: 1024 });
    try {
      const before = connections;
      const res = await fetch(`${small.base}/proxy/known/v1/x`, { method: 'POST', headers: { [TARGET_HEADER]: upstreamBase() }, body: 'x'.repeat(4096) });
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(connections).toBe(before);
    } finally {
      await small.close();
    }
  });

  it('stops the upstream request when the browser goes away', async () => {
    answer = () => undefined; // never answers
    const controller = new AbortController();
    const pending = fetch(`${proxy.base}/proxy/known/slow`, { headers: { [TARGET_HEADER]: upstreamBase() }, signal: controller.signal }).catch(() => 'aborted');
    await expect.poll(() => seen.some((s) => s.url === '/slow')).toBe(true);
    controller.abort();
    expect(await pending).toBe('aborted');
    await expect.poll(() => closed.includes('/slow'), { timeout: 3000 }).toBe(true);
  });

  it('ends a request the provider does not answer in time with a plain 504', async () => {
    const quick = await startProxy({ ...TEST_POLICY, ca: cert, timeoutMs: 300 });
    try {
      answer = () => undefined;
      const res = await fetch(`${quick.base}/proxy/known/never`, { headers: { [TARGET_HEADER]: upstreamBase() } });
      expect(res.status).toBe(504);
      expect(((await res.json()) as { error: string }).error).toMatch(/did not answer within \d+ s/);
      await expect.poll(() => closed.includes('/never'), { timeout: 3000 }).toBe(true);
    } finally {
      await quick.close();
    }
  });
});

describe('the proxy, refusing (production address policy)', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    proxy = await startProxy({ ca: cert });
  });
  afterAll(() => proxy.close());

  const send = (provider: string, target: string, headers: Record<string, string> = {}) =>
    fetch(`${proxy.base}/proxy/${provider}/api/x`, { method: 'POST', headers: { [TARGET_HEADER]: target, 'x-api-key': 'SECRET', ...headers }, body: '{}' });

  it.each([
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
    '[::127.0.0.1]',
    '2130706433',
    '0x7f.0.0.1',
    '127.1',
    '0177.0.0.1',
    'localhost.',
    'localhost',
    '127.0.0.1',
    '[::1]',
    '[64:ff9b::7f00:1]',
    '[2002:7f00:1::1]',
    '[fec0::1]',
    '[::ffff:0:7f00:1]',
  ])('refuses https://%s before any connection', async (host) => {
    const before = connections;
    const res = await send('open', `https://${host}:${upstreamPort}`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-playground-proxy')).toBe('refused');
    expect(((await res.json()) as { error: string }).error).toMatch(/loopback, private or link-local/);
    expect(connections).toBe(before);
  });

  it('refuses a name that resolves to a private address, before connecting', async () => {
    const rebinding = await startProxy({ addresses: { resolve: async () => ['93.184.216.34', '10.0.0.5'] } });
    try {
      const res = await fetch(`${rebinding.base}/proxy/open/x`, { headers: { [TARGET_HEADER]: 'https://rebind.example' } });
      expect(res.status).toBe(403);
    } finally {
      await rebinding.close();
    }
  });

  it('refuses cross-site callers, other hosts, http, credentials and unknown providers', async () => {
    const before = connections;
    expect((await send('known', upstreamBase(), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await send('known', upstreamBase(), { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await send('known', 'https://notupstream.test')).status).toBe(403);
    expect((await send('known', 'https://upstream.test.evil.example')).status).toBe(403);
    expect((await send('open', 'http://render.example')).status).toBe(400);
    expect((await send('open', 'https://u:p@render.example')).status).toBe(400);
    expect((await send('other', 'https://render.example')).status).toBe(404);
    expect((await send('known', '')).status).toBe(400);
    expect(connections).toBe(before);
  });

  it('forwards to the exact host on the one port: no subdomain, no other port', async () => {
    const before = connections;
    expect((await send('known', `https://x.upstream.test:${upstreamPort}`)).status).toBe(403);
    expect((await send('known', 'https://upstream.test:22')).status).toBe(403);
    expect((await send('open', 'https://render.example:22')).status).toBe(403);
    expect(connections).toBe(before);
  });

  it('answers the ping with the provider list', async () => {
    expect(await (await fetch(`${proxy.base}/proxy/_ping`)).json()).toEqual({ ok: true, providers: ['known', 'open'] });
  });
});

describe('checkTarget with the registry’s hosts', () => {
  it('takes a provider’s own host on 443 only', () => {
    expect(checkTarget(proxyTargets, 'segmind', 'https://api.segmind.com', '/v1/x').url.href).toBe('https://api.segmind.com/v1/x');
    expect(checkTarget(proxyTargets, 'segmind', 'https://api.segmind.com:443', '/v1/x').host).toBe('api.segmind.com');
    for (const target of ['https://api.segmind.com:22', 'https://x.api.segmind.com', 'https://api.segmind.com:8443']) {
      expect(() => checkTarget(proxyTargets, 'segmind', target, '/v1/x'), target).toThrow(/only/);
    }
  });
});

describe('isBlockedAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['255.255.255.255', true],
    ['::1', true],
    ['::', true],
    ['::7f00:1', true],
    ['::8.8.8.8', true],
    ['::ffff:7f00:1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:0:8.8.8.8', true],
    ['64:ff9b::808:808', true],
    ['2002:808:808::1', true],
    ['2001:0:4136:e378::1', true],
    ['fec0::1', true],
    ['fe80::1%eth0', true],
    ['fd00::1', true],
    ['ff02::1', true],
    ['not-an-address', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['2001:db8::1', true],
    ['198.19.255.255', true],
    ['224.0.0.1', true],
    ['', true],
    ['8.8.8.8', false],
    ['198.20.0.1', false],
    ['93.184.216.34', false],
    ['172.32.0.1', false],
    ['::ffff:8.8.8.8', false],
    ['2606:4700::1111', false],
  ])('%s → %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });
});
