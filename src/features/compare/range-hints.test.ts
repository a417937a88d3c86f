import { describe, expect, it } from 'vitest';
import { acceptedRange, knownSchedulers, rangeHint } from './range-hints';

describe('range hints from the schemas', () => {
  it('names each endpoint’s range or allowed values', () => {
    expect(acceptedRange('segmind/sd1.5-dreamshaper', 'steps')).toBe('20–100');
    expect(acceptedRange('modelslab/text2img', 'steps')).toBe('21/31/41/51');
    expect(acceptedRange('modelslab/text2img', 'width')).toBe('64–1024 ×8');
    expect(acceptedRange('segmind/sd1.5-dreamshaper', 'width')).toBe('512/768/1024');
    expect(acceptedRange('segmind/sd1.5-inpainting', 'width')).toBeUndefined();
  });

  it('joins them per distinct endpoint', () => {
    expect(rangeHint(['segmind/sd1.5-inpainting', 'modelslab/inpaint', 'modelslab/inpaint'], 'width')).toBe('sd1.5-inpainting: not taken · inpaint: 64–1024 ×8');
  });

  it('knows every scheduler name', () => {
    const names = knownSchedulers();
    expect(names).toContain('EulerAncestralDiscreteScheduler');
    expect(names).toContain('Euler a');
    expect(names).toContain('dpmpp_2m');
  });
});
