import { describe, expect, it } from 'vitest';
import { dividerAt } from './ab-divider';

describe('dividerAt', () => {
  const box = { left: 100, width: 400 };
  it('is the pointer’s place across the box, in whole percent', () => {
    expect(dividerAt(100, box)).toBe(0);
    expect(dividerAt(300, box)).toBe(50);
    expect(dividerAt(181, box)).toBe(20);
    expect(dividerAt(500, box)).toBe(100);
  });
  it('stays within 0–100 when the drag leaves the box', () => {
    expect(dividerAt(20, box)).toBe(0);
    expect(dividerAt(900, box)).toBe(100);
  });
  it('keeps the middle for an empty box', () => {
    expect(dividerAt(120, { left: 0, width: 0 })).toBe(50);
  });
});
