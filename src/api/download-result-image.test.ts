/** The result-image download against a real HTTP server on loopback. */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadImage } from './download-result-image';
import { NetworkError } from './http';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 1, 2, 3]);
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow.png') {
      // Headers, then a body that never ends: the download is in flight until aborted.
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(PNG.subarray(0, 4));
      return;
    }
    if (req.url === '/stall.png') return; // never answers
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
    const pending = downloadImage({ type: 'url', url: `${base}/stall.png` }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cancelled).toBe(true);
  });

  it('rejects as cancelled when aborted while the body downloads', async () => {
    const controller = new AbortController();
    const pending = downloadImage({ type: 'url', url: `${base}/slow.png` }, controller.signal);
    setTimeout(() => controller.abort(), 100);
    const error = await pending.catch((e: unknown) => e);
    expect((error as NetworkError).cancelled).toBe(true);
  });

  it('still reports a refused or unreachable link as link-only when nobody cancelled', async () => {
    const got = await downloadImage({ type: 'url', url: 'http://127.0.0.1:9/none.png' });
    expect(got).toMatchObject({ ok: false, sourceUrl: 'http://127.0.0.1:9/none.png' });
  });
});
