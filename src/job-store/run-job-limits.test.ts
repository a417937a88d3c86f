/**
 * The job runner's result handling against a real HTTP server on loopback (the
 * real fetch wrapper, the real ModelsLab and DreamRender adapters, the store on fake-indexeddb).
 */
import 'fake-indexeddb/auto';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEndpoint, getProvider } from '../providers/registry';
import type { ProviderDef } from '../providers/types';
import type { JobRecord } from './job-record';
import { getImageBlob } from './store';
import { submitJob } from './run-job';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(localStorage.length)</script></svg>';
let answer: (res: ServerResponse) => void = (res) => res.end();
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function run(providerId: string, endpointId: string, provider?: Partial<ProviderDef>) {
  const endpoint = getEndpoint(endpointId)!;
  return submitJob({
    provider: { ...getProvider(providerId)!, ...provider },
    endpoint,
    params: { ...endpoint.initialValues, prompt: 'limits' },
    mode: 'live',
    route: { baseUrl: base, key: 'test-key-not-real' },
  });
}

describe('the job runner keeps only what it may', () => {
  it('keeps the documented maximum of 4 images from an answer with 1000', async () => {
    const output = Array.from({ length: 1000 }, () => `data:image/png;base64,${PNG.toString('base64')}`);
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', id: 1, output }));
    const job = await run('modelslab', 'modelslab/text2img');
    expect(job.status).toBe('done');
    expect(job.images).toHaveLength(4);
    expect(job.images.at(-1)?.note).toBe('The provider sent 1000 images; at most 4 are documented, so only the first 4 were kept.');
    expect((await getImageBlob(job.images[0]!.id))?.type).toBe('image/png');
  });

  it('fails the job with a plain message when the answer is an SVG claiming to be a PNG, and stores nothing', async () => {
    answer = (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(SVG);
    const job = await run('dreamrender', 'dreamrender/generate_image');
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/not an image \(PNG, JPEG, WebP, GIF or AVIF\)/);
    expect(job.images).toEqual([]);
  });

  it('fails the job when a data URL holds HTML', async () => {
    const output = [`data:image/png;base64,${Buffer.from('<html><script>1</script></html>').toString('base64')}`];
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', id: 2, output }));
    const job = await run('modelslab', 'modelslab/text2img');
    expect(job.status).toBe('failed');
    expect(job.images).toEqual([]);
  });

  it('ends a request that never answers at the provider\'s time limit, failed and retryable', async () => {
    answer = () => undefined;
    const job = await run('modelslab', 'modelslab/text2img', { timeoutMs: 300 });
    expect(job.status).toBe('failed');
    expect(job.error?.message).toBe('No complete answer within 0.3 s, so the playground stopped waiting.');
    expect(job.error?.hint).toMatch(/Retry sends the same parameters and seed again/);
  });
});

describe('a job whose init image is prepared first', () => {
  it('holds no request until one leaves: one that fails while preparing has none, and nothing reached the server', async () => {
    let asked = 0;
    answer = (res) => {
      asked++;
      res.writeHead(500).end();
    };
    const endpoint = getEndpoint('modelslab/img2img')!;
    let created: JobRecord | undefined;
    const job = await submitJob({
      provider: getProvider('modelslab')!,
      endpoint,
      // A stored image that is gone (cleared in another tab, say): preparing fails before sending.
      params: { ...endpoint.initialValues, prompt: 'gone', init_image: 'local-image:no-such-image;image/jpeg;1024x768;1000' },
      mode: 'live',
      route: { baseUrl: base, key: 'test-key-not-real' },
      onCreated: (j) => (created = j),
    });
    expect(created?.status).toBe('sending');
    // The card shows at once; what it shows as "Request as sent" must have been sent.
    expect(created?.request).toBeUndefined();
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/^Not sent: init_image: the local image is no longer available/);
    expect(job.request).toBeUndefined();
    expect(asked).toBe(0);
  });
});
