import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkTarget, createProxyMiddleware, isPrivateAddress, TARGET_HEADER } from './proxy';

const publicResolve = async () => ['93.184.216.34'];

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['93.184.216.34', false],
    ['172.32.0.1', false],
    ['2606:4700::1111', false],
  ])('%s → %s', (addr, expected) => {
    expect(isPrivateAddress(addr)).toBe(expected);
  });
});

describe('checkTarget', () => {
  it('forwards Segmind to its own host only', async () => {
    const url = await checkTarget('segmind', 'https://api.segmind.com', '/v1/sd1.5-dreamshaper', publicResolve);
    expect(url.href).toBe('https://api.segmind.com/v1/sd1.5-dreamshaper');
    await expect(checkTarget('segmind', 'https://evil.example', '/v1/x', publicResolve)).rejects.toMatchObject({ status: 403 });
  });
  it('accepts ModelsLab subdomains and refuses look-alikes', async () => {
    await expect(checkTarget('modelslab', 'https://modelslab.com', '/api/v6/x', publicResolve)).resolves.toBeInstanceOf(URL);
    await expect(checkTarget('modelslab', 'https://notmodelslab.com', '/x', publicResolve)).rejects.toMatchObject({ status: 403 });
  });
  it('refuses http, loopback, private and credentialed targets', async () => {
    await expect(checkTarget('dreamrender', 'http://render.example', '/api', publicResolve)).rejects.toMatchObject({ status: 400 });
    await expect(checkTarget('dreamrender', 'https://127.0.0.1', '/api', publicResolve)).rejects.toMatchObject({ status: 403 });
    await expect(checkTarget('dreamrender', 'https://localhost', '/api', publicResolve)).rejects.toMatchObject({ status: 403 });
    await expect(checkTarget('dreamrender', 'https://internal.example', '/api', async () => ['10.0.0.5'])).rejects.toMatchObject({ status: 403 });
    await expect(checkTarget('dreamrender', 'https://u:p@render.example', '/api', publicResolve)).rejects.toMatchObject({ status: 400 });
  });
  it('refuses an unknown provider and a missing target', async () => {
    await expect(checkTarget('other', 'https://x.example', '/', publicResolve)).rejects.toMatchObject({ status: 404 });
    await expect(checkTarget('segmind', undefined, '/', publicResolve)).rejects.toMatchObject({ status: 400 });
  });
});

describe('proxy over HTTP', () => {
  const upstreamCalls: Array<{ url: string; init: RequestInit }> = [];
  let nextUpstream: () => Response = () => new Response('{}');
  // The provider's host is outside this machine's reach: the upstream fetch is the one injected part.
  const fetchImpl = (async (url: URL | string, init?: RequestInit) => {
    upstreamCalls.push({ url: String(url), init: init ?? {} });
    return nextUpstream();
  }) as typeof fetch;
  const mw = createProxyMiddleware({ fetchImpl, resolve: publicResolve });
  const server = createServer((req, res) => {
    void mw(req, res, () => {
      res.statusCode = 404;
      res.end('not proxied');
    });
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('forwards the body and the key header, returns x-* headers, and logs no key', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    nextUpstream = () =>
      new Response(new Uint8Array([0xff, 0xd8, 0xff]), {
        headers: { 'content-type': 'image/jpeg', 'x-remaining-credits': '99', 'set-cookie': 'a=b' },
      });
    const res = await fetch(`${base}/proxy/segmind/v1/sd1.5-dreamshaper`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'SECRET-123', [TARGET_HEADER]: 'https://api.segmind.com', cookie: 'c=d' },
      body: JSON.stringify({ prompt: 'cat' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-remaining-credits')).toBe('99');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff]));
    const call = upstreamCalls.at(-1)!;
    expect(call.url).toBe('https://api.segmind.com/v1/sd1.5-dreamshaper');
    expect(call.init.redirect).toBe('manual');
    expect(call.init.headers).toMatchObject({ 'content-type': 'application/json', 'x-api-key': 'SECRET-123' });
    expect(Object.keys(call.init.headers as object)).not.toContain('cookie');
    expect(new TextDecoder().decode(call.init.body as Uint8Array)).toBe('{"prompt":"cat"}');
    const logged = log.mock.calls.flat().join('\n');
    expect(logged).toContain('segmind');
    expect(logged).not.toContain('SECRET-123');
    log.mockRestore();
  });

  it('does not follow a redirect', async () => {
    nextUpstream = () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } });
    const res = await fetch(`${base}/proxy/segmind/v1/x`, {
      method: 'POST',
      headers: { [TARGET_HEADER]: 'https://api.segmind.com' },
      body: '{}',
    });
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: string }).error).toMatch(/redirect/);
  });

  it('refuses cross-site callers before anything is sent', async () => {
    const before = upstreamCalls.length;
    const res = await fetch(`${base}/proxy/segmind/v1/x`, {
      method: 'POST',
      headers: { [TARGET_HEADER]: 'https://api.segmind.com', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(upstreamCalls.length).toBe(before);
  });

  it('answers the ping and leaves other paths alone', async () => {
    expect((await fetch(`${base}/proxy/_ping`)).status).toBe(200);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
  });
});
