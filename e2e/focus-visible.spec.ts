/**
 * Issue 20, item 5: tabbing through the whole form (Advanced open), forward and back, never leaves
 * the focused control under the sticky header or the sticky Generate bar: at 1440×900, and on a
 * tablet and a phone, where the header takes two rows.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chooseEndpoint, openFresh, resetSandbox } from './fixtures/playground';

/** Presses `key` until focus leaves the form again; each control it stops on that is covered, named. */
async function walk(page: Page, key: 'Tab' | 'Shift+Tab') {
  const covered: string[] = [];
  let stops = 0;
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press(key);
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
  return { covered, stops };
}

for (const size of [
  { width: 1440, height: 900 },
  { width: 820, height: 1180 },
  { width: 390, height: 844 },
]) {
  test(`Tab through the whole form with Advanced open, and back: focus is never covered (${size.width}×${size.height})`, async ({ page, request }) => {
    await resetSandbox(request);
    await page.setViewportSize(size);
    await openFresh(page);
    await chooseEndpoint(page, 'modelslab/text2img');
    await page.locator('summary', { hasText: 'Advanced' }).click();
    await page.getByLabel('Endpoint').focus();
    const forward = await walk(page, 'Tab');
    console.log(`${size.width}×${size.height}: focus stops in the form: ${forward.stops}`);
    expect(forward.stops).toBeGreaterThan(20);
    expect(forward.covered).toEqual([]);
    // And back up from where it left the form: now the header is the one that could cover it.
    const back = await walk(page, 'Shift+Tab');
    expect(back.stops).toBeGreaterThan(20);
    expect(back.covered).toEqual([]);
  });
}
