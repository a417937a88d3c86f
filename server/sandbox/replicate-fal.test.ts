/** The Replicate and fal twins over real HTTP on loopback: lifecycles, schemas, errors. */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeImage } from './jpeg';
import { download, postJson, setControl, startTwin } from './test-helpers';
import type { RunningServer } from './test-helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startTwin();
});
afterAll(() => server.close());
beforeEach(async () => {
  await postJson(`${server.base}/sandbox/_control/reset`, {});
});

const R = () => `${server.base}/sandbox/replicate`;
const F = () => `${server.base}/sandbox/fal-queue`;
const bearer = { Authorization: 'Bearer r8_test' };
const falKey = { Authorization: 'Key id:secret' };

/** Polls until `done` holds for the JSON answer (states, not time). */
function until<T>(get: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  return vi.waitFor(
    async () => {
      const v = await get();
      if (!done(v)) throw new Error(`not there yet: ${JSON.stringify(v).slice(0, 200)}`);
      return v;
    },
    { timeout: 20_000, interval: 10 },
  );
}

describe('the Replicate twin', () => {
  it('serves the curated models with their schema, and a newer version when the control says so', async () => {
    const res = await fetch(`${R()}/v1/models/black-forest-labs/flux-schnell`, { headers: bearer });
    const model = (await res.json()) as { latest_version: { id: string; openapi_schema: { components: { schemas: { Input: { properties: Record<string, unknown> } } } } } };
    expect(model.latest_version.id).toMatch(/^bf2f2e68/);
    expect(model.latest_version.openapi_schema.components.schemas.Input.properties).not.toHaveProperty('num_inference_steps');
    await postJson(`${R()}/_control`, { latest: { 'black-forest-labs/flux-schnell': 'c846a69991daf4c0e5d016514849d14ee5b2e6846ce6b9d6f21369e564cfe51e' } });
    const next = (await (await fetch(`${R()}/v1/models/black-forest-labs/flux-schnell`, { headers: bearer })).json()) as typeof model;
    expect(next.latest_version.openapi_schema.components.schemas.Input.properties).toHaveProperty('num_inference_steps');
    expect((await fetch(`${R()}/v1/models/nobody/nothing`, { headers: bearer })).status).toBe(404);
  });

  it('creates by name with Prefer: wait and answers with the finished prediction and its image', async () => {
    const res = await postJson(`${R()}/v1/models/black-forest-labs/flux-schnell/predictions`, { input: { prompt: 'a fox', seed: 7, aspect_ratio: '16:9' } }, { ...bearer, Prefer: 'wait=5' });
    expect(res.status).toBe(201);
    const p = (await res.json()) as { status: string; output: string[]; logs: string; version: string };
    expect(p).toMatchObject({ status: 'succeeded', version: 'hidden' });
    expect(p.logs).toContain('Using seed: 7');
    const image = decodeImage(await download(p.output[0]!));
    expect([image.width, image.height]).toEqual([1360, 768]);
  });

  it('without Prefer: wait, starts, processes and succeeds; a cancel before the end cancels it', async () => {
    // A minute's run: whatever the machine's load, it is still starting or processing when looked at.
    await postJson(`${R()}/_control`, { runMs: 60_000 });
    const slow = (await (await postJson(`${R()}/v1/models/black-forest-labs/flux-schnell/predictions`, { input: { prompt: 'x' } }, bearer)).json()) as { status: string; output: unknown; urls: { get: string; cancel: string } };
    expect(['starting', 'processing']).toContain(slow.status);
    expect(slow.output).toBeNull();
    const cancelled = (await (await fetch(slow.urls.cancel, { method: 'POST', headers: bearer })).json()) as { status: string };
    expect(cancelled.status).toBe('canceled');
    expect(((await (await fetch(slow.urls.get, { headers: bearer })).json()) as { status: string }).status).toBe('canceled');
    // A short run, polled until it has succeeded (a state, however long it takes).
    await postJson(`${R()}/_control`, { runMs: 300 });
    const created = (await (await postJson(`${R()}/v1/predictions`, { version: '7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc', input: { prompt: 'a fox', width: 512, height: 512 } }, bearer)).json()) as { id: string; status: string; urls: { get: string; cancel: string } };
    expect(['starting', 'processing', 'succeeded']).toContain(created.status);
    const done = await until(async () => (await (await fetch(created.urls.get, { headers: bearer })).json()) as { status: string; output: string[] }, (p) => p.status === 'succeeded');
    expect(done.output).toHaveLength(1);
  });

  it("starts a prediction's clock after its pictures are made: a short run is still starting when the create answer leaves", async () => {
    // Four 1360×768 pictures take the twin far longer than the 200 ms start; the run itself is instant.
    await postJson(`${R()}/_control`, { runMs: 0 });
    const res = await postJson(`${R()}/v1/models/black-forest-labs/flux-schnell/predictions`, { input: { prompt: 'a fox', aspect_ratio: '16:9', num_outputs: 4, output_format: 'png' } }, bearer);
    const p = (await res.json()) as { status: string; output: unknown; started_at: string | null };
    expect(p).toMatchObject({ status: 'starting', output: null, started_at: null });
  });

  it('answers 401, 422 with its invalid fields, and 429 with the retry hint', async () => {
    expect(await (await postJson(`${R()}/v1/predictions`, {}, {})).json()).toEqual({ title: 'Unauthenticated', detail: 'You did not pass an authentication token', status: 401 });
    const bad = await postJson(`${R()}/v1/models/black-forest-labs/flux-schnell/predictions`, { input: { num_outputs: 9, colour: 'red' } }, bearer);
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { invalid_fields: Array<{ type: string; field: string }> };
    expect(body.invalid_fields.map((f) => f.type).sort()).toEqual(['additional_property_not_allowed', 'number_lte', 'required']);
    await setControl(server.base, { failNext: { provider: 'replicate', status: 429, retryAfter: 12 } });
    const limited = await postJson(`${R()}/v1/models/black-forest-labs/flux-schnell/predictions`, { input: { prompt: 'x' } }, bearer);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('12');
    expect(((await limited.json()) as { detail: string }).detail).toBe('Request was throttled. Your rate limit resets in ~12s.');
    const community = await postJson(`${R()}/v1/models/stability-ai/sdxl/predictions`, { input: { prompt: 'x' } }, bearer);
    expect(community.status).toBe(422);
  });
});

describe('the fal twins', () => {
  it('serve the OpenAPI document per endpoint id', async () => {
    const doc = (await (await fetch(`${server.base}/sandbox/fal-schema/api/openapi/queue/openapi.json?endpoint_id=fal-ai/flux/schnell`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/fal-ai/flux/schnell');
    expect((await fetch(`${server.base}/sandbox/fal-schema/api/openapi/queue/openapi.json?endpoint_id=nobody/nothing`)).status).toBe(404);
  });

  it('run a request through the queue: IN_QUEUE with its position, IN_PROGRESS with logs, COMPLETED, result', async () => {
    await postJson(`${F()}/_control`, { queueMs: 100, runMs: 200 });
    const submit = await postJson(`${F()}/fal-ai/flux/schnell`, { prompt: 'a fox', seed: 5, image_size: 'square', num_inference_steps: 4 }, falKey);
    const queued = (await submit.json()) as { status: string; request_id: string; status_url: string; response_url: string; queue_position: number };
    expect(queued).toMatchObject({ status: 'IN_QUEUE', queue_position: 0 });
    expect(queued.status_url).toBe(`${F()}/fal-ai/flux/requests/${queued.request_id}/status`);
    const statuses = new Set<string>();
    const last = await until(async () => (await (await fetch(`${queued.status_url}?logs=1`, { headers: falKey })).json()) as { status: string; logs?: unknown[] }, (s) => (statuses.add(s.status), s.status === 'COMPLETED'));
    expect(last.logs).toHaveLength(4);
    const result = (await (await fetch(queued.response_url, { headers: falKey })).json()) as { images: Array<{ url: string; width: number; height: number }>; seed: number };
    expect(result.seed).toBe(5);
    expect(result.images[0]).toMatchObject({ width: 512, height: 512 });
    expect(decodeImage(await download(result.images[0]!.url)).width).toBe(512);
  });

  it('cancel a waiting request and answer 401, 422 with its detail list, 429 with Retry-After', async () => {
    await postJson(`${F()}/_control`, { queueMs: 60_000 });
    const q = (await (await postJson(`${F()}/fal-ai/flux/schnell`, { prompt: 'x' }, falKey)).json()) as { cancel_url: string };
    // Its result is not there yet: an error says so.
    expect((await fetch(q.cancel_url.replace(/\/cancel$/, ''), { headers: falKey })).status).toBe(400);
    const cancel = await fetch(q.cancel_url, { method: 'PUT', headers: falKey });
    expect(await cancel.json()).toEqual({ status: 'CANCELLATION_REQUESTED' });
    expect(await (await postJson(`${F()}/fal-ai/flux/schnell`, { prompt: 'x' }, { Authorization: 'Key invalid' })).json()).toEqual({ detail: 'No user found for Key ID and Secret' });
    const bad = (await (await postJson(`${F()}/fal-ai/flux-pro/v1/fill`, { prompt: 'x' }, falKey)).json()) as { detail: Array<{ loc: string[]; msg: string }> };
    expect(bad.detail).toContainEqual({ loc: ['body', 'image_url'], msg: 'field required', type: 'value_error.missing' });
    await setControl(server.base, { failNext: { provider: 'fal-queue', status: 429, retryAfter: 3 } });
    const limited = await postJson(`${F()}/fal-ai/flux/schnell`, { prompt: 'x' }, falKey);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
  });
});
