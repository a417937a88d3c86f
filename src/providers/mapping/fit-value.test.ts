import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { param } from '../param';
import { describeField } from '../fields/describe';
import { fitNumber, formatNumber, numberRules } from './fit-value';

const rulesOf = (schema: z.ZodType) => numberRules(describeField('f', schema), schema);
const meta = { description: '', group: 'basic' } as const;

describe('numberRules', () => {
  it('reads range, whole numbers and multiples from the schema', () => {
    expect(rulesOf(param(z.number().int().min(64).max(1024).multipleOf(8).optional(), meta))).toEqual({
      min: 64,
      max: 1024,
      integer: true,
      multipleOf: 8,
    });
    expect(rulesOf(param(z.number().min(0.1).max(25).default(7.5), meta))).toEqual({ min: 0.1, max: 25, integer: false });
  });

  it('reads the allowed values of a numeric literal', () => {
    expect(rulesOf(param(z.literal([1024, 512, 768]).default(512), meta))).toEqual({ integer: true, options: [512, 768, 1024] });
  });

  it('knows a seed is a whole number', () => {
    const seed = param(z.number().int().min(-1).max(10).default(-1), { ...meta, widget: 'seed' });
    expect(rulesOf(seed).integer).toBe(true);
  });
});

describe('fitNumber', () => {
  it('leaves a fitting value alone', () => {
    expect(fitNumber(30, { min: 1, max: 50, integer: true })).toEqual({ value: 30, notes: [] });
  });

  it('clamps to the range with a note', () => {
    expect(fitNumber(15, { min: 20, max: 100, integer: true })).toEqual({ value: 20, notes: ['15 is below the minimum 20: 20 is sent'] });
    expect(fitNumber(60, { min: 1, max: 50, integer: true })).toEqual({ value: 50, notes: ['60 is above the maximum 50: 50 is sent'] });
  });

  it('picks the nearest allowed value, the larger on a tie', () => {
    const steps = { integer: true, options: [21, 31, 41, 51] };
    expect(fitNumber(30, steps)).toEqual({ value: 31, notes: ['30 is not one of 21, 31, 41, 51: the nearest, 31, is sent'] });
    expect(fitNumber(26, steps).value).toBe(31);
    expect(fitNumber(100, steps).value).toBe(51);
    expect(fitNumber(600, { integer: true, options: [512, 768, 1024] }).value).toBe(512);
    expect(fitNumber(700, { integer: true, options: [512, 768, 1024] }).value).toBe(768);
  });

  it('rounds to whole numbers and to multiples, staying in range', () => {
    expect(fitNumber(30.6, { min: 1, max: 50, integer: true })).toEqual({ value: 31, notes: ['30.6 is not a whole number: 31 is sent'] });
    expect(fitNumber(500, { min: 64, max: 1024, integer: true, multipleOf: 8 })).toEqual({ value: 504, notes: ['500 is not a multiple of 8: 504 is sent'] });
    expect(fitNumber(1030, { min: 64, max: 1020, integer: true, multipleOf: 8 })).toEqual({ value: 1016, notes: ['1030 is above the maximum 1020: 1016 is sent'] });
    expect(fitNumber(10, { min: 64, max: 1024, integer: true, multipleOf: 8 }).value).toBe(64);
  });

  it('formats without float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
  });
});
