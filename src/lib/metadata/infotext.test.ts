import { describe, expect, it } from 'vitest';
import {
  buildInfotext,
  formatInfotext,
  infotextToParameters,
  parseInfotext,
  quoteInfotextValue,
  unquoteInfotextValue,
} from './infotext';

// The example in the web UI's own `parse_generation_parameters` docstring.
const WEBUI_EXAMPLE = [
  "girl with an artist's beret, determined, blue eyes, desert scene, computer monitors, heavy makeup, by Alphonse Mucha and Charlie Bowater, ((eyeshadow)), (coquettish), detailed, intricate",
  'Negative prompt: ugly, fat, obese, chubby, (((deformed))), [blurry], bad anatomy, disfigured, poorly drawn face, mutation, mutated, (extra_limb), (ugly), (poorly drawn hands), messy drawing',
  'Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 965400086, Size: 512x512, Model hash: 45dee52b',
].join('\n');

describe('parseInfotext', () => {
  it("reads the web UI's docstring example", () => {
    const info = parseInfotext(WEBUI_EXAMPLE);
    expect(info.prompt).toMatch(/^girl with an artist's beret, .*intricate$/);
    expect(info.negativePrompt).toMatch(/^ugly, fat, .*messy drawing$/);
    expect(info.params).toEqual({
      Steps: '20',
      Sampler: 'Euler a',
      'CFG scale': '7',
      Seed: '965400086',
      Size: '512x512',
      'Model hash': '45dee52b',
    });
    expect(infotextToParameters(info)).toEqual({
      prompt: info.prompt,
      negativePrompt: info.negativePrompt,
      steps: 20,
      sampler: 'Euler a',
      cfgScale: 7,
      seed: 965400086,
      width: 512,
      height: 512,
    });
  });

  it('joins multi-line prompts and multi-line negative prompts, trimming each line', () => {
    const info = parseInfotext(
      'a castle\n  on a hill  \nNegative prompt: blurry\nlow quality\nSteps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 5.5, Seed: 1, Size: 512x768',
    );
    expect(info.prompt).toBe('a castle\non a hill');
    expect(info.negativePrompt).toBe('blurry\nlow quality');
    const p = infotextToParameters(info);
    expect(p).toMatchObject({ width: 512, height: 768, cfgScale: 5.5, sampler: 'DPM++ 2M', scheduler: 'Karras' });
  });

  it('unquotes JSON-quoted values holding commas, colons and newlines', () => {
    const info = parseInfotext(
      'cat\nSteps: 20, Lora hashes: "add_detail: 7c6bad76eb54, epi: 1a2b", Template: "line one\\nline two", Seed: 3, Model: sd_xl_base_1.0, Version: v1.10.1',
    );
    expect(info.params['Lora hashes']).toBe('add_detail: 7c6bad76eb54, epi: 1a2b');
    expect(info.params['Template']).toBe('line one\nline two');
    expect(info.params['Model']).toBe('sd_xl_base_1.0');
    expect(info.params['Version']).toBe('v1.10.1');
    expect(info.params['Seed']).toBe('3');
  });

  it('keeps a quoted value that is not valid JSON as written', () => {
    expect(unquoteInfotextValue('"a\\qb"')).toBe('"a\\qb"');
    expect(unquoteInfotextValue('plain')).toBe('plain');
  });

  it('treats a last line with fewer than three pairs as prompt (the web UI rule)', () => {
    const info = parseInfotext('a portrait\nSteps: 20, Seed: 5');
    expect(info.prompt).toBe('a portrait\nSteps: 20, Seed: 5');
    expect(info.params).toEqual({});
  });

  it('is fine with missing keys and no negative prompt', () => {
    const info = parseInfotext('just a prompt\nSteps: 12, Sampler: Euler, Seed: 99');
    expect(info.negativePrompt).toBe('');
    const p = infotextToParameters(info);
    expect(p).toEqual({ prompt: 'just a prompt', steps: 12, sampler: 'Euler', seed: 99 });
    expect(p.width).toBeUndefined();
  });

  it('drops pairs with an empty value and reads a parameter line with no prompt', () => {
    const info = parseInfotext('Steps: 20, Sampler: , CFG scale: 7, Seed: 1');
    expect(info.prompt).toBe('');
    expect(info.params).toEqual({ Steps: '20', 'CFG scale': '7', Seed: '1' });
  });

  it('handles Windows line ends', () => {
    const info = parseInfotext('a\r\nNegative prompt: b\r\nSteps: 1, Seed: 2, CFG scale: 3');
    expect(info).toEqual({ prompt: 'a', negativePrompt: 'b', params: { Steps: '1', Seed: '2', 'CFG scale': '3' } });
  });
});

describe('formatInfotext and buildInfotext', () => {
  it('quotes only values holding a comma, colon or newline', () => {
    expect(quoteInfotextValue('Euler a')).toBe('Euler a');
    expect(quoteInfotextValue('a, b')).toBe('"a, b"');
    expect(quoteInfotextValue('x: y')).toBe('"x: y"');
    expect(quoteInfotextValue('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
  });

  it('writes the web UI layout and leaves out the negative prompt line when empty', () => {
    expect(formatInfotext('p', '', { Steps: 20, Seed: 1, Empty: undefined, Null: null, Blank: '' })).toBe('p\nSteps: 20, Seed: 1');
    expect(formatInfotext('p', 'n', { Steps: 20 })).toBe('p\nNegative prompt: n\nSteps: 20');
  });

  it('builds infotext from normalised parameters in the web UI order and reads it back', () => {
    const params = {
      prompt: 'a lighthouse at dusk, oil painting\nsecond line',
      negativePrompt: 'blurry, text',
      steps: 25,
      sampler: 'DPM++ 2M',
      scheduler: 'Karras',
      cfgScale: 6.5,
      seed: 4_294_967_295,
      width: 512,
      height: 768,
      model: 'realistic-vision: v5, fp16',
      denoisingStrength: 0.75,
    };
    const text = buildInfotext(params, { 'Provider': 'modelslab' });
    expect(text.split('\n').at(-1)).toBe(
      'Steps: 25, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 4294967295, Size: 512x768, Model: "realistic-vision: v5, fp16", Denoising strength: 0.75, Provider: modelslab',
    );
    expect(infotextToParameters(parseInfotext(text))).toEqual(params);
  });

  it('leaves out what is missing, and Size unless both sides are known', () => {
    expect(buildInfotext({ prompt: 'x', steps: 4, seed: 7, cfgScale: 1, width: 512 })).toBe('x\nSteps: 4, CFG scale: 1, Seed: 7');
  });
});
