import { describe, expect, it, vi } from 'vitest';
import { createObjectUrlCache } from './object-urls';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(blobs: Record<string, Blob | undefined> = {}) {
  let n = 0;
  const create = vi.fn(() => `blob:url-${++n}`);
  const revoke = vi.fn();
  const load = vi.fn(async (id: string) => (id in blobs ? blobs[id] : new Blob([id])));
  return { cache: createObjectUrlCache({ load, create, revoke }), create, revoke, load };
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
});
