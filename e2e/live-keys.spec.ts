import { expect, test } from '@playwright/test';
import type { Page, Request, Route } from '@playwright/test';
import { chooseEndpoint, field, generate, openFresh, openView, recordRequests, resetSandbox, resultCard, reloadForNewHost } from './fixtures/playground';

const KEYS = {
  dreamrender: 'e2e-live-dreamrender-key-1',
  modelslab: 'e2e-live-modelslab-key-22',
  segmind: 'e2e-live-segmind-key-333',
};
const HOSTS = {
  dreamrender: 'https://render.e2e.test',
  modelslab: 'https://stablediffusionapi.com',
  segmind: 'https://api.segmind.com',
};
const PROVIDER_NAMES = { dreamrender: 'DreamRender-3.0', modelslab: 'ModelsLab', segmind: 'Segmind' } as const;
type P = keyof typeof KEYS;

async function body(r: Request): Promise<string> {
  return r.postDataBuffer()?.toString('latin1') ?? '';
}

async function goLive(page: Page, p: P, useProxy: boolean) {
  await openView(page, 'Settings');
  const name = PROVIDER_NAMES[p];
  await page.getByRole('radiogroup', { name: `${name} mode` }).getByLabel('Live (your key)').check();
  await page.getByLabel(`${name} API key`).fill(KEYS[p]);
  if (p === 'dreamrender') await page.getByLabel(`${name} base URL`).fill(HOSTS[p]);
  const proxy = page.getByRole('group', { name }).getByLabel('route through the local proxy');
  await (useProxy ? proxy.check() : proxy.uncheck());
  // DreamRender's host is the user's: a direct call needs it in the page's policy, set on load.
  if (p === 'dreamrender' && !useProxy) await reloadForNewHost(page, name);
  await openView(page, 'Playground');
}

for (const useProxy of [false, true]) {
  test(`a live key goes only to its own provider (${useProxy ? 'through the local proxy' : 'direct'})`, async ({ page, request }) => {
    await resetSandbox(request);
    // A real answer from the twins, replayed as the live providers' answers.
    const jpeg = await request.post('/sandbox/segmind/v1/sd1.5-dreamshaper', {
      headers: { 'x-api-key': 'e2e' },
      data: { prompt: 'replayed', seed: 7 },
    });
    const jpegBytes = await jpeg.body();
    const png = await request.fetch('/sandbox/dreamrender/api/generate_image', {
      method: 'POST',
      multipart: { dev_key: 'e2e', model: 'm', prompt: 'replayed', width: '64', height: '64', seed: '7' },
    });
    const pngBytes = await png.body();
    const answered: string[] = [];
    const fulfil = (p: P) => async (route: Route) => {
      answered.push(p);
      if (p === 'segmind') return route.fulfill({ status: 200, contentType: 'image/jpeg', headers: { 'x-seed-value': '42', 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-seed-value' }, body: jpegBytes });
      if (p === 'dreamrender') return route.fulfill({ status: 200, contentType: 'image/png', headers: { 'access-control-allow-origin': '*' }, body: pngBytes });
      const output = `data:image/png;base64,${pngBytes.toString('base64')}`;
      return route.fulfill({
        status: 200,
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type' },
        body: JSON.stringify({ status: 'success', generationTime: 1.5, id: 99, output: [output], meta: { seed: 42 } }),
      });
    };
    for (const p of Object.keys(KEYS) as P[]) {
      await page.route(useProxy ? `**/proxy/${p}/**` : `${HOSTS[p]}/**`, fulfil(p));
    }
    const console: string[] = [];
    page.on('console', (m) => console.push(m.text()));
    const requests = recordRequests(page);

    await openFresh(page);
    for (const p of Object.keys(KEYS) as P[]) await goLive(page, p, useProxy);
    for (const [p, endpoint] of [['dreamrender', 'dreamrender/generate_image'], ['modelslab', 'modelslab/text2img'], ['segmind', 'segmind/sd1.5-dreamshaper']] as const) {
      await chooseEndpoint(page, endpoint);
      await field(page, 'prompt').fill(`live ${p}`);
      await generate(page);
      // The card appears before the request leaves: wait for this provider's answer, not the last card's.
      await expect.poll(() => answered).toContain(p);
      await expect(resultCard(page)).toHaveAccessibleName('Job done');
    }
    expect(answered).toEqual(['dreamrender', 'modelslab', 'segmind']);

    for (const r of requests) {
      const url = r.url();
      const text = `${JSON.stringify(await r.allHeaders())}\n${await body(r)}`;
      for (const p of Object.keys(KEYS) as P[]) {
        expect(url, `a key in a URL: ${url}`).not.toContain(KEYS[p]);
        const own = useProxy ? url.includes(`/proxy/${p}/`) : url.startsWith(HOSTS[p]);
        if (!own) expect(text, `the ${p} key went to ${url}`).not.toContain(KEYS[p]);
      }
    }
    // Each key did go to its own provider, where it documents it.
    const toProvider = (p: P) => requests.filter((r) => (useProxy ? r.url().includes(`/proxy/${p}/`) : r.url().startsWith(HOSTS[p])) && r.method() === 'POST');
    expect(await body(toProvider('dreamrender')[0]!)).toContain(KEYS.dreamrender);
    expect(JSON.parse(await body(toProvider('modelslab')[0]!)).key).toBe(KEYS.modelslab);
    expect((await toProvider('segmind')[0]!.allHeaders())['x-api-key']).toBe(KEYS.segmind);

    for (const line of console) for (const k of Object.values(KEYS)) expect(line).not.toContain(k);
    // Nothing stored holds a key: not the jobs, not the settings.
    const stored = await page.evaluate(async () => {
      const all: unknown[] = [];
      for (const { name } of await indexedDB.databases()) {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const o = indexedDB.open(name!);
          o.onsuccess = () => res(o.result);
          o.onerror = () => rej(o.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          if (store !== 'jobs') continue;
          all.push(await new Promise((res) => {
            const q = db.transaction(store).objectStore(store).getAll();
            q.onsuccess = () => res(q.result);
          }));
        }
        db.close();
      }
      return JSON.stringify(all) + JSON.stringify({ ...localStorage });
    });
    for (const k of Object.values(KEYS)) expect(stored).not.toContain(k);
    expect(stored).toContain('live segmind');
  });
}
