import { describe, expect, it } from 'vitest';
import { coverageAfter, nextCoverage } from './mask-ops';
import type { MaskOp } from './mask-ops';

const paint: MaskOp = { kind: 'stroke', mode: 'paint', size: 10, points: new Float32Array([1, 1, 1]) };
const erase: MaskOp = { kind: 'stroke', mode: 'erase', size: 10, points: new Float32Array([1, 1, 1]) };
const invert: MaskOp = { kind: 'invert' };
const clear: MaskOp = { kind: 'clear' };

describe('coverage', () => {
  it('knows a mask painted with the brush only is not empty', () => {
    expect(coverageAfter('empty', [paint, paint])).toBe('some');
    expect(coverageAfter('full', [paint])).toBe('full');
  });

  it('knows erasing nothing leaves nothing', () => {
    expect(coverageAfter('empty', [erase, erase])).toBe('empty');
  });

  it('cannot tell after erasing something', () => {
    expect(coverageAfter('empty', [paint, erase])).toBe('unknown');
    expect(coverageAfter('empty', [paint, erase, paint])).toBe('some');
  });

  it('follows invert and clear', () => {
    expect(coverageAfter('empty', [invert])).toBe('full');
    expect(coverageAfter('empty', [invert, invert])).toBe('empty');
    expect(coverageAfter('empty', [paint, invert])).toBe('unknown');
    expect(coverageAfter('unknown', [clear])).toBe('empty');
    expect(coverageAfter('empty', [invert, erase])).toBe('unknown');
  });

  it('ignores empty strokes', () => {
    const nothing: MaskOp = { kind: 'stroke', mode: 'paint', size: 10, points: new Float32Array() };
    expect(nextCoverage('empty', nothing)).toBe('empty');
  });
});
