/** Helpers for the twins' HTTP tests: a real server on 127.0.0.1, small request builders. */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';
import { isBlockedAddress } from '../net/address';
import type { AddressPolicy } from '../net/pinned';
import { createSandboxMiddleware } from './index';
import type { SandboxOptions } from './index';
import { decodeImage } from './jpeg';
import type { OutboundState } from './outbound';
import type { Raster } from './raster';

export interface RunningServer {
  base: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Outbound policy for tests whose image host or webhook receiver runs on 127.0.0.1: that one
 * address is allowed, everything else is checked as in production.
 */
export const LOOPBACK_RECEIVERS: AddressPolicy = { isBlocked: (address) => address !== '127.0.0.1' && isBlockedAddress(address) };

/** A twin behind node:http; requests outside /sandbox/ get 418 from the fallback. */
export function startTwin(options: SandboxOptions = {}): Promise<RunningServer> {
  const sandbox = createSandboxMiddleware({ corsOrigins: [], ...options });
  return listen(
    createServer((req, res) =>
      sandbox(req, res, () => {
        res.writeHead(418, { 'content-type': 'text/plain' });
        res.end('not the sandbox');
      }),
    ),
  );
}

export interface Received {
  body: unknown;
  at: number;
}

/** A webhook receiver or static file server on 127.0.0.1. */
export async function startReceiver(files: Record<string, Uint8Array> = {}): Promise<RunningServer & { received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const file = files[req.url ?? ''];
      if (req.method === 'GET' && file) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(file);
        return;
      }
      if (req.method === 'POST') received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'), at: Date.now() });
      res.writeHead(req.method === 'POST' ? 200 : 404);
      res.end();
    });
  });
  return { ...(await listen(server)), received };
}

/** As the playground's page sends it: a same-origin POST carries its Origin. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(url).origin, ...headers }, body: JSON.stringify(body) });
}

export function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return fetch(url, { method: 'POST', body: form, headers: { origin: new URL(url).origin } });
}

export async function setControl(base: string, settings: unknown): Promise<Record<string, unknown>> {
  const res = await postJson(`${base}/sandbox/_control`, settings);
  if (res.status !== 200) throw new Error(`control ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The twin's outbound log and count of pending webhooks (GET /sandbox/_control/outbound). */
export async function outboundOf(base: string): Promise<OutboundState> {
  const res = await fetch(`${base}/sandbox/_control/outbound`);
  if (res.status !== 200) throw new Error(`outbound ${res.status}: ${await res.text()}`);
  return (await res.json()) as OutboundState;
}

/** Polls the outbound state until `done` holds for it: a state to wait for, not a time. */
export function outboundWhen(base: string, done: (state: OutboundState) => boolean): Promise<OutboundState> {
  return vi.waitFor(
    async () => {
      const state = await outboundOf(base);
      if (!done(state)) throw new Error(`the twin's outbound state is not there yet: ${JSON.stringify(state)}`);
      return state;
    },
    { timeout: 20_000, interval: 20 },
  );
}

export async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer());
}

export async function imageOf(res: Response): Promise<Raster> {
  return decodeImage(await bytesOf(res));
}

export async function download(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  return bytesOf(res);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}
