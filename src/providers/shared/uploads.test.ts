import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../types';
import { getEndpoint, getProvider } from '../registry';
import { redactRequest } from '../redact';
import { bytesToBase64 } from './base64';
import { base64Size, checkedUploadUrl, planUploads } from './uploads';

const res = (status: number, body: unknown): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(body)) });
const dataUri = (bytes: number, mime = 'image/jpeg') => `data:${mime};base64,${bytesToBase64(new Uint8Array(bytes).fill(7))}`;

describe('which images are uploaded', () => {
  it('counts a base64 payload’s bytes without decoding it', () => {
    for (const n of [0, 1, 2, 3, 4, 1000, 262_144]) expect(base64Size(bytesToBase64(new Uint8Array(n)))).toBe(n);
  });

  it('Replicate: an image over 256 kB is uploaded, one within it goes inline, a URL is left alone', () => {
    const replicate = getProvider('replicate')!;
    const fill = getEndpoint('replicate/black-forest-labs/flux-fill-dev')!;
    const params = { prompt: 'a boat', image: dataUri(300 * 1024), mask: dataUri(256 * 1024, 'image/png') };
    const plan = planUploads(fill.schema, params, replicate.uploads);
    expect(plan.map((p) => [p.field, p.file.mime, p.file.fileName, p.file.bytes.length])).toEqual([['image', 'image/jpeg', 'image.jpg', 300 * 1024]]);
    expect(planUploads(fill.schema, { ...params, image: 'https://example.com/a.png' }, replicate.uploads)).toEqual([]);
  });

  it('fal: every image is uploaded, and a provider without uploads uploads nothing', () => {
    const fill = getEndpoint('fal/fal-ai/flux-pro/v1/fill')!;
    const params = { prompt: 'a boat', image_url: dataUri(2000), mask_url: dataUri(100, 'image/png') };
    expect(planUploads(fill.schema, params, getProvider('fal')!.uploads).map((p) => p.field)).toEqual(['image_url', 'mask_url']);
    expect(planUploads(fill.schema, params, undefined)).toEqual([]);
  });

  it('takes only https URLs from an answer, or the twins’ own in Sandbox mode', () => {
    expect(checkedUploadUrl('https://api.replicate.com/v1/files/abc', undefined)).toBe('https://api.replicate.com/v1/files/abc');
    for (const bad of ['http://api.replicate.com/v1/files/abc', 'https://user:pw@x.test/a', 'javascript:alert(1)', 'data:image/png;base64,AA', 42, `https://x.test/${'a'.repeat(3000)}`]) {
      expect(checkedUploadUrl(bad, undefined)).toBeUndefined();
    }
    expect(checkedUploadUrl('http://127.0.0.1:5173/sandbox/files/a.png', 'http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173/sandbox/files/a.png');
    expect(checkedUploadUrl('http://127.0.0.1:5173/proxy/x', 'http://127.0.0.1:5173')).toBeUndefined();
    expect(checkedUploadUrl('http://127.0.0.1:9999/sandbox/files/a.png', 'http://127.0.0.1:5173')).toBeUndefined();
  });
});

describe('the providers’ uploads', () => {
  const file = { bytes: new Uint8Array([1, 2, 3]), mime: 'image/png', fileName: 'mask.png' };

  it('Replicate: POST /v1/files, the bytes as the multipart part content, Bearer; the answer’s urls.get', () => {
    const up = getProvider('replicate')!.uploads!;
    const req = up.build({ file, key: 'r8_secret', baseUrl: 'https://api.replicate.com' });
    expect(req).toMatchObject({ method: 'POST', url: 'https://api.replicate.com/v1/files', headers: { Authorization: 'Bearer r8_secret' }, body: { type: 'file', part: 'content', fileName: 'mask.png', mime: 'image/png' } });
    expect(redactRequest(req, getProvider('replicate')!.keyLocation).headers.Authorization).not.toContain('r8_secret');
    expect(up.parse(res(201, { id: 'f1', urls: { get: 'https://api.replicate.com/v1/files/f1' } }))).toEqual({ kind: 'uploaded', url: 'https://api.replicate.com/v1/files/f1' });
    const tooLarge = up.parse(res(413, { title: 'Request Entity Too Large', detail: 'The file is larger than 100 MB.', status: 413 }));
    expect(tooLarge.kind === 'error' && tooLarge.error.message).toMatch(/^The upload to Replicate's Files API failed: .*100 MB/);
    expect(up.parse(res(201, { id: 'f1' }))).toMatchObject({ kind: 'error' });
  });

  it('fal: initiate on its storage host with the Key header; the answer’s file_url, and upload_url to PUT to', () => {
    const up = getProvider('fal')!.uploads!;
    expect(up.host).toEqual({ baseUrl: 'https://rest.fal.ai', sandboxPrefix: 'fal-rest' });
    const req = up.build({ file, key: 'id:secret', baseUrl: 'https://rest.fal.ai' });
    expect(req).toMatchObject({ method: 'POST', url: 'https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3', headers: { Authorization: 'Key id:secret' }, body: { type: 'json', value: { content_type: 'image/png', file_name: 'mask.png' } } });
    expect(up.parse(res(200, { upload_url: 'https://v3.fal.media/u/1', file_url: 'https://v3.fal.media/files/a.png' }))).toEqual({ kind: 'uploaded', url: 'https://v3.fal.media/files/a.png', put: { url: 'https://v3.fal.media/u/1' } });
    const refused = up.parse(res(401, { detail: 'No user found for Key ID and Secret' }));
    expect(refused).toMatchObject({ kind: 'error', error: { kind: 'auth' } });
    expect(up.parse(res(200, { file_url: 'https://v3.fal.media/files/a.png' }))).toMatchObject({ kind: 'error' });
  });

  it('the proxy may reach fal’s storage host, and nothing else new', async () => {
    const { proxyTargets } = await import('../proxy-targets');
    expect(proxyTargets.fal!.hosts).toContain('rest.fal.ai');
    expect(proxyTargets.replicate!.hosts).toEqual(['api.replicate.com', 'replicate.delivery']);
  });
});
