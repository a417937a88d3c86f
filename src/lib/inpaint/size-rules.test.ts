import { describe, expect, it } from 'vitest';
import { allowsSize, axisValues, chooseSendSize, nearestAllowed } from './size-rules';
import { MODELSLAB_SIZE_RULE, SEGMIND_SIZE_RULE } from './size-rule-test-helpers';
import type { SizeRule } from './size-rules';

describe('axisValues', () => {
  it('lists every multiple in a range and sorts a fixed list', () => {
    const range = axisValues({ kind: 'range', min: 60, max: 100, multiple: 8 });
    expect(range).toEqual([64, 72, 80, 88, 96]);
    expect(axisValues({ kind: 'fixed', values: [1024, 512, 768, 512] })).toEqual([512, 768, 1024]);
    expect(axisValues(MODELSLAB_SIZE_RULE.width).at(-1)).toBe(1024);
  });
  it('nearestAllowed rounds to a multiple or the nearest listed value', () => {
    expect(nearestAllowed(MODELSLAB_SIZE_RULE.height, 341.3)).toBe(344);
    expect(nearestAllowed(MODELSLAB_SIZE_RULE.height, 5000)).toBe(1024);
    expect(nearestAllowed(SEGMIND_SIZE_RULE.height, 600)).toBe(512);
    expect(nearestAllowed(SEGMIND_SIZE_RULE.height, 640)).toBe(768);
  });
});

describe('chooseSendSize', () => {
  it('ModelsLab: the long side at 1024, the other a multiple of 8 matching the aspect', () => {
    expect(chooseSendSize(4 / 3, MODELSLAB_SIZE_RULE)).toEqual({ width: 1024, height: 768 });
    expect(chooseSendSize(3 / 4, MODELSLAB_SIZE_RULE)).toEqual({ width: 768, height: 1024 });
    expect(chooseSendSize(1, MODELSLAB_SIZE_RULE)).toEqual({ width: 1024, height: 1024 });
    expect(chooseSendSize(16 / 9, MODELSLAB_SIZE_RULE)).toEqual({ width: 1024, height: 576 });
    const odd = chooseSendSize(1.37, MODELSLAB_SIZE_RULE);
    expect(odd.width).toBe(1024);
    expect(odd.height % 8).toBe(0);
    expect(Math.abs(odd.width / odd.height / 1.37 - 1)).toBeLessThan(0.01);
  });
  it('ModelsLab: every answer is allowed, for many aspects', () => {
    for (let a = 0.05; a < 20; a *= 1.07) {
      const size = chooseSendSize(a, MODELSLAB_SIZE_RULE);
      expect(allowsSize(MODELSLAB_SIZE_RULE, size)).toBe(true);
      expect(Math.max(size.width, size.height)).toBeGreaterThanOrEqual(1016);
    }
  });
  it("Segmind: only 512/768/1024, the most pixels for the crop, then the nearest aspect", () => {
    expect(chooseSendSize(1, SEGMIND_SIZE_RULE)).toEqual({ width: 1024, height: 1024 });
    expect(chooseSendSize(4 / 3, SEGMIND_SIZE_RULE)).toEqual({ width: 1024, height: 768 });
    expect(chooseSendSize(0.5, SEGMIND_SIZE_RULE)).toEqual({ width: 512, height: 1024 });
    expect(chooseSendSize(1.5, SEGMIND_SIZE_RULE)).toEqual({ width: 1024, height: 768 });
    expect(chooseSendSize(5, SEGMIND_SIZE_RULE)).toEqual({ width: 1024, height: 512 });
    expect(chooseSendSize(1.1, SEGMIND_SIZE_RULE)).toEqual({ width: 1024, height: 1024 });
  });
  it('a mixed rule (one axis fixed, one a range) works the same way', () => {
    const rule: SizeRule = { width: { kind: 'fixed', values: [512, 1024] }, height: { kind: 'range', min: 256, max: 2048, multiple: 64 } };
    expect(chooseSendSize(0.5, rule)).toEqual({ width: 1024, height: 2048 });
    expect(chooseSendSize(2, rule)).toEqual({ width: 1024, height: 512 });
  });
  it('rejects a bad aspect or an empty rule', () => {
    expect(() => chooseSendSize(0, MODELSLAB_SIZE_RULE)).toThrow(RangeError);
    expect(() => chooseSendSize(Number.NaN, MODELSLAB_SIZE_RULE)).toThrow(RangeError);
    expect(() => chooseSendSize(1, { width: { kind: 'fixed', values: [] }, height: SEGMIND_SIZE_RULE.height })).toThrow(RangeError);
  });
});
