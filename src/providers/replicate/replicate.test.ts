import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../types';
import { getEndpoint } from '../registry';
import { buildCancelPrediction, buildGetPrediction, buildModelRequest, parseModelName } from './request';
import { parseModel, parsePrediction } from './response';
import schnell from '../fixtures/replicate/flux-schnell.model.json';

const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: new TextEncoder().encode(JSON.stringify(body)),
});

const prediction = (over: Record<string, unknown>) => ({
  id: 'gm3qorzdhgbfurvjtvhg6dckhu',
  model: 'black-forest-labs/flux-schnell',
  version: 'hidden',
  input: { prompt: 'a fox' },
  logs: '',
  output: null,
  error: null,
  status: 'starting',
  created_at: '2024-11-20T17:03:12.427329Z',
  urls: { get: 'https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu', cancel: 'https://api.replicate.com/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu/cancel' },
  ...over,
});

describe('Replicate requests', () => {
  it('creates an official model’s prediction by name, with Prefer: wait and the input wrapped', () => {
    const e = getEndpoint('replicate/black-forest-labs/flux-schnell')!;
    const req = e.buildRequest({ params: e.schema.parse({ prompt: 'a fox', seed: 42 }), key: 'r8_secret', baseUrl: 'https://api.replicate.com' });
    expect(req.url).toBe('https://api.replicate.com/v1/models/black-forest-labs/flux-schnell/predictions');
    expect(req.headers).toMatchObject({ Authorization: 'Bearer r8_secret', Prefer: 'wait=60', 'Content-Type': 'application/json' });
    expect(req.body).toEqual({
      type: 'json',
      value: { input: { prompt: 'a fox', aspect_ratio: '1:1', num_outputs: 1, seed: 42, output_format: 'webp', output_quality: 80, disable_safety_checker: false, go_fast: true, megapixels: '1' } },
    });
  });

  it('creates a community model’s prediction by version', () => {
    const e = getEndpoint('replicate/stability-ai/sdxl')!;
    const req = e.buildRequest({ params: e.schema.parse({ prompt: 'a fox' }), key: 'k', baseUrl: 'https://api.replicate.com' });
    expect(req.url).toBe('https://api.replicate.com/v1/predictions');
    expect(req.body.type === 'json' && req.body.value.version).toBe('7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc');
  });

  it('polls and cancels by the prediction id, and refuses anything else as an id', () => {
    expect(buildGetPrediction({ id: 'gm3qorzdhgbfurvjtvhg6dckhu', key: 'k', baseUrl: 'https://b' }).url).toBe('https://b/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu');
    expect(buildCancelPrediction({ id: 'gm3qorzdhgbfurvjtvhg6dckhu', key: 'k', baseUrl: 'https://b' })).toMatchObject({ method: 'POST', url: 'https://b/v1/predictions/gm3qorzdhgbfurvjtvhg6dckhu/cancel' });
    expect(() => buildGetPrediction({ id: '../../v1/account', key: 'k', baseUrl: 'https://b' })).toThrow();
  });

  it('reads a model name as the user types it', () => {
    expect(parseModelName(' stability-ai/sdxl ')).toEqual({ owner: 'stability-ai', name: 'sdxl' });
    expect(parseModelName('a/b:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc')?.version).toMatch(/^7762/);
    for (const bad of ['sdxl', 'a/b/c', 'a/b:v1', '../x/y', 'a/b:c:d']) expect(parseModelName(bad), bad).toBeUndefined();
    expect(buildModelRequest({ owner: 'stability-ai', name: 'sdxl', key: 'k', baseUrl: 'https://b' }).url).toBe('https://b/v1/models/stability-ai/sdxl');
  });
});

describe('Replicate answers', () => {
  it('a finished prediction gives its output URL or URLs, the seed from the logs and the predict time', () => {
    const one = parsePrediction(res(201, prediction({ status: 'succeeded', output: 'https://replicate.delivery/xezq/a/out-0.webp', logs: 'Using seed: 1234\n', metrics: { predict_time: 0.61 } })));
    expect(one).toMatchObject({ kind: 'images', images: [{ type: 'url', url: 'https://replicate.delivery/xezq/a/out-0.webp' }], seed: 1234, generationTime: 0.61, providerId: 'gm3qorzdhgbfurvjtvhg6dckhu' });
    const list = parsePrediction(res(200, prediction({ status: 'succeeded', output: ['https://replicate.delivery/a.webp', 'https://replicate.delivery/b.webp'] })));
    expect(list.kind === 'images' && list.images).toHaveLength(2);
  });

  it('a prediction still running is queued under its id, with its last log line', () => {
    expect(parsePrediction(res(201, prediction({ status: 'processing', logs: 'step 1/4\nstep 2/4' })))).toMatchObject({ kind: 'queued', id: 'gm3qorzdhgbfurvjtvhg6dckhu', message: 'step 2/4' });
  });

  it('maps the documented errors', () => {
    const unauth = parsePrediction(res(401, { title: 'Unauthenticated', detail: 'You did not pass an authentication token', status: 401 }));
    expect(unauth).toMatchObject({ kind: 'error', error: { kind: 'auth', status: 401 } });
    const invalid = parsePrediction(res(422, { detail: '- input: prompt is required\n', status: 422, title: 'Input validation failed', invalid_fields: [{ type: 'required', field: 'input', description: 'prompt is required' }] }));
    expect(invalid).toMatchObject({ kind: 'error', error: { kind: 'invalid' } });
    expect(invalid.kind === 'error' && invalid.error.message).toContain('input: prompt is required');
    const limited = parsePrediction(res(429, { detail: 'Request was throttled. Your rate limit resets in ~30s.', status: 429 }));
    expect(limited).toMatchObject({ kind: 'error', error: { kind: 'rate_limit', retryAfter: 30 } });
    expect(parsePrediction(res(404, { detail: 'The requested resource does not exist', status: 404 }))).toMatchObject({ error: { kind: 'not_found' } });
    expect(parsePrediction(res(200, prediction({ status: 'failed', error: 'CUDA out of memory' })))).toMatchObject({ kind: 'error' });
    expect(parsePrediction(res(200, prediction({ status: 'canceled' })))).toMatchObject({ kind: 'error', error: { kind: 'cancelled' } });
  });

  it('reads a model’s latest version and schema', () => {
    const m = parseModel(res(200, schnell));
    expect(m).toMatchObject({ version: 'bf2f2e683d03a9549f484a37a0df1581072b17c0b0db65c2b1526a3557ddbaf9', official: false });
    expect(parseModel(res(404, { detail: 'Not found.', status: 404 }))).toMatchObject({ kind: 'error', error: { kind: 'not_found' } });
  });
});
