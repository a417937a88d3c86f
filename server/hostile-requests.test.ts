/**
 * Requests meant to take the server down: a chunked body over the cap (no Content-Length to
 * refuse up front), a handler that throws, and the malformed requests Node itself answers
 * (400, 431). Each gets an answer with the security headers, and the server keeps serving.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServer } from './app-server';
import { guardServer } from './http-guard';
import { MAX_REQUEST_BYTES } from './proxy';
import { loopbackPolicy, UPSTREAM_HOST } from './proxy-test-helpers';
import { MAX_BODY_BYTES } from './sandbox/http';

let dir = '';
let server: Server;
let port = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hostile-requests-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><p>app</p>');
  // The proxy's one target resolves to 127.0.0.1 in the test's resolver; the body cap comes first.
  server = createAppServer({ distDir: dir, loopbackOnly: true, proxy: { targets: { known: { hosts: [UPSTREAM_HOST], anyPublicHttpsHost: false, responseHeaders: [] } }, ...loopbackPolicy() } });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
  rmSync(dir, { recursive: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
}

/** POSTs `total` bytes in 1 MB chunks with Transfer-Encoding: chunked; resolves with the answer. */
function postChunked(path: string, total: number, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers } });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    // The server may close before every chunk is sent: that is the point.
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

/** Raw bytes on a fresh socket; resolves with what came back before the server closed. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let text = '';
    socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

async function stillServing(): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/sandbox/_control`);
  expect(res.status).toBe(200);
}

describe('requests meant to take the server down', () => {
  it('a chunked body over the twins’ cap gets 413 and the server keeps serving', async () => {
    const answer = await postChunked('/sandbox/_control', MAX_BODY_BYTES + 4 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    await stillServing();
  });

  it('a chunked body over the proxy’s cap gets 413 and the server keeps serving', async () => {
    const answer = await postChunked('/proxy/known/v1/x', MAX_REQUEST_BYTES + 4 * 1024 * 1024, {
      'x-playground-target': `https://${UPSTREAM_HOST}`,
      'sec-fetch-site': 'same-origin',
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    await stillServing();
  });

  it('Node’s own 400 and 431 answers carry the security headers', async () => {
    const bad = await raw('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n');
    expect(bad).toMatch(/^HTTP\/1\.1 400 /);
    expect(bad).toMatch(/\r\ncontent-security-policy: default-src 'self'/i);
    expect(bad).toMatch(/\r\nx-content-type-options: nosniff/i);
    const huge = await raw(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toMatch(/\r\ncontent-security-policy: default-src 'self'/i);
    await stillServing();
  });
});

describe('guardServer', () => {
  it('answers 500 when a handler throws or rejects, and keeps serving', async () => {
    const guarded = createServer();
    guardServer(guarded, { 'x-content-type-options': 'nosniff' }, (req, res) => {
      if (req.url === '/throw') throw new Error('boom');
      if (req.url === '/reject') return Promise.reject(new Error('boom'));
      res.end('ok');
    });
    await new Promise<void>((r) => guarded.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(guarded.address() as AddressInfo).port}`;
    try {
      for (const path of ['/throw', '/reject']) {
        const res = await fetch(base + path);
        expect(res.status).toBe(500);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(await res.text()).not.toContain('boom');
      }
      expect(await (await fetch(`${base}/`)).text()).toBe('ok');
    } finally {
      guarded.closeAllConnections();
      guarded.close();
    }
  });
});
