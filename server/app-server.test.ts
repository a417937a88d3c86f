/**
 * The production server over HTTP: the built app (a small dist/ made for the test), the twins and
 * the proxy on one node:http server, every answer with the security headers, loopback Host only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer, isLoopbackBind } from './app-server';

let dir = '';
let server: Server;
let base = '';
let port = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'app-server-test-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1.js"></script>');
  writeFileSync(join(dir, 'assets', 'app-1.js'), 'console.log(1)');
  server = createAppServer({ distDir: dir, loopbackOnly: true });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  rmSync(dir, { recursive: true });
});

/** The hosts the registry names: the policy's fixed part. */
const REGISTRY =
  'https://stablediffusionapi.com https://modelslab.com https://api.segmind.com http://127.0.0.1:7860 https://api.replicate.com ' +
  'https://replicate.delivery https://queue.fal.run https://fal.ai https://rest.fal.ai https://fal.media https://v3.fal.media https://v3b.fal.media';

function policy(extra = ''): string {
  const remote = extra ? `${REGISTRY} ${extra}` : REGISTRY;
  return (
    `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data: ${remote}; ` +
    `connect-src 'self' blob: data: ${remote}; worker-src 'self' blob:; ` +
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
  );
}

function expectSecurityHeaders(res: Response, extra = '') {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toBe(policy(extra));
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('production server', () => {
  it('serves the app, its assets and client routes, with the security headers on every answer', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/assets/app-1.js');
    const asset = await fetch(`${base}/assets/app-1.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const route = await fetch(`${base}/gallery`);
    expect(await route.text()).toContain('<!doctype html>');
    const answers = [
      page,
      asset,
      route,
      await fetch(`${base}/sandbox/_control`),
      await fetch(`${base}/sandbox/files/none.png`),
      await fetch(`${base}/proxy/_ping`),
      await fetch(`${base}/proxy/segmind/v1/x`, { method: 'POST', headers: { 'x-playground-target': 'https://127.0.0.1' }, body: '{}' }),
      await fetch(`${base}/`, { method: 'POST', body: 'x' }),
    ];
    for (const res of answers) expectSecurityHeaders(res);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 404, 200, 403, 405]);
  });

  it('adds the origins the page names in its cookie, exactly, to connect-src and img-src', async () => {
    const cookie = (value: string) => ({ headers: { cookie: `other=1; playground-origins=${value}` } });
    const configured = encodeURIComponent('http://127.0.0.2:7860 https://render.e2e.test');
    expectSecurityHeaders(await fetch(`${base}/`, cookie(configured)), 'http://127.0.0.2:7860 https://render.e2e.test');
    expectSecurityHeaders(await fetch(`${base}/proxy/_ping`, cookie(configured)), 'http://127.0.0.2:7860 https://render.e2e.test');
    // Hostile values: a wildcard, a keyword, a directive, a header break, a path, a private http host, IPv6, junk.
    for (const hostile of [
      encodeURIComponent("* 'unsafe-inline' https:"),
      encodeURIComponent("https://a.example; script-src 'unsafe-inline'"),
      encodeURIComponent('https://a.example/path http://10.0.0.1 http://[::1]:7860 https://*.example'),
      '%E0%A4%A',
      encodeURIComponent('https://a.example '.repeat(200)),
    ]) {
      expectSecurityHeaders(await fetch(`${base}/`, cookie(hostile)));
    }
    // Two cookies of that name (one planted by another port of this host): both parsed alike, the first wins.
    expectSecurityHeaders(await fetch(`${base}/`, { headers: { cookie: `playground-origins=${encodeURIComponent('https://b.example')}; playground-origins=x` } }), 'https://b.example');
  });

  it('answers to loopback Host names only', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path: '/', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await status(`rebind.attacker.example:${port}`)).toBe(421);
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    expect(await status(`localhost:${port}`)).toBe(200);
  });

  it('refuses a cross-site POST to the twins, like the proxy', async () => {
    const res = await fetch(`${base}/sandbox/_control`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' }, body: '{"latencyMs":5000}' });
    expect(res.status).toBe(403);
    expectSecurityHeaders(res);
    expect(((await (await fetch(`${base}/sandbox/_control`)).json()) as { latencyMs: number }).latencyMs).toBe(0);
  });

  it('knows which bind addresses are loopback', () => {
    expect(['127.0.0.1', 'localhost', '::1', '127.0.0.2'].map(isLoopbackBind)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '192.168.1.5'].map(isLoopbackBind)).toEqual([false, false, false]);
  });
});
