import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withMemoryStorage } from './memory-storage';
import { clearStorageNotices, persisted, recordValue, storageNotices, stringValue } from './persisted';

withMemoryStorage();
afterEach(() => clearStorageNotices());

const point = z.object({ x: z.number(), y: z.number() });

describe('persisted', () => {
  it('round-trips a value in its envelope', () => {
    const p = persisted('t.point', point, 1);
    expect(p.load()).toBeUndefined();
    expect(p.save({ x: 1, y: 2 })).toBe(true);
    expect(JSON.parse(localStorage.getItem('t.point')!)).toEqual({ v: 1, data: { x: 1, y: 2 } });
    expect(p.load()).toEqual({ x: 1, y: 2 });
    p.remove();
    expect(localStorage.getItem('t.point')).toBeNull();
    expect(storageNotices()).toEqual([]);
  });

  it('migrates data stored before the envelope (version 0), and writes it back migrated', () => {
    // An earlier build stored [x, y] without a version.
    localStorage.setItem('t.point', '[3,4]');
    const p = persisted('t.point', point, 2, {
      0: (old) => ({ pair: old }),
      1: (old) => {
        const [x, y] = (old as { pair: number[] }).pair;
        return { x, y };
      },
    });
    expect(p.load()).toEqual({ x: 3, y: 4 });
    expect(JSON.parse(localStorage.getItem('t.point')!)).toEqual({ v: 2, data: { x: 3, y: 4 } });
    expect(storageNotices()).toEqual([]);
  });

  it('reads a raw string an earlier build stored without JSON as version 0', () => {
    sessionStorage.setItem('t.job', 'job-123');
    const p = persisted('t.job', stringValue, 1, { 0: (old) => old }, { storage: 'session' });
    expect(p.load()).toBe('job-123');
    expect(JSON.parse(sessionStorage.getItem('t.job')!)).toEqual({ v: 1, data: 'job-123' });
  });

  it('migrates from an older envelope version', () => {
    localStorage.setItem('t.point', JSON.stringify({ v: 1, data: { x: 5 } }));
    const p = persisted('t.point', point, 2, { 1: (old) => ({ ...(old as object), y: 0 }) });
    expect(p.load()).toEqual({ x: 5, y: 0 });
  });

  it('drops, with a notice, what it cannot read; never throws', () => {
    const p = persisted('t.point', point, 2, { 1: () => {
      throw new Error('bad');
    } }, { label: 'the point' });
    for (const raw of ['{"v":1,"data":{}}', JSON.stringify({ v: 2, data: { x: 'no' } }), JSON.stringify({ v: 3, data: { x: 1, y: 1 } }), '{"x":1,"y":2}', 'not json']) {
      localStorage.setItem('t.point', raw);
      clearStorageNotices();
      expect(p.load(), raw).toBeUndefined();
      expect(localStorage.getItem('t.point'), raw).toBeNull();
      expect(storageNotices(), raw).toHaveLength(1);
      expect(storageNotices()[0]).toMatchObject({ key: 't.point', label: 'the point' });
    }
  });

  it('says why: a newer version, an unreadable old format, a wrong shape', () => {
    const p = persisted('t.point', point, 1);
    localStorage.setItem('t.point', JSON.stringify({ v: 4, data: {} }));
    p.load();
    localStorage.setItem('t.point', '{"x":1,"y":2}');
    p.load();
    localStorage.setItem('t.point', JSON.stringify({ v: 1, data: [] }));
    p.load();
    // One notice per key: the first reason stays.
    expect(storageNotices().map((n) => n.reason)).toEqual(['it was saved by a newer version of the playground']);
    clearStorageNotices();
    localStorage.setItem('t.point', '{"x":1,"y":2}');
    p.load();
    expect(storageNotices()[0]?.reason).toMatch(/old format \(version 0\)/);
  });

  it('answers nothing, and no notice, when the storage itself is refused', () => {
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const p = persisted('t.any', recordValue, 1);
    expect(p.load()).toBeUndefined();
    expect(p.save({ a: 1 })).toBe(false);
    expect(() => p.remove()).not.toThrow();
    expect(storageNotices()).toEqual([]);
  });

  it('reports a full storage as a failed save', () => {
    localStorage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    expect(persisted('t.any', recordValue, 1).save({ a: 1 })).toBe(false);
  });
});
