import { describe, expect, it } from 'vitest';
import { maskBoxHint, rememberMaskBox } from './mask-hints';

describe('mask hints', () => {
  it('gives the box remembered for the stored mask’s reference', () => {
    const box = { x: 10, y: 20, width: 30, height: 40 };
    rememberMaskBox('local:mask-1', box);
    expect(maskBoxHint('local:mask-1')).toEqual(box);
  });

  it('gives "nothing painted" (null) too, and nothing for an unknown mask', () => {
    rememberMaskBox('local:mask-2', null);
    expect(maskBoxHint('local:mask-2')).toBeNull();
    expect(maskBoxHint('local:mask-3')).toBeUndefined();
  });

  it('keeps only the last few', () => {
    for (let i = 0; i < 10; i++) rememberMaskBox(`k${i}`, { x: i, y: 0, width: 1, height: 1 });
    expect(maskBoxHint('k0')).toBeUndefined();
    expect(maskBoxHint('k9')).toEqual({ x: 9, y: 0, width: 1, height: 1 });
  });
});
