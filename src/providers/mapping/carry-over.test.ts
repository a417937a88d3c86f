import { describe, expect, it } from 'vitest';
import { getEndpoint } from '../registry';
import { carryOver } from './carry-over';
import { endpointFields } from './map-params';

const ep = (id: string) => getEndpoint(id)!;
const nameOf = (id: string, role: string) => endpointFields(ep(id)).find((f) => f.role === role)?.name;

describe('carryOver', () => {
  const ids = ['dreamrender/generate_image', 'modelslab/text2img', 'segmind/sd1.5-dreamshaper', 'segmind/sd1.5-img2img'];
  it('takes the prompt and negative prompt under each endpoint’s own names', () => {
    for (const from of ids) {
      for (const to of ids) {
        const values = { [nameOf(from, 'prompt')!]: 'a red fox', ...(nameOf(from, 'negativePrompt') ? { [nameOf(from, 'negativePrompt')!]: 'blurry' } : {}) };
        const out = carryOver(ep(from), values, ep(to));
        expect(out[nameOf(to, 'prompt')!]).toBe('a red fox');
        const neg = nameOf(to, 'negativePrompt');
        if (neg && nameOf(from, 'negativePrompt')) expect(out[neg]).toBe('blurry');
      }
    }
  });
  it('carries nothing else unless asked, and fits a carried number to the target', () => {
    const from = ep('modelslab/text2img');
    const to = ep('segmind/sd1.5-dreamshaper');
    const steps = nameOf(from.id, 'steps')!;
    expect(Object.keys(carryOver(from, { [steps]: 20 }, to))).toEqual([]);
    const out = carryOver(from, { [steps]: 20, [nameOf(from.id, 'seed')!]: 7 }, to, ['steps', 'seed']);
    expect(out[nameOf(to.id, 'seed')!]).toBe(7);
    expect(typeof out[nameOf(to.id, 'steps')!]).toBe('number');
  });
  it('leaves out a value the source does not hold', () => {
    expect(carryOver(ep('modelslab/text2img'), {}, ep('segmind/sd1.5-dreamshaper'))).toEqual({});
  });
});
