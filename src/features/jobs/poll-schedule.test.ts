import { describe, expect, it } from 'vitest';
import { firstPollDue, pollDelayMs, pollRetryDelayMs } from './poll-schedule';

describe('poll schedule', () => {
  it('starts at the ETA, then backs off, within 1–30 s', () => {
    expect(pollDelayMs(3, 0)).toBe(3000);
    expect(pollDelayMs(3, 1)).toBe(3000);
    expect(pollDelayMs(3, 2)).toBe(4500);
    expect(pollDelayMs(3, 3)).toBe(6750);
    expect(pollDelayMs(3, 20)).toBe(30_000);
    expect(pollDelayMs(0.2, 0)).toBe(1000);
    expect(pollDelayMs(120, 0)).toBe(30_000);
    expect(pollDelayMs(undefined, 0)).toBe(5000);
  });
  it('waits for the ETA before the first poll; after a reload it polls at once', () => {
    expect(firstPollDue(10_000, 3, 12_000)).toBe(false);
    expect(firstPollDue(10_000, 3, 13_000)).toBe(true);
    expect(firstPollDue(10_000, 3, 999_999)).toBe(true);
  });
  it('backs off exponentially after network errors', () => {
    expect([0, 1, 2, 3, 10].map(pollRetryDelayMs)).toEqual([1000, 2000, 4000, 8000, 30_000]);
  });
});
