import { describe, expect, it } from 'vitest';
import { carryMaskBox, maskBoxHint, rememberMaskBox } from './mask-hints';

describe('mask hints', () => {
  it('carries a data URL’s box to the stored mask’s reference', () => {
    const box = { x: 10, y: 20, width: 30, height: 40 };
    rememberMaskBox('data:image/png;base64,AAAA', box);
    carryMaskBox('data:image/png;base64,AAAA', 'local:mask-1');
    expect(maskBoxHint('local:mask-1')).toEqual(box);
  });

  it('carries "nothing painted" (null) too, and nothing for an unknown source', () => {
    rememberMaskBox('data:image/png;base64,BBBB', null);
    carryMaskBox('data:image/png;base64,BBBB', 'local:mask-2');
    expect(maskBoxHint('local:mask-2')).toBeNull();
    carryMaskBox('data:image/png;base64,unknown', 'local:mask-3');
    expect(maskBoxHint('local:mask-3')).toBeUndefined();
  });

  it('keeps only the last few', () => {
    for (let i = 0; i < 10; i++) rememberMaskBox(`k${i}`, { x: i, y: 0, width: 1, height: 1 });
    expect(maskBoxHint('k0')).toBeUndefined();
    expect(maskBoxHint('k9')).toEqual({ x: 9, y: 0, width: 1, height: 1 });
  });
});
