import { describe, expect, it } from 'vitest';
import type { HttpRequest } from './types';
import { redactRequest } from './redact';
import { getEndpoint, getProvider } from './registry';
import { generateImageExample } from './dreamrender/schema';
import { dreamshaperExample } from './segmind/schema';

const KEY = 'test-key';

function build(endpointId: string, params: Record<string, unknown>): HttpRequest {
  const e = getEndpoint(endpointId);
  if (!e) throw new Error(endpointId);
  return e.buildRequest({ params: e.schema.parse(params), key: KEY, baseUrl: 'https://base.test' });
}

describe('redactRequest', () => {
  it('replaces the DreamRender dev_key field', () => {
    const req = build('dreamrender/generate_image', generateImageExample);
    const red = redactRequest(req, { in: 'multipart', name: 'dev_key' });
    expect(red.body.type === 'multipart' && red.body.fields[0]).toEqual(['dev_key', '<YOUR_API_KEY>']);
    expect(JSON.stringify(red)).not.toContain(KEY);
    expect(req.body.type === 'multipart' && req.body.fields[0]).toEqual(['dev_key', KEY]);
  });

  it('replaces the ModelsLab "key" field, in generation and fetch requests', () => {
    const loc = getProvider('modelslab')?.keyLocation;
    if (!loc) throw new Error('no key location');
    const req = build('modelslab/text2img', { model_id: 'm', prompt: 'p' });
    const red = redactRequest(req, loc, 'KEY');
    expect(red.body.type === 'json' && red.body.value.key).toBe('KEY');
    expect(red.body.type === 'json' && red.body.value.model_id).toBe('m');
    expect(req.body.type === 'json' && req.body.value.key).toBe(KEY);
    const fetchReq = getProvider('modelslab')?.buildFetchRequest?.({ id: '1', key: KEY, baseUrl: 'https://base.test' });
    if (!fetchReq) throw new Error('no fetch');
    expect(redactRequest(fetchReq, loc).body).toEqual({ type: 'json', value: { key: '<YOUR_API_KEY>', request_id: '1' } });
  });

  it('replaces the Segmind x-api-key header, whatever its case', () => {
    const req = build('segmind/sd1.5-dreamshaper', dreamshaperExample);
    const red = redactRequest(req, { in: 'header', name: 'X-API-Key' });
    expect(red.headers).toEqual({ 'x-api-key': '<YOUR_API_KEY>', 'Content-Type': 'application/json' });
    expect(red.body).toEqual(req.body);
    expect(red.body).not.toBe(req.body);
    expect(req.headers['x-api-key']).toBe(KEY);
  });

  it('leaves a request without the key as it was', () => {
    const req: HttpRequest = { method: 'GET', url: 'https://base.test/x', headers: { accept: 'image/png' }, body: { type: 'none' } };
    expect(redactRequest(req, { in: 'header', name: 'x-api-key' })).toEqual(req);
    const json: HttpRequest = { ...req, method: 'POST', body: { type: 'json', value: { request_id: '1' } } };
    expect(redactRequest(json, { in: 'json', name: 'key' })).toEqual(json);
  });

  it('replaces the secret of Authorization: Bearer and Basic, keeping the scheme readable', () => {
    const req: HttpRequest = { method: 'POST', url: 'https://base.test/x', headers: { authorization: 'Bearer s3cret', accept: 'x' }, body: { type: 'none' } };
    expect(redactRequest(req, { in: 'bearer' }).headers).toEqual({ authorization: 'Bearer <YOUR_API_KEY>', accept: 'x' });
    const basic = { ...req, headers: { Authorization: 'Basic dTpw' } };
    expect(redactRequest(basic, { in: 'basic' }, '<REDACTED>').headers).toEqual({ Authorization: 'Basic <REDACTED>' });
    expect(redactRequest(basic, { in: 'none' })).toEqual(basic);
  });
});
