/**
 * A setup link is hostile input: it may not plant a webhook (or any URL) unseen, every value it
 * sets that is not a prompt or a number is named in the notice, a link over the size limit is
 * refused with a clear message, and opening a link leaves the drafts as they were until the
 * user edits or generates.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { chooseEndpoint, field, openFresh } from './fixtures/playground';

const linkTo = (page: Page, setup: unknown) =>
  `${new URL(page.url()).origin}/#/playground?setup=${Buffer.from(JSON.stringify(setup)).toString('base64url')}`;

const hostile = {
  v: 1,
  endpoint: 'modelslab/text2img',
  params: { prompt: 'a fox from a link', seed: 7, model_id: 'planted-model', track_id: 'T-4711', webhook: 'https://collect.e2e.test/hook' },
};

test.beforeEach(async ({ page }) => {
  await openFresh(page);
});

test('a link names what it sets, never fills a webhook, and leaves the drafts alone until an edit', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/text2img');
  await field(page, 'prompt').fill('my own draft');
  await expect.poll(() => page.evaluate(() => Object.values(localStorage).some((v) => v.includes('my own draft')))).toBe(true);

  await page.goto(linkTo(page, hostile));
  const notice = page.getByText(/^Filled from a shared link/);
  await expect(notice).toContainText('It set model_id: "planted-model", track_id: "T-4711".');
  await expect(notice).toContainText('Left out: webhook "https://collect.e2e.test/hook" (a link may not set where requests or results go).');
  await expect(field(page, 'prompt')).toHaveValue('a fox from a link');
  const body = page.getByLabel('Request body');
  await expect(body).toContainText('planted-model');
  await expect(body).not.toContainText('collect.e2e.test');

  // Not saved: a reload shows the draft the user had.
  await page.reload();
  await expect(field(page, 'prompt')).toHaveValue('my own draft');
  expect(await page.evaluate(() => Object.values(localStorage).some((v) => v.includes('planted-model')))).toBe(false);

  // An edit makes the form the user's own: then it is saved.
  await page.goto(linkTo(page, hostile));
  await expect(field(page, 'prompt')).toHaveValue('a fox from a link');
  await field(page, 'prompt').fill('a fox, edited');
  await expect.poll(() => page.evaluate(() => Object.values(localStorage).some((v) => v.includes('a fox, edited')))).toBe(true);
});

test('a link over the size limit is refused with its size, and the form is left as it was', async ({ page }) => {
  await chooseEndpoint(page, 'modelslab/text2img');
  await field(page, 'prompt').fill('kept');
  const started = Date.now();
  await page.goto(linkTo(page, { ...hostile, params: { prompt: 'x'.repeat(700_000) } }));
  await expect(page.getByText(/^The link is too large \(\d+ KB; a setup link holds at most 64 KB\): the form was left as it was\.$/)).toBeVisible();
  await expect(field(page, 'prompt')).toHaveValue('kept');
  console.log(`a 700 KB link: answered in ${Date.now() - started} ms`);
});
