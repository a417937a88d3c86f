/**
 * The production server's security headers, and the page living within its Content-Security-Policy:
 * across the main flows (three providers, img2img and inpainting from the canvas, the gallery,
 * a comparison, settings) not one policy violation is reported.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { A1111_TXT2IMG, COMPARISON_DONE_MS, keepCompareTargets } from './fixtures/compare';
import { chooseEndpoint, field, generate, openFresh, openView, resetSandbox, resultCard, settled } from './fixtures/playground';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/** Collects every CSP violation the page reports (DOM events, across reloads) or logs (console). */
async function watchViolations(page: Page): Promise<{ events: Violation[]; console: string[] }> {
  const events: Violation[] = [];
  const consoleLines: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) consoleLines.push(msg.text());
  });
  await page.exposeFunction('__reportCspViolation', (v: Violation) => events.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation: (v: Violation) => void }).__reportCspViolation;
      void report({ directive: e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
  return { events, console: consoleLines };
}

const REQUIRED = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

test('every kind of answer carries the security headers', async ({ request }) => {
  await resetSandbox(request);
  const page = await request.get('/');
  const html = await page.text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeTruthy();
  const answers = [
    page,
    await request.get(asset!),
    await request.get('/gallery'),
    await request.get('/sandbox/_control'),
    await request.get('/sandbox/files/missing.png'),
    await request.get('/proxy/_ping'),
    await request.post('/proxy/segmind/v1/x', { headers: { 'x-playground-target': 'https://127.0.0.1' }, data: {} }),
  ];
  for (const answer of answers) {
    const headers = answer.headers();
    expect(headers, answer.url()).toMatchObject(REQUIRED);
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    // Named hosts only: no https: wildcard, no loopback port range.
    expect(csp).toMatch(/connect-src 'self' blob: data: https:\/\/stablediffusionapi\.com [^;]*http:\/\/127\.0\.0\.1:7860 /);
    expect(csp).not.toMatch(/ https: | http:\/\/127\.0\.0\.1:\*/);
  }
});

test('the main flows run without a single Content-Security-Policy violation', async ({ page, request }) => {
  test.setTimeout(120_000);
  await resetSandbox(request);
  const violations = await watchViolations(page);
  await openFresh(page);

  // Text to image on each provider.
  for (const endpoint of ['dreamrender/generate_image', 'modelslab/text2img', 'segmind/sd1.5-dreamshaper', 'a1111/txt2img']) {
    await chooseEndpoint(page, endpoint);
    await field(page, 'prompt').fill(`csp check ${endpoint}`);
    await generate(page);
    await expect(resultCard(page)).toHaveAccessibleName('Job done');
    await expect(resultCard(page).getByRole('img', { name: /seed \d+/ })).toBeVisible();
  }

  // Image to image and inpainting from the canvas.
  await chooseEndpoint(page, 'segmind/sd1.5-img2img');
  await page.getByRole('button', { name: 'Use sample image' }).click();
  await expect(field(page, 'image')).toHaveValue(/local image/);
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');
  await chooseEndpoint(page, 'modelslab/inpaint');
  await page.getByRole('button', { name: 'Use sample image' }).click();
  const stage = page.getByRole('img', { name: /^(Mask canvas|Init image)/ });
  // As a person reaching for the canvas: scroll the results column up to it (that also stops the
  // column following the last result; painting while it scrolled away drew on the result card).
  await resultCard(page).hover();
  await page.mouse.wheel(0, -3000);
  await stage.scrollIntoViewIfNeeded();
  await expect(stage).toBeInViewport();
  const box = (await stage.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByRole('img', { name: 'Mask as sent' })).toBeVisible();
  await generate(page);
  await expect(resultCard(page)).toHaveAccessibleName('Job done');

  // The gallery and an image's details.
  await openView(page, 'Gallery');
  await page.getByRole('button', { name: /^Open image, seed / }).first().click();
  await expect(page.getByRole('dialog', { name: 'Image details' })).toBeVisible();
  await page.keyboard.press('Escape');

  // A comparison across the three providers.
  await openView(page, 'Compare');
  const four = ['DreamRender-3.0 generate_image', 'ModelsLab text2img', 'Segmind sd1.5-dreamshaper', A1111_TXT2IMG];
  await keepCompareTargets(page, four);
  await page.getByLabel('Prompt', { exact: true }).fill('a lighthouse on a cliff');
  await page.getByRole('button', { name: 'Run comparison (4 requests)' }).click();
  for (const label of four) {
    await expect(page.getByRole('article', { name: `Result: ${label}` }).getByText('done', { exact: true })).toBeVisible({ timeout: COMPARISON_DONE_MS });
  }

  // Settings, and a reload that restores everything.
  await openView(page, 'Settings');
  await page.reload();
  await expect(page.getByLabel('Endpoint').or(page.getByRole('navigation', { name: 'Views' }))).not.toHaveCount(0);

  // The page has loaded and is still (a violation is reported as its resource is refused).
  await page.waitForFunction(() => document.readyState === 'complete');
  await settled(page);
  expect(violations.events).toEqual([]);
  expect(violations.console).toEqual([]);
});
