/** The workspace as earlier builds stored it still loads; an unreadable one is dropped with a notice. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { withMemoryStorage } from '../lib/memory-storage';

withMemoryStorage();
beforeEach(() => vi.resetModules());

async function freshWorkspace() {
  const workspace = await import('./workspace');
  const { storageNotices } = await import('../lib/persisted');
  return { ...workspace, storageNotices };
}

const IMAGE = 'local-image:abc123;image/png;512x512;1000';

describe('workspace', () => {
  it('loads the bare workspace of earlier builds, fields it cannot read set to their defaults', async () => {
    localStorage.setItem('playground.workspace', JSON.stringify({ image: IMAGE, mask: 'not a ref', inpaint: { area: 'masked', padding: 64, maskBlur: 999 } }));
    const { getWorkspace, storageNotices } = await freshWorkspace();
    expect(getWorkspace()).toEqual({ image: IMAGE, mask: undefined, inpaint: { area: 'masked', padding: 64, maskBlur: 4 } });
    expect(JSON.parse(localStorage.getItem('playground.workspace')!).v).toBe(1);
    expect(storageNotices()).toEqual([]);
  });

  it('starts empty, with a notice, from something that is not a workspace', async () => {
    localStorage.setItem('playground.workspace', JSON.stringify({ v: 1, data: 'garbage' }));
    const { getWorkspace, storageNotices } = await freshWorkspace();
    expect(getWorkspace()).toEqual({ inpaint: { area: 'whole', padding: 32, maskBlur: 4 } });
    expect(storageNotices()).toHaveLength(1);
  });

  it('saves a change and reads it back', async () => {
    const { updateWorkspace } = await freshWorkspace();
    updateWorkspace({ inpaint: { area: 'masked', padding: 8, maskBlur: 2 } });
    vi.resetModules();
    expect((await freshWorkspace()).getWorkspace().inpaint).toEqual({ area: 'masked', padding: 8, maskBlur: 2 });
  });
});
