import { describe, expect, it, vi } from 'vitest';
import { createObjectUrlCache } from './object-urls';
import type { ObjectUrlKeep } from './object-urls';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(blobs: Record<string, Blob | undefined> = {}, keep: ObjectUrlKeep = {}) {
  let n = 0;
  const create = vi.fn(() => `blob:url-${++n}`);
  const revoke = vi.fn();
  const load = vi.fn(async (id: string) => (id in blobs ? blobs[id] : new Blob([id])));
  return { cache: createObjectUrlCache({ load, create, revoke }, keep), create, revoke, load };
}

describe('object URL cache', () => {
  it('shares one URL among holders and revokes it after the last release', async () => {
    const { cache, create, revoke, load } = setup();
    const changed = vi.fn();
    const releaseA = cache.acquire('img-1', 'thumb', changed);
    const releaseB = cache.acquire('img-1', 'thumb');
    expect(cache.snapshot('img-1', 'thumb')).toEqual({ status: 'loading' });
    await tick();
    expect(load).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledTimes(1);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(cache.snapshot('img-1', 'thumb')).toEqual({ status: 'ready', url: 'blob:url-1' });
    expect(cache.liveCount()).toBe(1);

    releaseA();
    releaseA(); // twice is harmless
    await tick();
    expect(revoke).not.toHaveBeenCalled();
    releaseB();
    await tick();
    expect(revoke).toHaveBeenCalledWith('blob:url-1');
    expect(cache.liveCount()).toBe(0);
  });

  it('keeps the URL when a holder comes back in the same tick (a remount)', async () => {
    const { cache, create, revoke } = setup();
    const release = cache.acquire('img-1', 'full');
    await tick();
    release();
    const again = cache.acquire('img-1', 'full');
    await tick();
    expect(revoke).not.toHaveBeenCalled();
    expect(create).toHaveBeenCalledTimes(1);
    again();
    await tick();
    expect(revoke).toHaveBeenCalledTimes(1);
  });

  it('keeps thumb and full apart', async () => {
    const { cache, create } = setup();
    const a = cache.acquire('img-1', 'thumb');
    const b = cache.acquire('img-1', 'full');
    await tick();
    expect(create).toHaveBeenCalledTimes(2);
    expect(cache.liveCount()).toBe(2);
    a();
    b();
    await tick();
    expect(cache.liveCount()).toBe(0);
  });

  it('creates nothing for a load that finishes after everyone left', async () => {
    const { cache, create } = setup();
    const release = cache.acquire('img-1', 'thumb');
    release();
    await tick();
    await tick();
    expect(create).not.toHaveBeenCalled();
    expect(cache.liveCount()).toBe(0);
  });

  it('reports a missing blob and a failed load', async () => {
    const { cache, create } = setup({ gone: undefined });
    const release = cache.acquire('gone', 'full');
    await tick();
    expect(cache.snapshot('gone', 'full')).toEqual({ status: 'missing' });
    expect(create).not.toHaveBeenCalled();
    release();

    const failing = createObjectUrlCache({ load: () => Promise.reject(new Error('io')), create, revoke: vi.fn() });
    failing.acquire('x', 'thumb');
    await tick();
    expect(failing.snapshot('x', 'thumb')).toEqual({ status: 'error' });
  });

  describe('with an LRU of unused URLs', () => {
    it('keeps released URLs for a way back, without loading again, and revokes the least recently used', async () => {
      const { cache, create, revoke, load } = setup({}, { thumb: 2 });
      const release = (id: string) => cache.acquire(id, 'thumb');
      const r1 = release('a');
      const r2 = release('b');
      const r3 = release('c');
      await tick();
      expect(create).toHaveBeenCalledTimes(3);
      r1();
      r2();
      r3();
      await tick();
      // a, b, c released in that order: a is evicted (revoked), b and c stay.
      expect(revoke).toHaveBeenCalledTimes(1);
      expect(revoke).toHaveBeenCalledWith('blob:url-1');
      expect(cache.keptCount('thumb')).toBe(2);
      expect(cache.liveCount()).toBe(2);

      // b again (a remount of the gallery): ready at once, no read, no new URL.
      expect(cache.snapshot('b', 'thumb')).toEqual({ status: 'ready', url: 'blob:url-2' });
      const again = release('b');
      await tick();
      expect(load).toHaveBeenCalledTimes(3);
      expect(create).toHaveBeenCalledTimes(3);
      expect(cache.keptCount('thumb')).toBe(1);

      // a was evicted: it is read again.
      const ra = release('a');
      await tick();
      expect(load).toHaveBeenCalledTimes(4);
      again();
      ra();
      await tick();
      // c is now the least recently used of c, b, a.
      expect(revoke).toHaveBeenLastCalledWith('blob:url-3');
      expect(cache.liveCount()).toBe(2);
    });

    it('keeps a URL whose load finished after everyone left (fast scrolling), within the limit', async () => {
      const { cache, create } = setup({ gone: undefined }, { thumb: 1 });
      cache.acquire('img-1', 'thumb')();
      cache.acquire('gone', 'thumb')();
      await tick();
      await tick();
      expect(create).toHaveBeenCalledTimes(1);
      expect(cache.keptCount('thumb')).toBe(1);
      expect(cache.snapshot('gone', 'thumb')).toEqual({ status: 'loading' });
    });

    it('keeps each kind within its own limit; no LRU for a kind without one', async () => {
      const { cache, revoke } = setup({}, { thumb: 5 });
      cache.acquire('img-1', 'thumb')();
      const full = cache.acquire('img-1', 'full');
      await tick();
      full();
      await tick();
      expect(cache.keptCount('thumb')).toBe(1);
      expect(cache.keptCount('full')).toBe(0);
      expect(revoke).toHaveBeenCalledTimes(1);
    });
  });

  it('tells holders once per scheduled flush when a scheduler is given', async () => {
    const flushes: Array<() => void> = [];
    const create = vi.fn((b: Blob) => `blob:${b.size}`);
    const cache = createObjectUrlCache({ load: async (id) => new Blob([id]), create, revoke: vi.fn(), schedule: (f) => void flushes.push(f) });
    const a = vi.fn();
    const b = vi.fn();
    const c = vi.fn();
    cache.acquire('one', 'thumb', a);
    cache.acquire('three', 'thumb', b);
    const releaseC = cache.acquire('three', 'thumb', c);
    await tick();
    expect(flushes).toHaveLength(1);
    expect(a).not.toHaveBeenCalled();
    expect(cache.snapshot('one', 'thumb')).toEqual({ status: 'ready', url: 'blob:3' });
    releaseC(); // a holder that left before the flush is not told
    flushes[0]!();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    expect(c).not.toHaveBeenCalled();
  });
});
