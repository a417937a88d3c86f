import { describe, expect, it } from 'vitest';
import { getEndpoint } from '../providers/registry';
import { describeSent, InvalidParamsError, prepareParams } from './run-job';

describe('prepareParams', () => {
  const segmind = getEndpoint('segmind/sd1.5-dreamshaper')!;
  const modelslab = getEndpoint('modelslab/text2img')!;

  it('draws a concrete seed when the user asked for random (-1 or null)', () => {
    const a = prepareParams(segmind, { prompt: 'x', seed: -1 }, () => 0.5);
    expect(a.seed).toBe(2 ** 30);
    expect(a.params.seed).toBe(2 ** 30);
    const b = prepareParams(modelslab, { model_id: 'm', prompt: 'x', seed: null }, () => 0.25);
    expect(b.params.seed).toBe(2 ** 29);
  });

  it('keeps a seed the user chose', () => {
    expect(prepareParams(segmind, { prompt: 'x', seed: 1234 }, () => 0.5).params.seed).toBe(1234);
  });

  it('refuses parameters the schema rejects, naming the field', () => {
    expect(() => prepareParams(modelslab, { model_id: 'm', prompt: 'x', width: 2000 })).toThrow(InvalidParamsError);
    expect(() => prepareParams(modelslab, { model_id: 'm', prompt: 'x', width: 2000 })).toThrow(/width/);
  });

  it('fills schema defaults', () => {
    const { params } = prepareParams(segmind, { prompt: 'x' }, () => 0);
    expect(params).toMatchObject({ num_inference_steps: 20, guidance_scale: 7.5, img_width: 512, img_height: 512, seed: 0 });
  });
});

describe('describeSent', () => {
  it('says the init image sent (type, size, bytes, how) and the mask sent with it', () => {
    const sent = { width: 1024, height: 768, mime: 'image/jpeg', bytes: 186_000, how: 'scale 4032×3024 → 1024×768' };
    expect(describeSent(sent)).toBe('JPEG 1024×768, 182 KB (scale 4032×3024 → 1024×768)');
    expect(describeSent({ ...sent, bytes: 3 * 1024 * 1024, mask: { mime: 'image/png', bytes: 9000 } })).toBe('JPEG 1024×768, 3.0 MB (scale 4032×3024 → 1024×768); mask PNG, 9 KB');
  });
});
