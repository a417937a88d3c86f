import { describe, expect, it } from 'vitest';
import { buildSetup, decodeSetup, encodeSetup, setupLink } from './share-link';

describe('share links', () => {
  it('round-trip the endpoint and its parameters through the fragment, unicode included', () => {
    const setup = buildSetup('modelslab/text2img', { prompt: 'a fox, 日本 "quoted"', seed: 42, width: 512, empty: undefined });
    expect(setup).toEqual({ v: 1, endpoint: 'modelslab/text2img', params: { prompt: 'a fox, 日本 "quoted"', seed: 42, width: 512 } });
    const link = setupLink(setup, 'http://127.0.0.1:5173/?x=1#/gallery');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:5173\/\?x=1#\/playground\?setup=[A-Za-z0-9_-]+$/);
    expect(decodeSetup(link.split('setup=')[1])).toEqual(setup);
  });

  it('leaves out init images and masks, and says so; never a key-like field', () => {
    const setup = buildSetup('modelslab/img2img', { prompt: 'x', init_image: 'data:image/png;base64,AAAA', key: 'sk-secret' });
    expect(setup.params).toEqual({ prompt: 'x' });
    expect(setup.omitted).toEqual(['init_image']);
    expect(JSON.stringify(setup)).not.toContain('sk-secret');
  });

  it('carries the batch count and seed mode', () => {
    const setup = buildSetup('segmind/sd1.5-dreamshaper', { prompt: 'x' }, { count: 4, seeds: 'drawn' });
    expect(decodeSetup(encodeSetup(setup))?.batch).toEqual({ count: 4, seeds: 'drawn' });
    expect(decodeSetup(encodeSetup({ ...setup, batch: { count: 0, seeds: 'drawn' } }))).toBeUndefined();
  });

  it('refuses damaged links and unknown endpoints', () => {
    expect(decodeSetup('%%%')).toBeUndefined();
    expect(decodeSetup(encodeSetup({ v: 1, endpoint: 'nowhere/x', params: {} }))).toBeUndefined();
    expect(decodeSetup(undefined)).toBeUndefined();
  });
});
