/**
 * The client's fetch wrapper (src/api/http.ts) through the proxy's own code on loopback: a
 * failure of the proxy (DNS, refused target, TLS) reaches the job as the proxy's, with what
 * to check; a provider's own error answer passes through untouched, as the provider's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, send } from '../src/api/http';
import type { HttpRequest } from '../src/providers/types';
import { TARGET_HEADER } from './proxy';
import type { ProxyOptions } from './proxy';
import { loopbackPolicy, makeTestCertificate, startHttpsUpstream, startProxy as startProxyOn, UPSTREAM_HOST } from './proxy-test-helpers';
import type { TestProxy } from './proxy-test-helpers';

let cert = '';
let upstreamPort = 0;
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  const tls = await makeTestCertificate();
  cert = tls.cert;
  // The provider itself: it refuses the key, in its own words (and tries to pass as the proxy).
  const upstream = await startHttpsUpstream(tls, (req, res) => {
    req.resume();
    const body = '{"status":"error","message":"Invalid API key"}';
    res.writeHead(401, { 'content-type': 'application/json', 'content-length': String(body.length), 'x-playground-proxy': 'refused' });
    res.end(body);
  });
  upstreamPort = upstream.port;
  closers.push(upstream.close);
});

afterAll(async () => {
  for (const close of closers) await close();
});

const TARGETS = {
  known: { hosts: [UPSTREAM_HOST, 'nowhere.test'], anyPublicHttpsHost: false, responseHeaders: [] },
  open: { hosts: [], anyPublicHttpsHost: true, responseHeaders: [] },
};
const policy: Partial<ProxyOptions> = loopbackPolicy();

async function startProxy(options: Partial<ProxyOptions>): Promise<string> {
  const proxy: TestProxy = await startProxyOn(TARGETS, { targetPort: upstreamPort, ...options });
  closers.push(proxy.close);
  return proxy.base;
}

/** What run-job does for a proxied request: the same request, its URL rewritten onto the proxy. */
async function viaProxy(proxy: string, target: string, provider = 'known'): Promise<NetworkError | Awaited<ReturnType<typeof send>>> {
  const req: HttpRequest = { method: 'POST', url: `${target}/v1/generate`, headers: { 'content-type': 'application/json' }, body: { type: 'json', value: { prompt: 'p' } } };
  return send(req, { url: `${proxy}/proxy/${provider}/v1/generate`, extraHeaders: { [TARGET_HEADER]: target }, viaProxy: true }).catch((e: NetworkError) => e);
}

describe('a failure of the local proxy is told as the proxy\'s', () => {
  it('DNS: the name does not resolve', async () => {
    const error = await viaProxy(await startProxy({ ...policy, targetPort: 443 }), 'https://nowhere.test');
    expect(error).toBeInstanceOf(NetworkError);
    const e = error as NetworkError;
    expect(e.message).toBe("The local proxy (this playground's server, not the provider) could not complete the request: nowhere.test could not be resolved.");
    expect(e.hint).toMatch(/host name in Settings \(spelling, DNS\)/);
    expect(e.status).toBe(502);
  });

  it('a refused target: loopback', async () => {
    const e = (await viaProxy(await startProxy({ targetPort: 443 }), 'https://[::ffff:127.0.0.1]', 'open')) as NetworkError;
    expect(e.message).toMatch(/^The local proxy \(this playground's server, not the provider\) could not complete the request: The proxy does not forward to loopback/);
    expect(e.hint).toMatch(/Check the base URL in Settings/);
  });

  it('TLS: the host\'s certificate is not trusted', async () => {
    const e = (await viaProxy(await startProxy(policy), `https://upstream.test:${upstreamPort}`)) as NetworkError;
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.message).toMatch(/local proxy .* not the provider.*could not be reached \(network, DNS or TLS failure\)/);
    expect(e.hint).toMatch(/valid https certificate/);
  });

  it('an answer larger than the proxy passes on', async () => {
    const e = (await viaProxy(await startProxy({ ...policy, ca: cert, maxResponseBytes: 10 }), `https://upstream.test:${upstreamPort}`)) as NetworkError;
    expect(e.message).toMatch(/local proxy .* not the provider/);
    expect(e.hint).toMatch(/fewer or smaller images/);
  });

  it('the proxy not running at all', async () => {
    const e = (await viaProxy('http://127.0.0.1:9', 'https://upstream.test')) as NetworkError;
    expect(e.message).toMatch(/^The local proxy gave no answer \(.*\): is the playground's server still running\?/);
  });

  it('but the provider\'s own refusal passes through as the provider\'s answer', async () => {
    const res = await viaProxy(await startProxy({ ...policy, ca: cert }), `https://upstream.test:${upstreamPort}`);
    expect(res).not.toBeInstanceOf(NetworkError);
    const answer = res as Awaited<ReturnType<typeof send>>;
    expect(answer.status).toBe(401);
    expect(new TextDecoder().decode(answer.body)).toContain('Invalid API key');
  });
});
