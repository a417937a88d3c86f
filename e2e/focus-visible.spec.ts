/**
 * Issue 20, item 5: tabbing through the whole form (Advanced open) at 1440×900 never leaves the
 * focused control under the sticky header or the sticky Generate bar.
 */
import { expect, test } from '@playwright/test';
import { chooseEndpoint, openFresh, resetSandbox } from './fixtures/playground';

test('Tab through the whole form with Advanced open: focus is never covered', async ({ page, request }) => {
  await resetSandbox(request);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openFresh(page);
  await chooseEndpoint(page, 'modelslab/text2img');
  await page.locator('summary', { hasText: 'Advanced' }).click();
  await page.getByLabel('Endpoint').focus();
  const covered: string[] = [];
  let stops = 0;
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const form = document.getElementById('playground-form');
      if (!el || !form || !form.contains(el)) return { inForm: false, name: el?.getAttribute('aria-label') ?? el?.tagName ?? '' };
      const r = el.getBoundingClientRect();
      const header = document.querySelector('header')!.getBoundingClientRect();
      const bar = form.querySelector('[role="group"][aria-label="Actions"]')!;
      const b = bar.getBoundingClientRect();
      const inBar = bar.contains(el);
      const name = el.id || el.getAttribute('aria-label') || el.textContent || el.tagName;
      const underHeader = r.top < header.bottom;
      const underBar = !inBar && r.bottom > b.top;
      return { inForm: true, name, covered: underHeader || underBar, rect: [Math.round(r.top), Math.round(r.bottom)], header: Math.round(header.bottom), bar: Math.round(b.top), inBar };
    });
    if (!seen.inForm) {
      if (stops > 0) break;
      continue;
    }
    stops++;
    if (seen.covered) covered.push(`${seen.name} at ${JSON.stringify(seen.rect)} (header ends ${seen.header}, bar starts ${seen.bar})`);
  }
  console.log(`focus stops in the form: ${stops}`);
  expect(stops).toBeGreaterThan(20);
  expect(covered).toEqual([]);
});
