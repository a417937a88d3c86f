/**
 * The page's Content-Security-Policy and Settings agree (issue 22, finding 9): the policy names the
 * registry's hosts and the servers the user configured (through a cookie of origins, applied on
 * the next load); Settings refuses, with the reason, a base URL the policy could not name, and says
 * when a reload is needed; "Load URL" of an image on another origin either loads or says why not.
 * No route is mocked: the production server, its proxy and the page itself.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chooseEndpoint, openFresh, openView } from './fixtures/playground';

const A1111 = 'AUTOMATIC1111 (Stable Diffusion WebUI)';

async function a1111Card(page: Page) {
  await openView(page, 'Settings');
  const card = page.getByRole('group', { name: A1111 });
  await card.getByRole('radiogroup', { name: `${A1111} mode` }).getByLabel('Your server').check();
  return card;
}

async function pagePolicy(page: Page): Promise<string> {
  // The page's own request context: it carries the browser's cookies.
  return (await page.request.get('/')).headers()['content-security-policy'] ?? '';
}

async function loadUrl(page: Page, url: string) {
  await page.getByLabel('Image URL').fill(url);
  await page.getByRole('button', { name: 'Load URL' }).click();
}

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

test('Settings refuses what the policy would block, with the reason, and asks for a reload for a new server', async ({ page }) => {
  const card = await a1111Card(page);
  const base = card.getByLabel(`${A1111} base URL`);
  await base.fill('http://[::1]:7860');
  await base.press('Enter');
  await expect(card).toContainText("base URL names an IPv6 address, which the page's security policy cannot list: use 127.0.0.1 or localhost for this machine, or a host name.");
  await expect(base).toHaveAttribute('aria-invalid', 'true');
  await base.fill('http://192.168.1.20:7860');
  await base.press('Enter');
  await expect(card).toContainText('base URL must start with https://, or http:// on this machine (127.0.0.1 or localhost).');

  // Another loopback address is fine, but the page loaded without it in its policy.
  await base.fill('http://127.0.0.2:7860');
  await base.press('Enter');
  await expect(base).not.toHaveAttribute('aria-invalid', 'true');
  const notice = card.getByRole('status').filter({ hasText: 'after a reload' });
  await expect(notice).toContainText('This page may connect to http://127.0.0.2:7860 after a reload');
  expect(await pagePolicy(page)).toContain('connect-src \'self\' blob: data: https://stablediffusionapi.com');
  expect(await pagePolicy(page)).toContain(' http://127.0.0.2:7860');
  // Generate before the reload says so instead of letting the browser block the request.
  await openView(page, 'Playground');
  await chooseEndpoint(page, 'a1111/txt2img');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByText(/may connect to http:\/\/127\.0\.0\.2:7860 after a reload.*Reload the page/)).toBeVisible();

  await openView(page, 'Settings');
  await page.getByRole('group', { name: A1111 }).getByRole('button', { name: 'Reload now' }).click();
  await openView(page, 'Settings');
  const reloaded = page.getByRole('group', { name: A1111 });
  await expect(reloaded.getByLabel(`${A1111} base URL`)).toHaveValue('http://127.0.0.2:7860');
  await expect(reloaded.getByRole('button', { name: 'Reload now' })).toHaveCount(0);
});

test('Load URL: an image on a configured server loads; one the page may not reach says why', async ({ page, baseURL }) => {
  // The playground's own server under its other loopback name: another origin for this page.
  const other = `http://localhost:${new URL(baseURL!).port}`;
  await chooseEndpoint(page, 'modelslab/img2img');
  const status = page.getByRole('alert');

  // Not in the page's policy: the server would fetch it, and refuses a loopback address or an odd port for anyone.
  await loadUrl(page, `${other}/samples/init-512.png`);
  await expect(status).toContainText(`Couldn't load ${other}/samples/init-512.png: Images are fetched from the usual port (80 for http) only, not`);
  await expect(status).toContainText('Save the image and choose it as a file.');
  await loadUrl(page, 'http://127.0.0.2/x.png');
  await expect(status).toContainText("Couldn't load http://127.0.0.2/x.png: That address is on this machine or a private network, which the server never fetches from.");
  await loadUrl(page, 'https://images.example:8443/x.png');
  await expect(status).toContainText('Images are fetched from the usual port (443 for https) only, not 8443');

  // Configured as the local server, it is in the policy after a reload, and its image loads.
  const card = await a1111Card(page);
  await card.getByLabel(`${A1111} base URL`).fill(other);
  await card.getByLabel(`${A1111} base URL`).press('Enter');
  await card.getByRole('button', { name: 'Reload now' }).click();
  await expect(page.getByRole('group', { name: A1111 }).getByLabel(`${A1111} base URL`)).toHaveValue(other);
  await openView(page, 'Playground');
  await expect(page.getByRole('button', { name: 'Generate', exact: true })).toBeEnabled();
  await chooseEndpoint(page, 'modelslab/img2img');
  await loadUrl(page, `${other}/samples/init-512.png`);
  await expect(page.getByRole('img', { name: /512×512/ }).or(page.getByLabel(/Init image: 512×512|Mask canvas: 512×512/)).first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: "isn't allowed to read this image's pixels" })).toBeVisible();
});

test('a result on a file host the policy does not list is read through the server, never fetched by the page', async ({ page }) => {
  const KEY = 'e2e-policy-live-key-777';
  const cdn = 'https://cdn.e2e.test/generations/out-0.png';
  // ModelsLab's live answer (replayed): its image lives on a host the registry does not name.
  await page.route('https://stablediffusionapi.com/**', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' },
      body: JSON.stringify({ status: 'success', id: 7, output: [cdn], meta: { seed: 3 } }),
    }),
  );
  const direct: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith('https://cdn.e2e.test/')) direct.push(r.url());
  });
  await openView(page, 'Settings');
  await page.getByRole('radiogroup', { name: 'ModelsLab mode' }).getByLabel('Live (your key)').check();
  await page.getByLabel('ModelsLab API key').fill(KEY);
  await page.getByRole('group', { name: 'ModelsLab' }).getByLabel('route through the local proxy').uncheck();
  await openView(page, 'Playground');
  await chooseEndpoint(page, 'modelslab/text2img');
  await page.getByRole('form').getByLabel('prompt', { exact: true }).fill('a file on a CDN');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  // The server tried it (and, offline, could not resolve the name): its reason is shown, the link kept.
  await expect(page.getByText('that host name could not be resolved. The link is kept.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open the link' })).toHaveAttribute('href', cdn);
  expect(direct).toEqual([]);
});
