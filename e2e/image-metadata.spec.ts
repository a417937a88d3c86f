/**
 * Images that carry their parameters: downloads read back in Node with src/lib/metadata, "Read
 * parameters from an image" with A1111, ComfyUI and our own images (built here), the gallery's
 * export → Clear all → import round trip (same SHA-256 for every image, no key in any file), and
 * "Copy link" opened in a new page.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { unzipSync, zipSync } from 'fflate';
import { embedMetadata, readImageMetadata } from '../src/lib/metadata/image-metadata';
import { buildOwnMetadata } from '../src/lib/metadata/own-metadata';
import { encodePngChunk, writePngText } from '../src/lib/metadata/png';
import { keepCompareTargets } from './fixtures/compare';
import { chooseEndpoint, field, generate, openFresh, openView, resetSandbox, resultCard } from './fixtures/playground';

async function downloadFromCard(page: Page): Promise<Uint8Array> {
  const [download] = await Promise.all([page.waitForEvent('download'), resultCard(page).getByRole('button', { name: 'Download' }).click()]);
  return new Uint8Array(await readFile((await download.path())!));
}

async function generateOne(page: Page, endpointId: string, prompt: string, seed: string) {
  await chooseEndpoint(page, endpointId);
  await field(page, 'prompt').fill(prompt);
  await field(page, 'seed').fill(seed);
  await generate(page);
  await expect(resultCard(page).getByLabel('Seed used')).toHaveText(seed);
  await expect(resultCard(page).getByRole('img')).toBeVisible();
}

/** The option a select shows (select fields use option indexes as values). */
function shown(page: Page, name: string) {
  return field(page, name).locator('option:checked');
}

async function readFromImage(page: Page, name: string, bytes: Uint8Array, mimeType = 'image/png') {
  await page.getByLabel('Read parameters from an image').setInputFiles({ name, mimeType, buffer: Buffer.from(bytes) });
  return page.getByRole('region', { name: 'PNG info' });
}

/** The stored image Blobs, read straight from IndexedDB: image id → SHA-256. */
async function storedImageHashes(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('image-playground');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all = await new Promise<{ keys: IDBValidKey[]; values: Blob[] }>((resolve) => {
      const store = db.transaction('images').objectStore('images');
      const k = store.getAllKeys();
      const v = store.getAll();
      v.onsuccess = () => resolve({ keys: k.result, values: v.result as Blob[] });
    });
    db.close();
    const out: Record<string, string> = {};
    for (const [i, blob] of all.values.entries()) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
      out[String(all.keys[i])] = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    }
    return out;
  });
}

test.use({ viewport: { width: 1440, height: 900 } });

/**
 * Holds back a lazily loaded chunk until the returned function is called, so the progress bar it
 * drives stays on screen while the test looks at it and photographs it (however slow the machine).
 */
async function holdChunk(page: Page, name: string): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(new RegExp(`/assets/${name}-[\\w-]+\\.js$`), async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

test('a downloaded ModelsLab PNG and Segmind JPEG carry their parameters', async ({ page }) => {
  await generateOne(page, 'modelslab/text2img', 'a paper lighthouse, at dusk', '1234');
  const png = await downloadFromCard(page);
  const readPng = await readImageMetadata(png);
  expect(readPng).toMatchObject({ source: 'image-api-playground', format: 'png', prompt: 'a paper lighthouse, at dusk', seed: 1234 });
  expect(readPng.own).toMatchObject({ provider: 'modelslab', endpoint: 'modelslab/text2img', seed: 1234 });
  expect(readPng.raw['parameters']).toMatch(/^a paper lighthouse, at dusk\n.*Seed: 1234, Size: 512x512/m);

  await generateOne(page, 'segmind/sd1.5-dreamshaper', 'fantasy village in fog', '165577282');
  const jpg = await downloadFromCard(page);
  const readJpg = await readImageMetadata(jpg);
  expect(readJpg).toMatchObject({ source: 'image-api-playground', format: 'jpeg', prompt: 'fantasy village in fog', seed: 165577282 });
  expect(readJpg.own).toMatchObject({ provider: 'segmind', endpoint: 'segmind/sd1.5-dreamshaper' });
  expect(readJpg.raw['UserComment']).toMatch(/Seed: 165577282/);
  expect(JSON.stringify(readJpg.own)).not.toMatch(/x-api-key|"key"/);
});

test('"Read parameters from an image" fills the form from A1111, ComfyUI and our own images', async ({ page, request }) => {
  const base = new Uint8Array(await (await request.fetch('/sandbox/dreamrender/api/generate_image', { method: 'POST', multipart: { dev_key: 'e2e', model: 'm', prompt: 'x', width: '64', height: '64', seed: '7' } })).body());
  const a1111 = embedMetadata(base, { infotext: 'a red fox in snow, "quoted"\nNegative prompt: blurry, lowres\nSteps: 33, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 987654, Size: 640x2000, Model: v1-5-pruned' });
  const comfyGraph = {
    '3': { class_type: 'KSampler', inputs: { seed: 424242, steps: 20, cfg: 8, sampler_name: 'euler_ancestral', scheduler: 'normal', model: ['4', 0], positive: ['6', 0], negative: ['7', 0], latent_image: ['5', 0], denoise: 1 } },
    '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'dreamshaper_8.safetensors' } },
    '5': { class_type: 'EmptyLatentImage', inputs: { width: 512, height: 768, batch_size: 1 } },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a castle on a cliff', clip: ['4', 1] } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: 'fog', clip: ['4', 1] } },
  };
  const comfy = writePngText(base, [{ keyword: 'prompt', text: JSON.stringify(comfyGraph) }]);
  const ownParams = { prompt: 'our own harbour', negative_prompt: 'people', samples: 1, num_inference_steps: 25, guidance_scale: 9, seed: 31337, img_width: 512, img_height: 768, scheduler: 'DDIM', base64: false };
  const own = embedMetadata(base, {
    json: JSON.stringify(buildOwnMetadata({ appVersion: 'e2e', provider: 'segmind', endpoint: 'segmind/sd1.5-dreamshaper', params: ownParams, seed: 31337 })),
  });

  // A1111 onto ModelsLab text2img: by role, with the mapping's warnings.
  await chooseEndpoint(page, 'modelslab/text2img');
  let panel = await readFromImage(page, 'a1111.png', a1111);
  await expect(panel.getByText('AUTOMATIC1111 / Forge infotext')).toBeVisible();
  await expect(panel.getByText(/33 is not one of .* 31, is sent/)).toBeVisible();
  await expect(panel.getByText(/height: 2000 is above the maximum 1024/)).toBeVisible();
  await page.screenshot({ path: 'test-results/png-info-panel.png' });
  await panel.getByRole('button', { name: 'Use these parameters' }).click();
  await expect(field(page, 'prompt')).toHaveValue('a red fox in snow, "quoted"');
  await expect(field(page, 'negative_prompt')).toHaveValue('blurry, lowres');
  await expect(field(page, 'seed')).toHaveValue('987654');
  await expect(shown(page, 'num_inference_steps')).toHaveText('31');
  await expect(field(page, 'guidance_scale')).toHaveValue('6.5');
  await expect(field(page, 'height')).toHaveValue('1024');

  // ComfyUI onto Segmind, dropped on the Parameters panel.
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  const data = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'comfy.png', { type: 'image/png' }));
    return dt;
  }, Buffer.from(comfy).toString('base64'));
  await page.getByRole('region', { name: 'Parameters' }).dispatchEvent('drop', { dataTransfer: data });
  panel = page.getByRole('region', { name: 'PNG info' });
  await expect(panel.getByText('ComfyUI workflow')).toBeVisible();
  await panel.getByRole('button', { name: 'Use these parameters' }).click();
  await expect(field(page, 'prompt')).toHaveValue('a castle on a cliff');
  await expect(field(page, 'negative_prompt')).toHaveValue('fog');
  await expect(field(page, 'seed')).toHaveValue('424242');
  await expect(field(page, 'num_inference_steps')).toHaveValue('20');
  await expect(shown(page, 'scheduler')).toHaveText('Euler a');
  await expect(shown(page, 'img_height')).toHaveText('768');

  // Our own image, read on another endpoint: its endpoint and every parameter come back.
  await chooseEndpoint(page, 'modelslab/text2img');
  panel = await readFromImage(page, 'own.png', own);
  await expect(panel.getByText('Restores segmind/sd1.5-dreamshaper exactly.')).toBeVisible();
  await panel.getByRole('button', { name: 'Use these parameters' }).click();
  await expect(page.getByRole('region', { name: 'Parameters' }).getByLabel('Endpoint')).toHaveValue('segmind/sd1.5-dreamshaper');
  await expect(field(page, 'prompt')).toHaveValue('our own harbour');
  await expect(field(page, 'negative_prompt')).toHaveValue('people');
  await expect(field(page, 'seed')).toHaveValue('31337');
  await expect(field(page, 'guidance_scale')).toHaveValue('9');
  await expect(shown(page, 'scheduler')).toHaveText('DDIM');

  panel = await readFromImage(page, 'plain.png', base);
  await expect(panel.getByText(/This image carries no generation parameters/)).toBeVisible();
});

// Issue 22 item 4: images built to hang the reader. It runs in a Worker with limits, so each answers
// and the page stays usable while it reads.
test('hostile images answer: a graph linked to itself, a zTXt bomb, a long infotext line', async ({ page, request }) => {
  const base = new Uint8Array(await (await request.fetch('/sandbox/dreamrender/api/generate_image', { method: 'POST', multipart: { dev_key: 'e2e', model: 'm', prompt: 'x', width: '64', height: '64', seed: '7' } })).body());
  const selfLinked = {
    '1': { class_type: 'KSampler', inputs: { seed: 5, steps: 9, positive: ['2', 0], negative: ['2', 0], latent_image: ['2', 0], model: ['2', 0] } },
    '2': { class_type: 'X', inputs: Object.fromEntries(['conditioning', 'conditioning_1', 'conditioning_to', 'positive', 'text', 'samples', 'model'].map((k) => [k, ['2', 0]])) },
  };
  let panel = await readFromImage(page, 'loop.png', writePngText(base, [{ keyword: 'prompt', text: JSON.stringify(selfLinked) }]));
  await expect(panel.getByText('ComfyUI workflow')).toBeVisible();
  await expect(panel.getByText('9', { exact: true })).toBeVisible();

  const bombed = writePngText(base, [{ keyword: 'parameters', text: 'a quiet harbour\nSteps: 12, Sampler: Euler, Seed: 3' }]);
  const zTXt = encodePngChunk('zTXt', Buffer.concat([Buffer.from('workflow\0\0', 'latin1'), deflateSync(Buffer.alloc(128 * 1024 * 1024))]));
  const iend = bombed.length - 12;
  panel = await readFromImage(page, 'bomb.png', Buffer.concat([bombed.subarray(0, iend), zTXt, bombed.subarray(iend)]));
  await expect(panel.getByText('The text "workflow" was not read: it inflates past 16 MB.')).toBeVisible();
  await expect(panel.getByText('a quiet harbour', { exact: true })).toBeVisible();
  await field(page, 'prompt').fill('still typing');
  await expect(field(page, 'prompt')).toHaveValue('still typing');

  const line = 'masterpiece best quality '.repeat(42_000);
  panel = await readFromImage(page, 'line.png', writePngText(base, [{ keyword: 'parameters', text: line }]));
  await expect(panel.getByText('AUTOMATIC1111 / Forge infotext')).toBeVisible();
});

test('export, Clear all, import: the same jobs and image bytes; no key in any exported file', async ({ page }) => {
  const liveKey = 'e2e-live-segmind-key-export-77';
  const jpeg = await (await page.request.post('/sandbox/segmind/v1/sd1.5-dreamshaper', { headers: { 'x-api-key': 'e2e' }, data: { prompt: 'replayed', seed: 7 } })).body();
  await page.route('https://api.segmind.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'image/jpeg', headers: { 'x-seed-value': '42', 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-seed-value' }, body: jpeg }),
  );
  await generateOne(page, 'modelslab/text2img', 'export me', '11');
  await openView(page, 'Settings');
  await page.getByRole('radiogroup', { name: 'Segmind mode' }).getByLabel('Live (your key)').check();
  await page.getByLabel('Segmind API key').fill(liveKey);
  await page.getByRole('group', { name: 'Segmind' }).getByLabel('route through the local proxy').uncheck();
  await openView(page, 'Playground');
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await field(page, 'prompt').fill('live and exported');
  await generate(page);
  await expect(resultCard(page).getByLabel('Seed used')).toHaveText('42');

  await openView(page, 'Gallery');
  await expect(page.getByText('2 jobs', { exact: false })).toBeVisible();
  const before = await storedImageHashes(page);
  expect(Object.keys(before)).toHaveLength(2);

  // Held back: the metadata writers, so the bar stops after the first image.
  const releaseExport = await holdChunk(page, 'own-metadata');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export gallery' }).click();
  await expect(page.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  await expect(page.getByText('Image 1 of 2')).toBeVisible();
  await page.screenshot({ path: 'test-results/export-progress.png' });
  releaseExport();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^gallery-\d{4}-\d\d-\d\d\.zip$/);
  const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  const names = Object.keys(zip);
  expect(names).toContain('manifest.json');
  expect(names.filter((n) => n.startsWith('images/'))).toHaveLength(2);
  expect(names.filter((n) => n.startsWith('thumbs/'))).toHaveLength(2);
  for (const [name, bytes] of Object.entries(zip)) {
    expect(Buffer.from(bytes).includes(liveKey), `${name} holds the key`).toBe(false);
  }
  for (const name of names.filter((n) => n.startsWith('images/'))) expect((await readImageMetadata(zip[name]!)).source).toBe('image-api-playground');
  const manifest = JSON.parse(Buffer.from(zip['manifest.json']!).toString('utf8')) as { version: number; jobs: { id: string }[] };
  expect(manifest.version).toBe(1);
  expect(manifest.jobs).toHaveLength(2);

  await page.getByRole('button', { name: 'Clear all' }).click();
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByText(/No images yet/)).toBeVisible();
  expect(await storedImageHashes(page)).toEqual({});

  // Held back: the import's own code, so the bar can be seen before the (fast) import runs.
  const releaseImport = await holdChunk(page, 'gallery-import');
  await page.getByLabel('Import gallery').setInputFiles({ name: 'gallery.zip', mimeType: 'application/zip', buffer: await readFile((await download.path())!) });
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(page.getByText('Starting…')).toBeVisible();
  await page.screenshot({ path: 'test-results/import-progress.png' });
  releaseImport();
  await expect(page.getByRole('status', { name: 'Import report' })).toContainText('2 added, 0 skipped (already in the gallery), 0 refused');
  await page.screenshot({ path: 'test-results/import-report.png' });
  // The same bytes; imported images get fresh ids (an import never touches another job's image).
  expect(Object.values(await storedImageHashes(page)).sort()).toEqual(Object.values(before).sort());

  await page.getByLabel('Import gallery').setInputFiles({ name: 'gallery.zip', mimeType: 'application/zip', buffer: await readFile((await download.path())!) });
  await expect(page.getByRole('status', { name: 'Import report' })).toContainText('0 added, 2 skipped');

  // The same export with one image swapped for an SVG named as it (its SHA-256 made to match): that job is refused, the other added.
  const manifestAll = JSON.parse(Buffer.from(zip['manifest.json']!).toString('utf8')) as { images: Record<string, { file: string; sha256: string; cut?: unknown; original?: string }> };
  const [fakeId, fakeEntry] = Object.entries(manifestAll.images)[0]!;
  const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  manifestAll.images[fakeId] = { file: fakeEntry.file, sha256: createHash('sha256').update(svg).digest('hex') };
  const tampered = zipSync({ ...zip, [fakeEntry.file]: svg, 'manifest.json': new TextEncoder().encode(JSON.stringify(manifestAll)) });
  await page.getByRole('button', { name: 'Clear all' }).click();
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await expect(page.getByText(/No images yet/)).toBeVisible();
  await page.getByLabel('Import gallery').setInputFiles({ name: 'tampered.zip', mimeType: 'application/zip', buffer: Buffer.from(tampered) });
  const report = page.getByRole('status', { name: 'Import report' });
  await expect(report).toContainText('1 added, 0 skipped (already in the gallery), 1 refused');
  await expect(report).toContainText(`tampered.zip: job`);
  await expect(report).toContainText(`${fakeEntry.file} is not a PNG, JPEG, WebP, GIF or AVIF image`);
  expect(Object.keys(await storedImageHashes(page))).toHaveLength(1);
});

test('a copied link restores endpoint, prompt and seed in a new page without sending; Back and Forward move across views', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await chooseEndpoint(page, 'segmind/sd1.5-dreamshaper');
  await field(page, 'prompt').fill('shared: a lantern, 日本');
  await field(page, 'seed').fill('777');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#\/playground\?setup=/);

  const other = await context.newPage();
  const sent: string[] = [];
  other.on('request', (r) => {
    if (r.method() === 'POST' || /\/sandbox\/(segmind|modelslab|dreamrender)/.test(r.url())) sent.push(r.url());
  });
  await other.goto(link);
  await expect(other.getByRole('region', { name: 'Parameters' }).getByLabel('Endpoint')).toHaveValue('segmind/sd1.5-dreamshaper');
  await expect(field(other, 'prompt')).toHaveValue('shared: a lantern, 日本');
  await expect(field(other, 'seed')).toHaveValue('777');
  await expect(other.getByText(/Filled from a shared link.*Nothing was sent/)).toBeVisible();
  expect(sent).toEqual([]);

  await openView(other, 'Gallery');
  await expect(other).toHaveURL(/#\/gallery$/);
  await openView(other, 'Settings');
  await other.goBack();
  await expect(other.getByRole('region', { name: 'Gallery' })).toBeVisible();
  await other.goBack();
  await expect(other.getByRole('region', { name: 'Parameters' })).toBeVisible();
  await other.goForward();
  await expect(other.getByRole('region', { name: 'Gallery' })).toBeVisible();
});

test('an open comparison is in the URL: Back returns to it, and the link opens it in a new page', async ({ page, context }) => {
  const three = ['DreamRender-3.0 generate_image', 'ModelsLab text2img', 'Segmind sd1.5-dreamshaper'];
  await openView(page, 'Compare');
  // Three hosted providers (A1111 is compared in a1111.spec.ts).
  await keepCompareTargets(page, three);
  await page.getByLabel('Prompt', { exact: true }).fill('a kite over the dunes');
  await page.getByLabel('Seed', { exact: true }).fill('5151');
  await page.getByRole('button', { name: 'Run comparison (3 requests)' }).click();
  for (const label of three) await expect(page.getByRole('article', { name: `Result: ${label}` }).getByRole('img', { name: `${label}, seed 5151` })).toBeVisible();
  await expect(page).toHaveURL(/#\/compare\?c=[\w-]+$/);
  const url = page.url();

  await openView(page, 'Gallery');
  await expect(page).toHaveURL(/#\/gallery$/);
  await page.goBack();
  await expect(page).toHaveURL(url);
  await expect(page.getByRole('article', { name: `Result: ${three[1]}` }).getByRole('img', { name: `${three[1]}, seed 5151` })).toBeVisible();

  const other = await context.newPage();
  await other.goto(url);
  for (const label of three) await expect(other.getByRole('article', { name: `Result: ${label}` }).getByRole('img', { name: `${label}, seed 5151` })).toBeVisible();
});
