import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodePng } from './png';
import { download, LOOPBACK_RECEIVERS, outboundWhen, postJson, setControl, startReceiver, startTwin } from './test-helpers';
import type { RunningServer } from './test-helpers';

type Answer = Record<string, unknown> & { status: string; id: number; output: string[] };

let twin: RunningServer;
let api: string;
beforeAll(async () => {
  twin = await startTwin({ outbound: LOOPBACK_RECEIVERS });
  api = `${twin.base}/sandbox/modelslab/api`;
});
afterAll(() => twin.close());
beforeEach(() => postJson(`${twin.base}/sandbox/_control/reset`, {}));

const job = { key: 'k', model_id: 'm', prompt: 'a tower at dawn', width: 128, height: 128, seed: 11 };

async function post(url: string, body: unknown): Promise<Answer> {
  const res = await postJson(url, body);
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

const QUEUE_MS = 400;
/** Long enough that a queued job is still processing however slow the machine. */
const NEVER_READY_MS = 600_000;

/** Fetches until the job is no longer processing (a state, not a wait of so many milliseconds). */
async function whenDone(url: string, body: unknown): Promise<Answer> {
  let answer: Answer | undefined;
  await vi.waitFor(
    async () => {
      answer = await post(url, body);
      expect(answer.status).not.toBe('processing');
    },
    { timeout: 20_000, interval: 25 },
  );
  return answer!;
}

const fetchForms = (queued: Answer): [string, unknown][] => [
  [`${api}/v4/dreambooth/fetch`, { key: 'k', request_id: queued.id }],
  [`${api}/v4/dreambooth/fetch/${queued.id}`, { key: 'k' }],
  [String(queued.fetch_result), { key: 'k' }],
];

describe('ModelsLab twin: queue', () => {
  it('queue "always": processing with eta, v3 fetch_result and future_links, through all three fetch forms', async () => {
    await setControl(twin.base, { queue: 'always', queueMs: NEVER_READY_MS });
    const queued = await post(`${api}/v4/dreambooth`, job);
    expect(queued).toMatchObject({ status: 'processing', eta: NEVER_READY_MS / 1000, messege: 'Try to fetch request after seconds estimated', webhook_status: '', output: [] });
    expect(queued.fetch_result).toBe(`${twin.base}/sandbox/modelslab/api/v3/dreambooth/fetch/${queued.id}`);
    expect(queued.meta).toMatchObject({ W: 128, H: 128, seed: 11 });
    const [future] = queued.future_links as string[];
    expect((await fetch(future ?? '')).status).toBe(404);
    for (const [url, body] of fetchForms(queued)) expect(await post(url, body)).toMatchObject({ status: 'processing', id: queued.id, messege: expect.any(String) });
  });

  it('queue "always": once ready, the image through all three fetch forms and at its future link', async () => {
    await setControl(twin.base, { queue: 'always', queueMs: QUEUE_MS });
    const queued = await post(`${api}/v4/dreambooth`, job);
    expect(queued.status).toBe('processing');
    const [future] = queued.future_links as string[];
    const forms = fetchForms(queued);
    await whenDone(...forms[0]!);
    for (const [url, body] of forms) {
      const done = await post(url, body);
      expect(done).toMatchObject({ status: 'success', id: queued.id, output: [future], meta: { seed: 11 } });
      expect(done.generationTime).toBeGreaterThanOrEqual(QUEUE_MS / 1000);
    }
    expect(decodePng(await download(future ?? '')).width).toBe(128);
  });

  it('request_id may be a numeric string; unknown ids answer failed; fetch needs a key', async () => {
    const done = await post(`${api}/v4/dreambooth`, job);
    expect((await post(`${api}/v4/dreambooth/fetch`, { key: 'k', request_id: String(done.id) })).status).toBe('success');
    expect(await post(`${api}/v4/dreambooth/fetch/999`, { key: 'k' })).toMatchObject({ status: 'failed', id: 999, message: expect.stringMatching(/not found/) });
    expect(await post(`${api}/v4/dreambooth/fetch`, { key: 'k' })).toMatchObject({ status: 'error', message: expect.stringMatching(/request_id/) });
    expect(await post(`${api}/v3/dreambooth/fetch/${done.id}`, {})).toMatchObject({ status: 'error' });
    expect(await post(`${api}/v3/dreambooth/fetch/${done.id}`, { key: 'invalid' })).toMatchObject({ status: 'error' });
  });

  it('queue "auto" queues only large jobs (samples > 1 or more than 512x512)', async () => {
    await setControl(twin.base, { queue: 'auto', queueMs: QUEUE_MS });
    expect((await post(`${api}/v4/dreambooth`, job)).status).toBe('success');
    expect((await post(`${api}/v4/dreambooth`, { ...job, samples: 2 })).status).toBe('processing');
    expect((await post(`${api}/v4/dreambooth`, { ...job, width: 768, height: 512 })).status).toBe('processing');
  });

  it('fetches do not consume failNext; reset forgets queued jobs', async () => {
    await setControl(twin.base, { queue: 'always', queueMs: 60000 });
    const queued = await post(`${api}/v4/dreambooth`, job);
    await setControl(twin.base, { failNext: { provider: 'modelslab', status: 500 } });
    expect((await post(`${api}/v4/dreambooth/fetch/${queued.id}`, { key: 'k' })).status).toBe('processing');
    expect((await postJson(`${api}/v4/dreambooth`, job)).status).toBe(500);
    await postJson(`${twin.base}/sandbox/_control/reset`, {});
    expect((await post(`${api}/v4/dreambooth/fetch/${queued.id}`, { key: 'k' })).status).toBe('failed');
  });

  it('failNext 200 on a queued job: processing first, then failed', async () => {
    await setControl(twin.base, { queue: 'always', queueMs: 100, failNext: { provider: 'modelslab', status: 200 } });
    const queued = await post(`${api}/v4/dreambooth`, job);
    expect(queued).toMatchObject({ status: 'processing', future_links: [] });
    expect(await whenDone(String(queued.fetch_result), { key: 'k' })).toMatchObject({ status: 'failed', id: queued.id });
  });
});

describe('ModelsLab twin: webhook', () => {
  it('posts the success payload (with track_id) when the job is ready, and the failure payload for failed jobs', async () => {
    const receiver = await startReceiver();
    try {
      await setControl(twin.base, { queue: 'always', queueMs: 200 });
      const submitted = Date.now();
      const queued = await post(`${api}/v4/dreambooth`, { ...job, webhook: `${receiver.base}/hook`, track_id: 'track-1' });
      await setControl(twin.base, { queue: 'never', failNext: { provider: 'modelslab', status: 200 } });
      const failed = await post(`${api}/v4/dreambooth`, { ...job, webhook: `${receiver.base}/hook`, track_id: 7 });
      await vi.waitFor(() => expect(receiver.received.length).toBeGreaterThanOrEqual(2), { timeout: 20_000, interval: 25 });
      const bodies = receiver.received.map((r) => r.body);
      expect(bodies).toContainEqual({ status: 'failed', id: failed.id, message: expect.any(String), track_id: 7 });
      const success = receiver.received.find((r) => (r.body as Answer).status === 'success');
      expect(success?.body).toMatchObject({ status: 'success', id: queued.id, output: queued.future_links, track_id: 'track-1', meta: { seed: 11 } });
      expect(success?.body).toHaveProperty('generationTime');
      expect((success?.at ?? 0) - submitted).toBeGreaterThanOrEqual(190);
    } finally {
      await receiver.close();
    }
  });

  it('a webhook nobody answers never hurts the twin', async () => {
    const done = await post(`${api}/v4/dreambooth`, { ...job, webhook: 'http://127.0.0.1:9/nothing' });
    expect(done.status).toBe('success');
    // The post fails (nothing listens on port 9) once the job is ready; the twin keeps answering (and
    // Vitest would report an unhandled rejection).
    const { decisions } = await outboundWhen(twin.base, (state) => state.pendingWebhooks === 0 && state.decisions.length === 1);
    expect(decisions).toEqual([{ kind: 'webhook', host: '127.0.0.1:9', outcome: 'failed' }]);
    expect((await post(`${api}/v4/dreambooth`, job)).status).toBe('success');
    expect((await post(`${api}/v4/dreambooth`, job)).status).toBe('success');
  });
});
