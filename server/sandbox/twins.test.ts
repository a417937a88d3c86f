/**
 * A twin is one file plus one entry in `twins`: a throwaway fourth twin, written against the same
 * handler signature, is routed, listed, and accepted by failNext with no other edit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from './http';
import type { Reply, TwinRequest } from './http';
import { twins } from './index';
import { postJson, setControl, startTwin } from './test-helpers';
import type { RunningServer } from './test-helpers';
import type { Twin, TwinDef } from './twin';

function handleEcho(twin: Twin, req: TwinRequest): Reply {
  const failure = twin.control.takeFailure('echo');
  if (failure) return json(failure.status, { error: 'injected' });
  return json(200, { path: req.path, method: req.method });
}

const echo: TwinDef = { id: 'echo', endpoints: ['POST /sandbox/echo/api/run'], handle: handleEcho };

let server: RunningServer;
beforeAll(async () => {
  server = await startTwin({ twins: [...twins, echo] });
});
afterAll(() => server.close());

describe('the list of twins', () => {
  it('serves a fourth twin at /sandbox/<id>/ and lists its endpoints', async () => {
    const res = await postJson(`${server.base}/sandbox/echo/api/run`, {});
    expect(await res.json()).toEqual({ path: '/sandbox/echo/api/run', method: 'POST' });
    const index = (await (await fetch(`${server.base}/sandbox/`)).json()) as { endpoints: string[] };
    expect(index.endpoints).toContain('POST /sandbox/echo/api/run');
    expect(index.endpoints).toContain('POST /sandbox/segmind/v1/sd1.5-img2img');
  });

  it("takes failNext's provider list from the twins", async () => {
    await setControl(server.base, { failNext: { provider: 'echo', status: 503 } });
    expect((await postJson(`${server.base}/sandbox/echo/api/run`, {})).status).toBe(503);
    const unknown = await postJson(`${server.base}/sandbox/_control`, { failNext: { provider: 'nope', status: 500 } });
    const ids = [...twins.map((t) => t.id), 'echo'].join(', ');
    expect(((await unknown.json()) as { error: string }).error).toBe(`failNext.provider must be one of ${ids} or *`);
  });

  it('serves every twin under its own id', () => {
    expect(new Set(twins.map((t) => t.id)).size).toBe(twins.length);
    expect(twins.map((t) => t.id)).toEqual(expect.arrayContaining(['dreamrender', 'modelslab', 'segmind', 'a1111']));
    for (const t of twins) for (const endpoint of t.endpoints) expect(endpoint).toMatch(new RegExp(`^(GET|POST|PUT)(\\|POST)? /sandbox/${t.id}/`));
  });
});
