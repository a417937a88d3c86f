import { describe, expect, it } from 'vitest';
import html405 from '../fixtures/segmind/method-not-allowed-405.html?raw';
import { parseSegmindResponse as parse } from './response';
import { bytesToBase64 } from '../shared/base64';
import { bytesResponse, JPEG_BYTES, jsonResponse, textResponse } from '../shared/fake-response';

const errorOf = (status: number, error: string, headers: Record<string, string> = {}) => {
  const r = parse(jsonResponse(status, { error }, headers));
  if (r.kind !== 'error') throw new Error(`expected an error, got ${r.kind}`);
  return r.error;
};

describe('Segmind parseResponse: images', () => {
  it('takes JPEG bytes with the seed, credits and time headers', () => {
    const res = bytesResponse(200, JPEG_BYTES, 'image/jpeg', {
      'x-seed-value': '165577282',
      'x-remaining-credits': '98.25',
      'x-generation-time': '2.41',
      'x-request-id': 'req-123',
    });
    expect(parse(res)).toEqual({
      kind: 'images',
      images: [{ type: 'bytes', bytes: JPEG_BYTES, mime: 'image/jpeg' }],
      seed: 165577282,
      credits: 98.25,
      generationTime: 2.41,
      providerId: 'req-123',
    });
  });

  it('tolerates a unit after a header number and ignores unreadable ones', () => {
    const res = bytesResponse(200, JPEG_BYTES, 'image/jpeg', { 'x-generation-time': '2.41s', 'x-remaining-credits': 'n/a' });
    expect(parse(res)).toEqual({
      kind: 'images',
      images: [{ type: 'bytes', bytes: JPEG_BYTES, mime: 'image/jpeg' }],
      generationTime: 2.41,
    });
  });

  it('takes {"image": base64} and the twin\'s {"image", "images"} for several samples', () => {
    const b64 = bytesToBase64(JPEG_BYTES);
    expect(parse(jsonResponse(200, { image: b64 }, { 'x-seed-value': '9' }))).toEqual({
      kind: 'images',
      images: [{ type: 'base64', data: b64, mime: 'image/jpeg' }],
      seed: 9,
    });
    const other = bytesToBase64(new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 1, 2, 3, 4, 5, 6, 7, 8]));
    expect(parse(jsonResponse(200, { image: b64, images: [b64, other] }))).toEqual({
      kind: 'images',
      images: [
        { type: 'base64', data: b64, mime: 'image/jpeg' },
        { type: 'base64', data: other, mime: 'image/jpeg' },
      ],
    });
  });
});

describe('Segmind parseResponse: errors', () => {
  it('401: the key', () => {
    expect(errorOf(401, 'Invalid API key')).toEqual({
      kind: 'auth',
      message: 'Segmind did not accept the API key (HTTP 401): "Invalid API key".',
      hint: 'Check the key in Settings: a missing, mistyped or revoked key gives this error.',
      status: 401,
    });
  });

  it('403: not permitted', () => {
    expect(errorOf(403, 'Insufficient permissions')).toMatchObject({ kind: 'auth', status: 403 });
  });

  it('404: unknown model', () => {
    expect(errorOf(404, 'Model not found')).toEqual({
      kind: 'not_found',
      message: 'Segmind could not find the model or endpoint (HTTP 404): "Model not found".',
      hint: 'Check the model name and the base URL in Settings.',
      status: 404,
    });
  });

  it('406: credits and spend limits apart from a bad content type', () => {
    expect(errorOf(406, 'Insufficient credits')).toMatchObject({
      kind: 'credits',
      hint: 'Top up credits (or raise the spending limit) in your account with the provider, then resend.',
    });
    expect(errorOf(406, 'You have reached your spend limit')).toMatchObject({ kind: 'credits', status: 406 });
    expect(errorOf(406, 'Invalid content type, expected application/json')).toMatchObject({ kind: 'invalid', status: 406 });
  });

  it('429: rate limited, with or without Retry-After', () => {
    expect(errorOf(429, 'Too many requests')).toEqual({
      kind: 'rate_limit',
      message: 'Segmind is receiving too many requests from this key (HTTP 429): "Too many requests".',
      hint: 'Wait a little and retry; send fewer requests at once.',
      status: 429,
    });
    expect(errorOf(429, 'Too many requests', { 'retry-after': '15' })).toMatchObject({ retryAfter: 15, hint: 'Wait 15 s and retry.' });
  });

  it('500: often a bad parameter value', () => {
    expect(errorOf(500, 'Internal Server Error')).toEqual({
      kind: 'server',
      message:
        'Segmind failed while generating the image (HTTP 500): "Internal Server Error" — this is often a parameter value the model does not accept.',
      hint: 'Check the parameter values (sizes, scheduler, steps, images), fix the odd one and resend.',
      status: 500,
    });
  });

  it('502 and 504: the gateway', () => {
    expect(errorOf(502, 'Bad Gateway')).toMatchObject({ kind: 'server', status: 502, hint: 'The service is busy or timed out; retry in a minute.' });
    expect(parse(textResponse(504, 'Gateway Timeout'))).toMatchObject({ kind: 'error', error: { kind: 'server', status: 504 } });
  });

  it('405: the HTML body', () => {
    expect(parse(textResponse(405, html405, 'text/html'))).toEqual({
      kind: 'error',
      error: {
        kind: 'invalid',
        message: 'Segmind does not accept this request method at this address (HTTP 405): "405 Not Allowed".',
        hint: 'Check the base URL in Settings: the endpoint must accept a POST.',
        status: 405,
      },
    });
  });

  it('400: a bad parameter', () => {
    expect(errorOf(400, 'img_width must be one of 512, 768, 1024')).toMatchObject({ kind: 'invalid', status: 400 });
  });

  it('a 200 without an image', () => {
    expect(parse(jsonResponse(200, { status: 'ok' }))).toMatchObject({ kind: 'error', error: { kind: 'unknown' } });
  });
});
