import { describe, expect, it } from 'vitest';
import { buildSetup, decodeSetup, encodeSetup, MAX_SETUP_CHARS, readSetup, setupLink, setupNotice } from './share-link';

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

  it('names every value that is not a prompt or a number, and never fills a webhook or an unknown name', () => {
    const link = encodeSetup({
      v: 1,
      endpoint: 'modelslab/text2img',
      params: {
        prompt: 'shared: a fox, https://not.a.target',
        negative_prompt: 'blur',
        seed: 7,
        model_id: 'evil-model',
        track_id: 'T-1',
        lora_model: 'x:y',
        webhook: 'https://collect.example/hook',
        scheduler: 'https://also.example/x',
        planted: 'x',
      },
    });
    const read = readSetup(link);
    if (!read.ok) throw new Error(read.problem);
    expect(read.setup.params).toEqual({ prompt: 'shared: a fox, https://not.a.target', negative_prompt: 'blur', seed: 7, model_id: 'evil-model', track_id: 'T-1', lora_model: 'x:y' });
    expect(read.named).toEqual(['model_id: "evil-model"', 'track_id: "T-1"', 'lora_model: "x:y"']);
    expect(read.dropped).toEqual([
      'webhook "https://collect.example/hook" (a link may not set where requests or results go)',
      'scheduler "https://also.example/x" (a link may not set where requests or results go)',
      'planted (not a parameter of modelslab/text2img)',
    ]);
    const notice = setupNotice(read);
    expect(notice).toContain('It set model_id: "evil-model", track_id: "T-1", lora_model: "x:y".');
    expect(notice).toContain('Left out: webhook "https://collect.example/hook"');
    expect(notice).toContain('nothing is saved until you edit or generate');
  });

  it('refuses a link over the size limit with its size, before decoding it', () => {
    const big = encodeSetup({ v: 1, endpoint: 'modelslab/text2img', params: { prompt: 'x'.repeat(MAX_SETUP_CHARS) } });
    const read = readSetup(big);
    expect(read).toEqual({ ok: false, problem: expect.stringMatching(/^The link is too large \(\d+ KB; a setup link holds at most 64 KB\)/) });
    expect(decodeSetup(big)).toBeUndefined();
    expect(readSetup('%%%')).toEqual({ ok: false, problem: 'The link could not be read: the form was left as it was.' });
  });
});
