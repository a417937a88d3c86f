/**
 * What the client keeps from a provider's answer: only images (by their bytes), never a key the
 * provider echoed; a failure of the local proxy is told as the proxy's; Settings refuses http.
 * Providers' answers are replayed with Playwright's routing; the proxy is the real one.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chooseEndpoint, field, generate, openFresh, openView, resultCard, reloadForNewHost } from './fixtures/playground';

const KEY = 'e2e-echoed-live-key-4711';
const DREAMRENDER_HOST = 'https://render.e2e.test';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><script>document.title=localStorage.length</script></svg>';

async function goLive(page: Page, name: string, opts: { baseUrl?: string; useProxy: boolean }) {
  await openView(page, 'Settings');
  await page.getByRole('radiogroup', { name: `${name} mode` }).getByLabel('Live (your key)').check();
  await page.getByLabel(`${name} API key`).fill(KEY);
  if (opts.baseUrl) await page.getByLabel(`${name} base URL`).fill(opts.baseUrl);
  const proxy = page.getByRole('group', { name }).getByLabel('route through the local proxy');
  await (opts.useProxy ? proxy.check() : proxy.uncheck());
  if (opts.baseUrl && !opts.useProxy) await reloadForNewHost(page, name);
  await openView(page, 'Playground');
}

/** Everything in the gallery's IndexedDB: the job records as JSON, and the stored image Blobs' types and first bytes. */
async function storedState(page: Page): Promise<{ jobs: string; images: Array<{ type: string; head: string }> }> {
  return page.evaluate(async () => {
    const out = { jobs: '', images: [] as Array<{ type: string; head: string }> };
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const o = indexedDB.open(name!);
        o.onsuccess = () => res(o.result);
        o.onerror = () => rej(o.error);
      });
      const all = (store: string) =>
        new Promise<unknown[]>((res) => {
          const q = db.transaction(store).objectStore(store).getAll();
          q.onsuccess = () => res(q.result);
        });
      const names = Array.from(db.objectStoreNames);
      if (names.includes('jobs')) out.jobs += JSON.stringify(await all('jobs'));
      for (const store of ['images', 'thumbs']) {
        if (!names.includes(store)) continue;
        for (const blob of (await all(store)) as Blob[]) out.images.push({ type: blob.type, head: await blob.slice(0, 16).text() });
      }
      db.close();
    }
    return out;
  });
}

test('an SVG or HTML answer is not stored, whatever type it claims', async ({ page }) => {
  await page.route(`${DREAMRENDER_HOST}/**`, (route) =>
    route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: SVG }),
  );
  await page.route('https://stablediffusionapi.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' },
      body: JSON.stringify({
        status: 'success',
        id: 5,
        output: [`data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`, `data:text/html;base64,${Buffer.from('<script>1</script>').toString('base64')}`],
      }),
    }),
  );
  await openFresh(page);
  await goLive(page, 'DreamRender-3.0', { baseUrl: DREAMRENDER_HOST, useProxy: false });
  await goLive(page, 'ModelsLab', { useProxy: false });
  for (const endpoint of ['dreamrender/generate_image', 'modelslab/text2img']) {
    await chooseEndpoint(page, endpoint);
    await field(page, 'prompt').fill('active content');
    await generate(page);
    const card = resultCard(page);
    await expect(card).toHaveAccessibleName('Job failed');
    await expect(card.getByRole('alert')).toContainText('is not an image (PNG, JPEG, WebP, GIF or AVIF)');
    await expect(card.getByRole('img')).toHaveCount(0);
  }
  const stored = await storedState(page);
  expect(stored.images).toEqual([]);
  expect(stored.jobs).not.toContain('<svg');
  expect(stored.jobs).not.toContain(KEY);
});

test('a key the provider echoes back is never stored nor shown', async ({ page }) => {
  await page.route('**/proxy/modelslab/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ status: 'error', message: `Invalid key ${KEY}`, meta: { key: KEY, prompt: 'echo' } }),
    }),
  );
  await openFresh(page);
  await goLive(page, 'ModelsLab', { useProxy: true });
  await chooseEndpoint(page, 'modelslab/text2img');
  await field(page, 'prompt').fill('echo my key');
  await generate(page);
  const card = resultCard(page);
  await expect(card).toHaveAccessibleName('Job failed');
  await expect(card.getByRole('alert')).toContainText('Invalid key <redacted>');
  await expect(page.locator('body')).not.toContainText(KEY);
  const stored = await storedState(page);
  expect(stored.jobs).toContain('Invalid key <redacted>');
  expect(stored.jobs).toContain('echo my key');
  expect(stored.jobs).not.toContain(KEY);
});

test('a failure of the local proxy is told as the proxy\'s, not the provider\'s', async ({ page }) => {
  await openFresh(page);
  // The real proxy refuses a loopback target before any connection (Settings takes the name: the policy
  // could list it, and only the proxy knows it is this machine; an IPv6 literal Settings refuses itself).
  await goLive(page, 'DreamRender-3.0', { baseUrl: 'https://localhost', useProxy: true });
  await chooseEndpoint(page, 'dreamrender/generate_image');
  await field(page, 'prompt').fill('to loopback');
  await generate(page);
  const alert = resultCard(page).getByRole('alert');
  await expect(alert).toContainText("The local proxy (this playground's server, not the provider) could not complete the request");
  await expect(alert).toContainText('Check the base URL in Settings');
  await expect(alert).not.toContainText('DreamRender-3.0 failed');
});

test('Settings refuses a non-https base URL for Live mode as soon as it is typed', async ({ page }) => {
  await openFresh(page);
  await openView(page, 'Settings');
  await page.getByRole('radiogroup', { name: 'Segmind mode' }).getByLabel('Live (your key)').check();
  const base = page.getByLabel('Segmind base URL');
  await base.fill('http://api.segmind.com');
  await expect(base).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('group', { name: 'Segmind' }).getByRole('alert')).toHaveText(
    "Segmind's base URL must start with https://. Until it is changed, no Live request is sent.",
  );
  await base.fill('https://api.segmind.com');
  await expect(base).not.toHaveAttribute('aria-invalid');
  await expect(page.getByRole('group', { name: 'Segmind' }).getByRole('alert')).toHaveCount(0);
});
