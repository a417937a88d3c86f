import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleInit, sampleMask } from './make-samples';
import { decodePng } from './png';
import { maskLuminance } from './raster';
import { download, postJson, sameBytes, startReceiver, startTwin, LOOPBACK_RECEIVERS } from './test-helpers';
import type { RunningServer } from './test-helpers';

const read = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../public/samples/${name}`, import.meta.url))));
const init = read('init-512.png');
const mask = read('mask-512.png');

let twin: RunningServer;
let site: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  twin = await startTwin({ outbound: LOOPBACK_RECEIVERS });
  // Stands in for the dev server's public folder (http://127.0.0.1:5173/samples/...).
  site = await startReceiver({ '/samples/init-512.png': init, '/samples/mask-512.png': mask });
});
afterAll(async () => {
  await twin.close();
  await site.close();
});

describe('public samples', () => {
  it('are what make-samples.ts writes (regenerate them after changing the synthesiser)', () => {
    // Pixels, not file bytes: another zlib build may compress the same pixels differently.
    expect(sameBytes(decodePng(init).data, sampleInit().data)).toBe(true);
    expect(sameBytes(decodePng(mask).data, sampleMask().data)).toBe(true);
    const m = decodePng(mask);
    expect([m.width, m.height, m.data[0], m.data[(256 * 512 + 256) * 4]]).toEqual([512, 512, 0, 255]);
  });

  it('work as ModelsLab inpainting inputs by URL, keeping every black-mask pixel', async () => {
    const res = await postJson(`${twin.base}/sandbox/modelslab/api/v4/dreambooth/inpaint`, {
      key: 'k',
      model_id: 'm',
      prompt: 'a glowing orb',
      init_image: `${site.base}/samples/init-512.png`,
      mask_image: `${site.base}/samples/mask-512.png`,
      seed: 1,
    });
    const body = (await res.json()) as { status: string; output: string[] };
    expect(body.status).toBe('success');
    const out = decodePng(await download(body.output[0] ?? ''));
    const original = decodePng(init);
    const lum = maskLuminance(decodePng(mask));
    let kept = 0;
    let changed = 0;
    for (let p = 0; p < lum.length; p++) {
      const same = [0, 1, 2, 3].every((k) => out.data[p * 4 + k] === original.data[p * 4 + k]);
      if ((lum[p] ?? 0) < 128) kept += same ? 1 : 0;
      else changed += same ? 0 : 1;
    }
    const black = lum.filter((v) => v < 128).length;
    expect(kept).toBe(black);
    expect(changed).toBeGreaterThan((lum.length - black) / 2);
  });
});
