/**
 * "Load URL" through the server (`GET /proxy/_image`) over HTTP: the proxy on 127.0.0.1 behind the
 * production bridge, an https image host on 127.0.0.1 with the test's certificate, reached under a
 * name only the injected resolver knows (so an answer proves the checked address was pinned).
 * Refusals run with the production address policy and must connect nowhere.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImageAddress } from './image-fetch';
import { loopbackPolicy, makeTestCertificate, startHttpsUpstream, startProxy, UPSTREAM_HOST } from './proxy-test-helpers';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201c5e2b9b10000000049454e44ae426082', 'hex');

let port = 0;
let connections = 0;
let close: () => Promise<void>;
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end(PNG);
const seen: IncomingMessage['headers'][] = [];
let cert = '';

beforeAll(async () => {
  const tls = await makeTestCertificate();
  cert = tls.cert;
  const up = await startHttpsUpstream(tls, (req, res) => {
    seen.push(req.headers);
    answer(req, res);
  });
  port = up.port;
  close = up.close;
  up.server.on('connection', () => {
    connections += 1;
  });
});
afterAll(() => close());

const image = (base: string, target: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/proxy/_image`, { headers: { 'x-playground-target': target, ...headers } });
const error = async (res: Response) => ((await res.json()) as { error: string }).error;

describe('Load URL through the server', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    proxy = await startProxy({}, { ...loopbackPolicy(), ca: cert, imagePorts: { http: 80, https: port } });
  });
  afterAll(() => proxy.close());

  it('passes a public image on with its sniffed type, sending no cookie or credential', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'a=b' });
      res.end(PNG);
    };
    const res = await image(proxy.base, `https://${UPSTREAM_HOST}:${port}/cat.png`, { cookie: 'session=1', authorization: 'Bearer k', origin: proxy.base });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    expect(seen.at(-1)!.cookie).toBeUndefined();
    expect(seen.at(-1)!.authorization).toBeUndefined();
  });

  it('passes on the image a base64 text holds (ModelsLab’s .base64 results), decoded', async () => {
    answer = (_req, res) => res.end(`data:image/png;base64,${PNG.toString('base64')}\n`);
    const res = await image(proxy.base, `https://${UPSTREAM_HOST}:${port}/out.base64`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG);
    answer = (_req, res) => res.end(Buffer.from('<html>not an image</html>').toString('base64'));
    expect((await image(proxy.base, `https://${UPSTREAM_HOST}:${port}/out.base64`)).status).toBe(415);
  });

  it('refuses what is not an image, a redirect, an error status and an image over the cap', async () => {
    answer = (_req, res) => res.end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    let res = await image(proxy.base, `https://${UPSTREAM_HOST}:${port}/x.png`);
    expect(res.status).toBe(415);
    expect(await error(res)).toMatch(/does not hold a PNG, JPEG, WebP, GIF or AVIF/);
    answer = (_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1/secret.png' });
      res.end();
    };
    res = await image(proxy.base, `https://${UPSTREAM_HOST}:${port}/x.png`);
    expect(res.status).toBe(502);
    expect(await error(res)).toMatch(/redirects \(HTTP 302\) to http:\/\/127\.0\.0\.1\/secret\.png; load that address instead/);
    answer = (_req, res) => {
      res.writeHead(404);
      res.end();
    };
    res = await image(proxy.base, `https://${UPSTREAM_HOST}:${port}/x.png`);
    expect(await error(res)).toMatch(/answered HTTP 404/);
    const small = await startProxy({}, { ...loopbackPolicy(), ca: cert, imagePorts: { http: 80, https: port }, maxResponseBytes: 1024 });
    answer = (_req, res) => {
      res.write(PNG);
      res.end(Buffer.alloc(4096));
    };
    res = await image(small.base, `https://${UPSTREAM_HOST}:${port}/big.png`);
    expect(res.status).toBe(413);
    await small.close();
  });
});

describe('Load URL through the server, refusing (production address policy)', () => {
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    proxy = await startProxy({}, { ca: cert, imagePorts: { http: 80, https: port } });
  });
  afterAll(() => proxy.close());

  it.each([
    [`https://127.0.0.1:${443}/x.png`],
    ['http://localhost/x.png'],
    ['http://10.0.0.8/x.png'],
    ['http://[::ffff:127.0.0.1]/x.png'],
    ['http://169.254.169.254/latest/meta-data'],
    ['http://2130706433/x.png'],
  ])('refuses %s before any connection', async (target) => {
    const before = connections;
    const res = await image(proxy.base, target.replace(':443', `:${port}`));
    expect(res.status).toBe(403);
    expect(await error(res)).toMatch(/on this machine or a private network/);
    expect(connections).toBe(before);
  });

  it('refuses cross-site callers, other schemes, credentials, other ports, other methods', async () => {
    const target = `https://${UPSTREAM_HOST}:${port}/x.png`;
    expect((await image(proxy.base, target, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await image(proxy.base, target, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await image(proxy.base, 'file:///etc/passwd')).status).toBe(400);
    expect(await error(await image(proxy.base, `https://u:p@${UPSTREAM_HOST}:${port}/x.png`))).toMatch(/user or password/);
    expect(await error(await image(proxy.base, 'https://example.com:22/x.png'))).toMatch(/usual port .* not 22/);
    const post = await fetch(`${proxy.base}/proxy/_image`, { method: 'POST', headers: { 'x-playground-target': target }, body: 'x' });
    expect(post.status).toBe(405);
  });
});

describe('checkImageAddress', () => {
  it('takes http on 80 and https on 443 only', () => {
    expect(checkImageAddress('https://example.com/a.png').href).toBe('https://example.com/a.png');
    expect(checkImageAddress('http://example.com:80/a.png').href).toBe('http://example.com/a.png');
    expect(() => checkImageAddress('http://example.com:8080/a.png')).toThrow(/not 8080/);
    expect(() => checkImageAddress(null)).toThrow(/missing/);
  });
});
