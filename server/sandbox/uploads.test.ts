/** The twins' file uploads over real HTTP on loopback: Replicate's Files API, fal's storage (initiate, PUT), and predictions and requests that name an uploaded file. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodePng } from './png';
import { createRaster } from './raster';
import { download, postJson, startTwin } from './test-helpers';
import type { RunningServer } from './test-helpers';

let server: RunningServer;
beforeAll(async () => {
  server = await startTwin();
});
afterAll(() => server.close());
beforeEach(async () => {
  await postJson(`${server.base}/sandbox/_control/reset`, {});
});

const bearer = { Authorization: 'Bearer r8_test' };
const falKey = { Authorization: 'Key id:secret' };
const png = (w: number, h: number) => encodePng(createRaster(w, h)) as Uint8Array<ArrayBuffer>;

function fileForm(bytes: Uint8Array<ArrayBuffer>, name = 'image.png', type = 'image/png'): FormData {
  const form = new FormData();
  form.append('content', new Blob([bytes], { type }), name);
  return form;
}

describe('Replicate’s Files API twin', () => {
  it('takes a multipart upload, answers 201 with urls.get, lists and gives it, and a prediction reads it', async () => {
    const R = `${server.base}/sandbox/replicate`;
    const bytes = png(256, 256);
    const res = await fetch(`${R}/v1/files`, { method: 'POST', headers: bearer, body: fileForm(bytes) });
    expect(res.status).toBe(201);
    const file = (await res.json()) as { id: string; size: number; content_type: string; name: string; urls: { get: string }; checksums: { sha256: string }; expires_at: string };
    expect(file).toMatchObject({ size: bytes.length, content_type: 'image/png', name: 'image.png', urls: { get: `${R}/v1/files/${file.id}` } });
    expect(Date.parse(file.expires_at) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
    const list = (await (await fetch(`${R}/v1/files`, { headers: bearer })).json()) as { results: Array<{ id: string }> };
    expect(list.results.map((f) => f.id)).toEqual([file.id]);
    expect((await fetch(file.urls.get, { headers: bearer })).status).toBe(200);
    const create = await postJson(`${R}/v1/models/black-forest-labs/flux-fill-dev/predictions`, { input: { prompt: 'a boat', image: file.urls.get, seed: 3 } }, { ...bearer, Prefer: 'wait' });
    const prediction = (await create.json()) as { status: string; input: { image: string }; output: string[] };
    expect(prediction.status).toBe('succeeded');
    expect(prediction.input.image).toBe(file.urls.get);
    expect((await download(prediction.output[0]!)).length).toBeGreaterThan(0);
  });

  it('refuses an upload without the key, without a file part, and a prediction naming an unknown file', async () => {
    const R = `${server.base}/sandbox/replicate`;
    expect((await fetch(`${R}/v1/files`, { method: 'POST', body: fileForm(png(8, 8)) })).status).toBe(401);
    const form = new FormData();
    form.append('other', 'x');
    expect((await fetch(`${R}/v1/files`, { method: 'POST', headers: bearer, body: form })).status).toBe(400);
    const bad = await postJson(`${R}/v1/models/black-forest-labs/flux-fill-dev/predictions`, { input: { prompt: 'a boat', image: `${R}/v1/files/0123abcd` } }, bearer);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/does not exist or has expired/);
  });
});

describe('fal’s storage twin', () => {
  it('initiates with the key, takes the bytes once at upload_url without it, and the queue reads file_url', async () => {
    const init = await postJson(`${server.base}/sandbox/fal-rest/storage/upload/initiate?storage_type=fal-cdn-v3`, { content_type: 'image/png', file_name: 'image_url.png' }, falKey);
    expect(init.status).toBe(200);
    const { upload_url, file_url } = (await init.json()) as { upload_url: string; file_url: string };
    expect(upload_url).toMatch(/\/sandbox\/fal-cdn\/files\/upload\//);
    expect((await fetch(file_url)).status).toBe(404);
    const bytes = png(512, 512);
    const withKey = await fetch(upload_url, { method: 'PUT', headers: { ...falKey, 'content-type': 'image/png' }, body: bytes });
    expect(withKey.status).toBe(400);
    expect((await fetch(upload_url, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: bytes })).status).toBe(403);
    expect((await fetch(upload_url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: bytes })).status).toBe(200);
    expect((await fetch(upload_url, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: bytes })).status).toBe(403);
    expect(await download(file_url)).toEqual(bytes);
    const recorded = (await (await fetch(`${server.base}/sandbox/fal-rest/_control`)).json()) as { uploads: Array<{ size: number; file_url: string }> };
    expect(recorded.uploads).toEqual([expect.objectContaining({ size: bytes.length, file_url })]);
    const submit = await postJson(`${server.base}/sandbox/fal-queue/fal-ai/flux-pro/v1/fill`, { prompt: 'a boat', image_url: file_url, mask_url: file_url }, falKey);
    expect(submit.status).toBe(200);
  });

  it('refuses an initiate without the key, another storage type or a type the sandbox cannot store', async () => {
    const url = `${server.base}/sandbox/fal-rest/storage/upload/initiate?storage_type=fal-cdn-v3`;
    expect((await postJson(url, { content_type: 'image/png', file_name: 'a.png' })).status).toBe(401);
    expect((await postJson(url.replace('fal-cdn-v3', 'gcs'), { content_type: 'image/png', file_name: 'a.png' }, falKey)).status).toBe(422);
    expect((await postJson(url, { content_type: 'application/zip', file_name: 'a.zip' }, falKey)).status).toBe(422);
  });
});
