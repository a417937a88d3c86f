/**
 * What the proxy's HTTP tests share: a certificate made for the test (no openssl needed: the
 * `selfsigned` package signs it with node's WebCrypto), an https upstream on 127.0.0.1, the proxy
 * on its own node:http server through the production bridge, and the test's address policy
 * (upstream.test resolves to the loopback upstream, which alone is allowed).
 */
import { createServer } from 'node:http';
import type { RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { isBlockedAddress } from './net/address';
import { toNodeListener } from './node-bridge';
import { createProxyHandler } from './proxy';
import type { ProxyOptions } from './proxy';
import type { ProxyTarget } from './proxy-targets';

/** The upstream's name: it exists only in the test's resolver. */
export const UPSTREAM_HOST = 'upstream.test';

export interface TestCertificate {
  cert: string;
  key: string;
}

/** A P-256 certificate for `host`, valid for two days, its own trust anchor (pass `cert` as the proxy's `ca`). */
export async function makeTestCertificate(host = UPSTREAM_HOST): Promise<TestCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 2 * 24 * 3600_000);
  const pems = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: host }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** An https server on 127.0.0.1 with that certificate. */
export async function startHttpsUpstream(tls: TestCertificate, handler: RequestListener): Promise<{ server: HttpsServer; port: number; close: () => Promise<void> }> {
  const server = createHttpsServer({ cert: tls.cert, key: tls.key }, handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => closeServer(server),
  };
}

export interface TestProxy {
  base: string;
  /** The proxy's log lines. */
  lines: string[];
  close: () => Promise<void>;
}

/** The proxy on its own node:http server on 127.0.0.1, through the same bridge the production server uses. */
export async function startProxy(targets: Record<string, ProxyTarget>, options: Partial<ProxyOptions> = {}): Promise<TestProxy> {
  const lines: string[] = [];
  const listener = toNodeListener(createProxyHandler({ targets, log: (l) => lines.push(l), ...options }));
  const server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lines,
    close: () => closeServer(server),
  };
}

/**
 * The test's address policy: UPSTREAM_HOST resolves to 127.0.0.1, which alone is let through the
 * production block list; any other name does not resolve. Every name asked is pushed to `asked`.
 */
export function loopbackPolicy(asked: string[] = []): Pick<ProxyOptions, 'addresses'> {
  return {
    addresses: {
      resolve: async (host) => {
        asked.push(host);
        if (host === UPSTREAM_HOST) return ['127.0.0.1'];
        throw new Error('ENOTFOUND');
      },
      isBlocked: (address) => address !== '127.0.0.1' && isBlockedAddress(address),
    },
  };
}

function closeServer(server: { closeAllConnections(): void; close(cb: () => void): unknown }): Promise<void> {
  return new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  });
}
