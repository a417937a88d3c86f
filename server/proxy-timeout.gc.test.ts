/**
 * The proxy's time limit fires even after a garbage collection (run in the `gc` Vitest project,
 * whose worker has --expose-gc). On Node 20 a timeout signal that only a combined signal
 * (AbortSignal.any) refers to is collected with its timer: the limit then never fired.
 */
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TARGET_HEADER } from './proxy';
import { loopbackPolicy, makeTestCertificate, startHttpsUpstream, startProxy, UPSTREAM_HOST } from './proxy-test-helpers';
import type { TestProxy } from './proxy-test-helpers';

const gc = (globalThis as { gc?: () => void }).gc;
let upstream: Awaited<ReturnType<typeof startHttpsUpstream>>;
let proxy: TestProxy;
const pending: IncomingMessage[] = [];

beforeAll(async () => {
  const tls = await makeTestCertificate();
  // Reads the request and never answers.
  upstream = await startHttpsUpstream(tls, (req) => {
    pending.push(req);
    req.resume();
  });
  proxy = await startProxy(
    { known: { hosts: [UPSTREAM_HOST], anyPublicHttpsHost: false, responseHeaders: [] } },
    { ...loopbackPolicy(), ca: tls.cert, timeoutMs: 1500, targetPort: upstream.port },
  );
});
afterAll(async () => {
  await proxy.close();
  await upstream.close();
});

it('answers 504 when the provider is silent, a garbage collection notwithstanding', async () => {
  expect(gc, 'this test needs node --expose-gc (the gc project)').toBeTypeOf('function');
  const answer = fetch(`${proxy.base}/proxy/known/v1/slow`, { headers: { [TARGET_HEADER]: `https://${UPSTREAM_HOST}:${upstream.port}` }, signal: AbortSignal.timeout(8000) });
  await expect.poll(() => pending.length).toBe(1);
  gc?.();
  const res = await answer;
  expect(res.status).toBe(504);
}, 15_000);
