import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../types';
import { getEndpoint, getProvider } from '../registry';
import { redactRequest } from '../redact';
import { buildCancelRequest, buildResultRequest, buildSchemaRequest, buildStatusRequest, FAL_KEY } from './request';
import { parseFalResponse } from './response';

const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: new TextEncoder().encode(JSON.stringify(body)),
});
const JOB = 'fal-ai/flux/requests/764cabcf-b745-4b3e-ae38-1200304cf45b';

describe('fal requests', () => {
  it('submits the bare input to the queue under the endpoint id, the key as `Key`', () => {
    const e = getEndpoint('fal/fal-ai/flux/schnell')!;
    const req = e.buildRequest({ params: e.schema.parse({ prompt: 'a fox', seed: 7 }), key: 'id:secret', baseUrl: 'https://queue.fal.run' });
    expect(req).toMatchObject({ method: 'POST', url: 'https://queue.fal.run/fal-ai/flux/schnell', headers: { Authorization: 'Key id:secret' } });
    expect(req.body.type === 'json' && Object.keys(req.body.value)).toEqual([
      'num_inference_steps', 'prompt', 'image_size', 'seed', 'guidance_scale', 'sync_mode', 'num_images', 'enable_safety_checker', 'output_format', 'acceleration',
    ]);
    expect(redactRequest(req, FAL_KEY, '<KEY>').headers.Authorization).toBe('Key <KEY>');
  });

  it('follows a request under owner/app: status with logs, result, cancel', () => {
    const args = { id: JOB, key: 'k', baseUrl: 'https://queue.fal.run' };
    expect(buildStatusRequest(args)).toMatchObject({ method: 'GET', url: `https://queue.fal.run/${JOB}/status?logs=1` });
    expect(buildResultRequest(args).url).toBe(`https://queue.fal.run/${JOB}`);
    expect(buildCancelRequest(args)).toMatchObject({ method: 'PUT', url: `https://queue.fal.run/${JOB}/cancel` });
    expect(() => buildStatusRequest({ ...args, id: '../../x' })).toThrow();
    expect(buildSchemaRequest({ endpointId: 'fal-ai/flux-pro/v1/fill', baseUrl: 'https://fal.ai' }).url).toBe('https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=fal-ai%2Fflux-pro%2Fv1%2Ffill');
    expect(getProvider('fal')?.buildResultRequest).toBe(buildResultRequest);
  });
});

describe('fal answers', () => {
  it('a submit is queued under its owner/app request path', () => {
    const submitted = getEndpoint('fal/fal-ai/flux-pro/v1/fill')!.parseResponse(
      res(200, { status: 'IN_QUEUE', request_id: '764cabcf-b745-4b3e-ae38-1200304cf45b', queue_position: 2, response_url: 'x', status_url: 'y', cancel_url: 'z' }),
    );
    expect(submitted).toMatchObject({ kind: 'queued', id: 'fal-ai/flux-pro/requests/764cabcf-b745-4b3e-ae38-1200304cf45b', message: 'In the queue, position 2.' });
  });

  it('a status shows the queue position or the last log, and COMPLETED asks for the result', () => {
    expect(parseFalResponse(res(202, { status: 'IN_PROGRESS', request_id: 'r-12345678', logs: [{ message: 'step 3/4', level: 'INFO' }] }))).toMatchObject({ kind: 'queued', message: 'step 3/4' });
    expect(parseFalResponse(res(200, { status: 'COMPLETED', request_id: 'r-12345678', logs: [] }))).toMatchObject({ kind: 'queued', ready: true });
  });

  it('a result gives its images and seed', () => {
    const out = parseFalResponse(res(200, { images: [{ url: 'https://v3.fal.media/files/a/b.jpeg', width: 1024, height: 768, content_type: 'image/jpeg' }], timings: { inference: 0.4 }, seed: 99, has_nsfw_concepts: [false], prompt: 'a fox' }));
    expect(out).toMatchObject({ kind: 'images', images: [{ type: 'url', url: 'https://v3.fal.media/files/a/b.jpeg' }], seed: 99, generationTime: 0.4 });
  });

  it('maps the documented errors: 401, 422 with its detail list, 429 with its retry hint', () => {
    expect(parseFalResponse(res(401, { detail: 'No user found for Key ID and Secret' }))).toMatchObject({ error: { kind: 'auth' } });
    const invalid = parseFalResponse(res(422, { detail: [{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' }] }));
    expect(invalid).toMatchObject({ error: { kind: 'invalid', status: 422 } });
    expect(invalid.kind === 'error' && invalid.error.message).toContain('prompt: field required');
    expect(parseFalResponse(res(429, { detail: 'Too many requests' }, { 'retry-after': '12' }))).toMatchObject({ error: { kind: 'rate_limit', retryAfter: 12 } });
  });
});
