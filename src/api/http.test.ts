/** The fetch wrapper against a real HTTP server on loopback: the size cap and the time limit. */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES, NetworkError, send, timeoutError } from './http';
import type { HttpRequest } from '../providers/types';

const MB = 1024 * 1024;
let server: Server;
let base = '';
/** Bytes the server managed to write for the last big answer, and whether its connection has closed. */
let written = 0;
let closed = false;
/** Resolves when the server has the next request for /never (a state to wait for, not a time). */
let neverArrived: () => void = () => undefined;
const nextNever = () => new Promise<void>((resolve) => (neverArrived = resolve));

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/declared-50mb') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * MB) });
      res.end(Buffer.alloc(50 * MB, 0x20));
      return;
    }
    if (req.url === '/chunked-50mb') {
      // No Content-Length: the cap must count the bytes as they come.
      res.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(MB, 0x41);
      written = 0;
      closed = false;
      res.on('close', () => (closed = true));
      const pump = () => {
        while (written < 50 * MB) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    if (req.url === '/never') return neverArrived(); // accepts, never answers
    if (req.url === '/headers-then-silence') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string): HttpRequest => ({ method: 'GET', url: `${base}${path}`, headers: {}, body: { type: 'none' } });

describe('send', () => {
  it('reads an ordinary answer whole', async () => {
    const res = await send(get('/ok'));
    expect(new TextDecoder().decode(res.body)).toBe('{"ok":true}');
  });

  it('refuses a 50 MB answer announced by Content-Length, at the 32 MB cap', async () => {
    expect(MAX_RESPONSE_BYTES).toBe(32 * MB);
    const error = await send(get('/declared-50mb')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toMatch(/larger than 32 MB/);
    expect((error as NetworkError).cancelled).toBe(false);
  });

  it('cuts a 50 MB answer without Content-Length once it passes the cap, without reading the rest', async () => {
    const error = await send(get('/chunked-50mb')).catch((e: unknown) => e);
    expect((error as NetworkError).message).toMatch(/larger than 32 MB/);
    expect((error as NetworkError).hint).toMatch(/fewer or smaller images/);
    // The client cancels the body: the server sees the connection close before it wrote everything.
    await vi.waitFor(() => expect(closed).toBe(true), { timeout: 20_000 });
    expect(written).toBeLessThan(50 * MB);
  });

  it('ends a request that never answers at its time limit, with a plain message', async () => {
    const started = Date.now();
    const error = await send(get('/never'), { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toBe('No complete answer within 0.1 s, so the playground stopped waiting.');
    expect((error as NetworkError).cancelled).toBe(false);
    expect((error as NetworkError).hint).toMatch(/Retry/);
    // Its own 150 ms limit, not the default 180 s one (a bound no load comes near).
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('ends an answer that stops halfway at the same time limit', async () => {
    const error = await send(get('/headers-then-silence'), { timeoutMs: 1500 }).catch((e: unknown) => e);
    expect((error as NetworkError).message).toMatch(/No complete answer within 1.5 s/);
  });

  it('says the default limit in whole seconds', () => {
    expect(timeoutError(DEFAULT_TIMEOUT_MS).message).toBe('No complete answer within 180 s, so the playground stopped waiting.');
  });

  it('still reports a cancel as a cancel, not as a timeout', async () => {
    const controller = new AbortController();
    const arrived = nextNever();
    const pending = send(get('/never'), { signal: controller.signal, timeoutMs: 60_000 });
    await arrived;
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect((error as NetworkError).cancelled).toBe(true);
  });
});
