/**
 * Local images are Blobs referenced by id: the draft and the preview carry a
 * short reference, never the image; it survives a reload (IndexedDB) and becomes
 * base64 only in the request that leaves.
 */
import { expect, test } from '@playwright/test';
import { loadGeneratedImage } from './fixtures/inpaint';
import { chooseEndpoint, field, generate, openFresh, recordRequests, resetSandbox, resultCard } from './fixtures/playground';

test.beforeEach(async ({ page, request }) => {
  await resetSandbox(request);
  await openFresh(page);
});

test('an init image stays out of Web Storage and the preview, survives a reload, and is sent as base64', async ({ page }) => {
  await chooseEndpoint(page, 'segmind/sd1.5-img2img');
  await page.getByRole('button', { name: 'Use sample image' }).click();
  await expect(field(page, 'image')).toHaveValue(/local image \(PNG 512×512, \d+ KB, from the canvas\)/);
  await field(page, 'prompt').fill('a harbour at dawn');

  // The preview names the image instead of printing it.
  const body = page.getByLabel('Request body');
  await expect(body).toContainText(/"image": "<PNG 512×512, \d+ KB>"/);
  await expect(body).toContainText('a harbour at dawn');

  // The draft is written once typing pauses, and holds no image data.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('playground.draft.segmind/sd1.5-img2img') ?? ''))
    .toContain('a harbour at dawn');
  const storage = await page.evaluate(() => {
    const all: string[] = [];
    for (const s of [localStorage, sessionStorage]) for (let i = 0; i < s.length; i++) all.push(s.getItem(s.key(i)!) ?? '');
    return { hasDataUrl: all.some((v) => v.includes('data:image')), largest: Math.max(...all.map((v) => v.length)) };
  });
  expect(storage.hasDataUrl).toBe(false);
  expect(storage.largest).toBeLessThan(4096);

  await page.reload();
  await expect(field(page, 'image')).toHaveValue(/local image \(PNG 512×512/);
  await expect(page.getByRole('img', { name: /^Init image/ })).toHaveAccessibleName(/512×512/);

  const requests = recordRequests(page);
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
  const sent = requests.find((r) => r.url().includes('/sandbox/segmind/v1/sd1.5-img2img'));
  const json = JSON.parse(sent!.postData()!) as { image: string; prompt: string };
  expect(json.prompt).toBe('a harbour at dawn');
  expect(json.image.startsWith('iVBOR')).toBe(true); // raw base64 PNG, no data: prefix
  expect(json.image.length).toBeGreaterThan(1000);
});

test('the copied cURL says how the image is passed', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await chooseEndpoint(page, 'modelslab/img2img');
  await page.getByRole('button', { name: 'Use sample image' }).click();
  await expect(field(page, 'init_image')).toHaveValue(/local image/);
  await page.getByRole('button', { name: 'Copy as cURL' }).click();
  // The clipboard is shared across the browser: wait for our own copy, not an earlier test's.
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('init_image');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toMatch(/^# init_image: replace <PNG 512×512, \d+ KB> with the image file as raw base64/);
  expect(text).toContain('"base64": "yes"');
  expect(text).not.toContain('data:image');
});

test('the image field previews a large picture from a small copy, a small one as it is', async ({ page }) => {
  await chooseEndpoint(page, 'segmind/sd1.5-img2img');
  const preview = page.getByRole('img', { name: 'image preview' });
  const naturalSize = () => preview.evaluate((img: HTMLImageElement) => (img.complete ? [img.naturalWidth, img.naturalHeight] : [0, 0]));
  await page.getByRole('button', { name: 'Use sample image' }).click();
  await expect(field(page, 'image')).toHaveValue(/local image \(PNG 512×512/);
  await expect.poll(naturalSize).toEqual([512, 512]);

  // A 3000×2000 picture (6 MP): the 40 px preview is an 80 px copy, not the whole picture decoded on the page.
  await loadGeneratedImage(page, 3000, 2000);
  await expect(field(page, 'image')).toHaveValue(/local image \(PNG 3000×2000/);
  await expect.poll(async () => (await naturalSize())[0]).toBe(80);
  // 2000 × 80 / 3000 = 53.3: the browser rounds it either way.
  expect((await naturalSize())[1]).toBeGreaterThanOrEqual(53);
  expect((await naturalSize())[1]).toBeLessThanOrEqual(54);
  expect(await preview.getAttribute('src')).toMatch(/^blob:/);
});
