import { describe, expect, it } from 'vitest';
import curlFields from '../fixtures/dreamrender/curl-example-fields.json';
import { generateImageEndpoint } from './provider';
import { generateImageExample, generateImageSchema } from './schema';
import { bytesToBase64 } from '../shared/base64';
import { bytesResponse, jsonResponse, PNG_BYTES, textResponse } from '../shared/fake-response';

const BASE = 'https://endpoint.example.com';

describe('DreamRender buildRequest', () => {
  it('reproduces the cURL example field for field, in order', () => {
    const params = generateImageSchema.parse(generateImageExample);
    const req = generateImageEndpoint.buildRequest({ params, key: 'your-dev-key', baseUrl: BASE });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('https://endpoint.example.com/api/generate_image');
    expect(req.headers).toEqual({});
    expect(req.body).toEqual({ type: 'multipart', fields: curlFields });
  });

  it('starts the form from the cURL example', () => {
    expect(generateImageEndpoint.initialValues).toEqual({
      model: 'realisticVisionV60B1_v51VAE',
      prompt: 'shoe',
      width: 512,
      height: 512,
      seed: -1,
      styles: 'None',
      cfg_scale: 7,
      steps: 30,
      enable_hr: false,
      negative_prompt: '',
      prompt_temp: 0.8,
      prompt_top_p: 0.9,
      designer: false,
      enhance_prompt: true,
    });
  });

  it('leaves out optional fields that are not set and writes booleans as True/False', () => {
    const params = generateImageSchema.parse({ model: 'm', prompt: 'a cat', width: 768, height: 640, seed: 42, designer: true });
    const req = generateImageEndpoint.buildRequest({ params, key: 'test-key', baseUrl: 'http://localhost:5173/sandbox/dreamrender' });
    expect(req.url).toBe('http://localhost:5173/sandbox/dreamrender/api/generate_image');
    expect(req.body).toEqual({
      type: 'multipart',
      fields: [
        ['dev_key', 'test-key'],
        ['model', 'm'],
        ['prompt', 'a cat'],
        ['width', '768'],
        ['height', '640'],
        ['seed', '42'],
        ['designer', 'True'],
      ],
    });
  });

  it('validates the required fields and the chosen ranges', () => {
    expect(generateImageSchema.safeParse({ model: 'm', prompt: 'x', width: 512 }).success).toBe(false);
    expect(generateImageSchema.safeParse({ model: '', prompt: 'x', width: 512, height: 512 }).success).toBe(false);
    expect(generateImageSchema.safeParse({ model: 'm', prompt: 'x', width: 4096, height: 512 }).success).toBe(false);
    expect(generateImageSchema.safeParse({ model: 'm', prompt: 'x', width: 512, height: 512, prompt_top_p: 1.5 }).success).toBe(false);
    expect(generateImageSchema.safeParse({ model: 'm', prompt: 'x', width: 512, height: 512, seed: -2 }).success).toBe(false);
  });
});

describe('DreamRender parseResponse', () => {
  const parse = generateImageEndpoint.parseResponse;

  it('takes image bytes', () => {
    expect(parse(bytesResponse(200, PNG_BYTES, 'image/png'))).toEqual({
      kind: 'images',
      images: [{ type: 'bytes', bytes: PNG_BYTES, mime: 'image/png' }],
    });
  });

  it('sniffs image bytes sent without a content type', () => {
    expect(parse(bytesResponse(200, PNG_BYTES, undefined))).toEqual({
      kind: 'images',
      images: [{ type: 'bytes', bytes: PNG_BYTES, mime: 'image/png' }],
    });
  });

  it('takes JSON images: base64, data URLs and links', () => {
    const b64 = bytesToBase64(PNG_BYTES);
    expect(parse(jsonResponse(200, { image: b64, seed: 77 }))).toEqual({
      kind: 'images',
      images: [{ type: 'base64', data: b64, mime: 'image/png' }],
      seed: 77,
    });
    expect(parse(jsonResponse(200, { images: [`data:image/jpeg;base64,${b64}`, 'https://cdn.example.com/out.png'] }))).toEqual({
      kind: 'images',
      images: [
        { type: 'base64', data: b64, mime: 'image/jpeg' },
        { type: 'url', url: 'https://cdn.example.com/out.png' },
      ],
    });
  });

  it('turns a 401 into an auth error', () => {
    expect(parse(jsonResponse(401, { error: 'Invalid dev_key' }))).toEqual({
      kind: 'error',
      error: {
        kind: 'auth',
        message: 'DreamRender did not accept the API key (HTTP 401): "Invalid dev_key".',
        hint: 'Check the key in Settings: a missing, mistyped or revoked key gives this error.',
        status: 401,
      },
    });
  });

  it('turns a 400 into an invalid-request error, whichever key holds the text', () => {
    const byError = parse(jsonResponse(400, { error: 'width is required' }));
    expect(byError).toMatchObject({ kind: 'error', error: { kind: 'invalid', status: 400, hint: 'Fix the field the message names and resend.' } });
    expect(byError.kind === 'error' && byError.error.message).toBe('DreamRender rejected the request (HTTP 400): "width is required".');
    const byMessage = parse(jsonResponse(400, { message: 'Unknown model xyz' }));
    expect(byMessage.kind === 'error' && byMessage.error.message).toBe('DreamRender rejected the request (HTTP 400): "Unknown model xyz".');
    const byDetail = parse(jsonResponse(422, { detail: [{ loc: ['body', 'height'], msg: 'field required' }] }));
    expect(byDetail).toMatchObject({ kind: 'error', error: { kind: 'invalid', status: 422 } });
    expect(byDetail.kind === 'error' && byDetail.error.message).toBe('DreamRender rejected the request (HTTP 422): "height: field required".');
    expect(parse(jsonResponse(400, { error: 'dev_key is required' }))).toMatchObject({ kind: 'error', error: { kind: 'auth', status: 400 } });
  });

  it('reads server errors and a rate limit with Retry-After', () => {
    expect(parse(jsonResponse(500, { detail: 'CUDA out of memory' }))).toMatchObject({ kind: 'error', error: { kind: 'server', status: 500 } });
    expect(parse(jsonResponse(429, { error: 'Too many requests' }, { 'retry-after': '20' }))).toMatchObject({
      kind: 'error',
      error: { kind: 'rate_limit', retryAfter: 20, hint: 'Wait 20 s and retry.' },
    });
  });

  it('reports a non-2xx answer it cannot parse', () => {
    expect(parse(textResponse(502, '<html><title>502 Bad Gateway</title></html>', 'text/html'))).toEqual({
      kind: 'error',
      error: {
        kind: 'server',
        message: 'DreamRender failed on its side (HTTP 502): "502 Bad Gateway".',
        hint: 'Retry in a minute; if it keeps failing, try other parameter values.',
        status: 502,
      },
    });
    expect(parse(bytesResponse(403, new Uint8Array(), undefined))).toMatchObject({ kind: 'error', error: { kind: 'auth', status: 403 } });
  });

  it('treats a JSON error at HTTP 200 as an error, and an empty 200 as unknown', () => {
    expect(parse(jsonResponse(200, { error: 'Invalid dev_key' }))).toMatchObject({ kind: 'error', error: { kind: 'auth' } });
    expect(parse(jsonResponse(200, { ok: true }))).toMatchObject({ kind: 'error', error: { kind: 'unknown' } });
    expect(parse(textResponse(200, 'done'))).toMatchObject({ kind: 'error', error: { kind: 'unknown' } });
  });
});
