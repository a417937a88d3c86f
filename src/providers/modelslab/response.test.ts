import { describe, expect, it } from 'vitest';
import success from '../fixtures/modelslab/img2img-success.json';
import processing from '../fixtures/modelslab/processing.json';
import processingOutputString from '../fixtures/modelslab/processing-output-string.json';
import fetchProcessing from '../fixtures/modelslab/fetch-processing.json';
import fetchSuccess from '../fixtures/modelslab/fetch-success.json';
import fetchSuccessV3 from '../fixtures/modelslab/fetch-success-v3.json';
import failed from '../fixtures/modelslab/failed.json';
import invalidRequest from '../fixtures/modelslab/error-invalid-request.json';
import rateLimited from '../fixtures/modelslab/rate-limited-429.json';
import successBase64 from '../fixtures/modelslab/success-base64.json';
import { modelslab } from './provider';
import { parseModelslabResponse as parse } from './response';
import { jsonResponse, textResponse } from '../shared/fake-response';

const IMAGE = 'https://pub-8b49af329fae499aa563997f5d4068a4.r2.dev/generations/0-4d8a3c36-2a61-4e4c-9a2b-8b2f3c1d5e7f.png';

describe('ModelsLab parseResponse: results', () => {
  it("reads seed 002's success answer", () => {
    expect(parse(jsonResponse(200, success))).toEqual({
      kind: 'images',
      images: [{ type: 'url', url: 'https://pub-8b49af329fae499aa563997f5d4068a4.r2.dev/generations/6ef3f81f-14e1-4835-b07a-e00dbe80b6ff-0.png' }],
      seed: 2916174600,
      meta: success.meta,
      generationTime: 11.025346279144287,
      providerId: '13443927',
    });
  });

  it('marks .base64 output links as base64 text', () => {
    expect(parse(jsonResponse(200, successBase64))).toEqual({
      kind: 'images',
      images: [
        {
          type: 'url',
          url: 'https://pub-8b49af329fae499aa563997f5d4068a4.r2.dev/generations/9a1b2c3d-0000-4000-8000-000000000001-0.base64',
          base64Text: true,
        },
      ],
      seed: 42,
      meta: { seed: 42, W: 512, H: 512 },
      generationTime: 3.2,
      providerId: '13443999',
    });
  });

  it('reads a queued answer: messege, eta, the v3 fetch_result and future_links', () => {
    expect(parse(jsonResponse(200, processing))).toEqual({
      kind: 'queued',
      id: '29763508',
      eta: 13.07,
      message: 'Try to fetch request after seconds estimated',
      fetchUrl: 'https://stablediffusionapi.com/api/v3/dreambooth/fetch/29763508',
      futureLinks: [IMAGE],
      meta: processing.meta,
    });
  });

  it('reads a queued answer with "output": "" and tip_1', () => {
    expect(parse(jsonResponse(200, processingOutputString))).toEqual({
      kind: 'queued',
      id: '29763510',
      eta: 8,
      message: 'Try to fetch request after seconds estimated',
      fetchUrl: 'https://stablediffusionapi.com/api/v3/dreambooth/fetch/29763510',
    });
  });

  it('takes the id from fetch_result when the answer has none', () => {
    const { id: _id, ...noId } = processing;
    expect(parse(jsonResponse(200, noId))).toMatchObject({ kind: 'queued', id: '29763508' });
  });

  it('reads fetch answers: still running, done, done with v3 extras', () => {
    const fetchParse = modelslab.parseFetchResponse;
    expect(fetchParse?.(jsonResponse(200, fetchProcessing))).toEqual({ kind: 'queued', id: '29763508', message: 'Request processing' });
    expect(fetchParse?.(jsonResponse(200, fetchSuccess))).toEqual({
      kind: 'images',
      images: [{ type: 'url', url: IMAGE }],
      providerId: '29763508',
    });
    expect(fetchParse?.(jsonResponse(200, fetchSuccessV3))).toEqual({
      kind: 'images',
      images: [{ type: 'url', url: IMAGE }],
      seed: 1234567890,
      meta: fetchSuccessV3.meta,
      generationTime: 14.07,
      providerId: '29763508',
    });
  });

  it('accepts inline base64 output', () => {
    expect(parse(jsonResponse(200, { status: 'success', id: 5, output: ['data:image/png;base64,iVBORw0KGgoAAAANSUhEUg=='] }))).toEqual({
      kind: 'images',
      images: [{ type: 'base64', data: 'iVBORw0KGgoAAAANSUhEUg==', mime: 'image/png' }],
      providerId: '5',
    });
  });
});

describe('ModelsLab parseResponse: failures', () => {
  it('turns "failed" into a server error with the provider message', () => {
    expect(parse(jsonResponse(200, failed))).toEqual({
      kind: 'error',
      error: {
        kind: 'server',
        message: 'ModelsLab could not generate the image: "Something went wrong while generating the image".',
        hint: 'Send the request again; if it keeps failing, try another model or other parameter values.',
        providerId: '29763508',
      },
    });
  });

  it('turns "error" at HTTP 200 into an invalid-request error', () => {
    expect(parse(jsonResponse(200, invalidRequest))).toEqual({
      kind: 'error',
      error: {
        kind: 'invalid',
        message: 'ModelsLab rejected the request: "Invalid API Request".',
        hint: 'Fix the field the message names and resend.',
        status: 200,
      },
    });
  });

  it('classifies "error" by its text, from message or messege', () => {
    const kindOf = (body: unknown, status = 200) => {
      const r = parse(jsonResponse(status, body));
      return r.kind === 'error' ? r.error.kind : r.kind;
    };
    expect(kindOf({ status: 'error', message: 'Invalid Api Key' })).toBe('auth');
    expect(kindOf({ status: 'error', messege: 'API key is missing' })).toBe('auth');
    expect(kindOf({ status: 'error', message: 'Insufficient credits, please recharge' })).toBe('credits');
    expect(kindOf({ status: 'error', messege: 'Your wallet balance is low' })).toBe('credits');
    expect(kindOf({ status: 'error', message: 'Daily limit reached' })).toBe('credits');
    expect(kindOf({ status: 'error', message: 'Rate limit exceeded' })).toBe('rate_limit');
    expect(kindOf({ status: 'error', message: { width: ['The width may not be greater than 1024.'] } })).toBe('invalid');
  });

  it('reads a 429 with retry_after, and a Retry-After header', () => {
    expect(parse(jsonResponse(429, rateLimited))).toEqual({
      kind: 'error',
      error: {
        kind: 'rate_limit',
        message: 'ModelsLab is receiving too many requests from this key (HTTP 429): "Rate limit exceeded. Please try again later.".',
        hint: 'Wait 30 s and retry.',
        status: 429,
        retryAfter: 30,
      },
    });
    const { retry_after: _r, ...noBodyRetry } = rateLimited;
    expect(parse(jsonResponse(429, noBodyRetry, { 'retry-after': '12' }))).toMatchObject({
      kind: 'error',
      error: { kind: 'rate_limit', retryAfter: 12, hint: 'Wait 12 s and retry.' },
    });
  });

  it('reads the 401, 402, 403, 500 and 503 bodies by their status', () => {
    const kindOf = (status: number, message: string) => {
      const r = parse(jsonResponse(status, { status: 'error', message }));
      return r.kind === 'error' ? [r.error.kind, r.error.status] : r.kind;
    };
    expect(kindOf(401, 'Unauthorized')).toEqual(['auth', 401]);
    expect(kindOf(402, 'Payment required')).toEqual(['credits', 402]);
    expect(kindOf(403, 'Forbidden')).toEqual(['auth', 403]);
    expect(kindOf(500, 'Internal server error')).toEqual(['server', 500]);
    expect(kindOf(503, 'Service unavailable')).toEqual(['server', 503]);
    expect(kindOf(400, 'The model_id field is required.')).toEqual(['invalid', 400]);
  });

  it('reports a non-JSON body by its status', () => {
    expect(parse(textResponse(502, '<html><head><title>502 Bad Gateway</title></head></html>', 'text/html'))).toEqual({
      kind: 'error',
      error: {
        kind: 'server',
        message: 'ModelsLab failed on its side (HTTP 502): "502 Bad Gateway".',
        hint: 'Retry in a minute; if it keeps failing, try other parameter values.',
        status: 502,
      },
    });
    expect(parse(textResponse(429, 'slow down', 'text/plain', { 'retry-after': '5' }))).toMatchObject({
      kind: 'error',
      error: { kind: 'rate_limit', retryAfter: 5 },
    });
    expect(parse(textResponse(200, 'OK'))).toMatchObject({ kind: 'error', error: { kind: 'unknown' } });
  });

  it('reports success without images as unknown', () => {
    expect(parse(jsonResponse(200, { status: 'success', id: 1, output: [] }))).toMatchObject({
      kind: 'error',
      error: { kind: 'unknown', providerId: '1' },
    });
  });
});
