// Fixtures: hand-written in the shapes of the WebUI's modules/api code (no public capture exists).
import { describe, expect, it } from 'vitest';
import error401 from '../fixtures/a1111/error-401.json';
import error404Sampler from '../fixtures/a1111/error-404-sampler.json';
import error422 from '../fixtures/a1111/error-422.json';
import error500 from '../fixtures/a1111/error-500-oom.json';
import success from '../fixtures/a1111/txt2img-success.json';
import withGrid from '../fixtures/a1111/txt2img-with-grid.json';
import { parseA1111Response as parse, parseInfo } from './response';
import { a1111 } from './provider';
import type { ImagesResult, ProviderError } from '../types';
import { jsonResponse, textResponse } from '../shared/fake-response';

const errorOf = (status: number, body: unknown): ProviderError => {
  const r = parse(jsonResponse(status, body));
  if (r.kind !== 'error') throw new Error(`expected an error, got ${r.kind}`);
  return r.error;
};

const imagesOf = (status: number, body: unknown): ImagesResult => {
  const r = parse(jsonResponse(status, body));
  if (r.kind !== 'images') throw new Error(`expected images, got ${JSON.stringify(r)}`);
  return r;
};

describe('A1111 parseResponse: images and info', () => {
  it('takes the base64 PNGs and one seed per picture from info.all_seeds', () => {
    const r = imagesOf(200, success);
    expect(r.images).toEqual(success.images.map((data) => ({ type: 'base64', data, mime: 'image/png' })));
    expect(r.seed).toBe(3210);
    expect(r.seeds).toEqual([3210, 3211]);
    expect(r.meta?.infotexts).toHaveLength(2);
    expect(r.meta).toMatchObject({ sampler_name: 'DPM++ 2M', sd_model_name: 'v1-5-pruned-emaonly', steps: 20 });
  });

  it('skips a returned grid (index_of_first_image) and keeps seeds aligned', () => {
    const r = imagesOf(200, withGrid);
    expect(r.images.map((i) => (i.type === 'base64' ? i.data : ''))).toEqual(withGrid.images.slice(1));
    expect(r.seeds).toEqual([3210, 3211]);
  });

  it('an interrupted run: fewer pictures than all_seeds, seeds cut to the pictures', () => {
    const info = JSON.stringify({ seed: 77, all_seeds: [77, 78, 79, 80], infotexts: ['a', 'b'] });
    const r = imagesOf(200, { images: success.images, parameters: {}, info });
    expect(r.seeds).toEqual([77, 78]);
  });

  it('reads info as an object too, and falls back to info.seed', () => {
    expect(parseInfo({ seed: '12' })?.seeds).toEqual([12]);
    expect(parseInfo('not json')).toBeUndefined();
    const r = imagesOf(200, { images: success.images.slice(0, 1), info: '' });
    expect(r.seed).toBeUndefined();
    expect(r.seeds).toBeUndefined();
  });

  it('no pictures is an error that says why', () => {
    const e = errorOf(200, { images: [], parameters: {}, info: '{}' });
    expect(e.kind).toBe('unknown');
    expect(e.message).toMatch(/without a picture .*interrupted/);
  });

  it('a page that is not the API', () => {
    const r = parse(textResponse(200, '<html><title>Stable Diffusion</title></html>', 'text/html'));
    expect(r.kind === 'error' && r.error.hint).toMatch(/--api/);
  });
});

describe('A1111 parseResponse: errors in plain words', () => {
  it('422: the detail list, with the fields to fix', () => {
    const e = errorOf(422, error422);
    expect(e).toMatchObject({ kind: 'invalid', status: 422 });
    expect(e.message).toBe(
      'The server rejected the request (HTTP 422): "steps: value is not a valid integer; width: ensure this value is greater than or equal to 64".',
    );
    expect(e.hint).toBe('Fix steps, width and resend.');
  });

  it('500: the exception class and its words, with a hint for out-of-memory', () => {
    const e = errorOf(500, error500);
    expect(e).toMatchObject({ kind: 'server', status: 500 });
    expect(e.message).toBe(
      'The server failed while generating (HTTP 500): "OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 8.00 GiB total capacity)".',
    );
    expect(e.hint).toMatch(/smaller .* batch size/);
    const other = errorOf(500, { error: 'RuntimeError', detail: '', body: '', errors: 'boom' });
    expect(other.message).toContain('"RuntimeError: boom"');
    expect(other.hint).toMatch(/console/);
  });

  it('401: the login, in both the plain FastAPI and the WebUI middleware shapes', () => {
    for (const body of [error401, { detail: 'Incorrect username or password' }]) {
      const e = errorOf(401, body);
      expect(e.kind).toBe('auth');
      expect(e.message).toContain('"Incorrect username or password"');
      expect(e.hint).toMatch(/user:password.*--api-auth \(A1111, Forge\) or --auth \(SD\.Next\)/);
    }
    expect(errorOf(401, { detail: 'Not authenticated' }).message).toContain('Not authenticated');
  });

  it('404: no API (--api) versus an unknown sampler or model', () => {
    expect(errorOf(404, { detail: 'Not Found' }).hint).toMatch(/A1111 and Forge: --api; SD.Next serves it always/);
    const sampler = errorOf(404, error404Sampler);
    expect(sampler.message).toContain('"Sampler not found"');
    expect(sampler.hint).toMatch(/sampler from the server's own list/);
    expect(errorOf(404, { detail: 'Model not found' }).hint).toMatch(/model from/);
  });

  it('a network failure (a CORS refusal looks the same) names each server family’s CORS flag', () => {
    expect(a1111.networkHint).toContain('A1111 or Forge with --api --cors-allow-origins=');
    expect(a1111.networkHint).toContain('SD.Next with --cors-origins=');
    expect(a1111.baseUrlHelp).toMatch(/--api-auth user:password.*--cors-origins=.*--auth/);
  });

  it('reads the error text from detail, message (Forge) or error/errors', () => {
    expect(errorOf(500, { message: 'CUDA out of memory' }).message).toContain('CUDA out of memory');
    expect(errorOf(500, { message: 'CUDA out of memory' }).hint).toMatch(/ran out of memory/);
    expect(errorOf(400, { detail: 'bad', message: 'ignored' }).message).toContain('bad');
    expect(errorOf(500, { error: 'RuntimeError', errors: 'boom' }).message).toContain('RuntimeError: boom');
  });
});
