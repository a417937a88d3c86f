/** The settings as earlier builds stored them still load; keys stay out of the settings file. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { withMemoryStorage } from '../lib/memory-storage';

withMemoryStorage();
beforeEach(() => vi.resetModules());

/** A fresh settings store (it reads the storage once, on first use), and the notices it left. */
async function freshStore() {
  const store = await import('./settings-store');
  const { storageNotices } = await import('../lib/persisted');
  return { ...store, storageNotices };
}

describe('settings store', () => {
  it('loads the version-1 settings file and bare keys of earlier builds, and rewrites the file', async () => {
    localStorage.setItem('playground.settings.v1', JSON.stringify({ version: 1, providers: { segmind: { mode: 'live', baseUrl: 'https://api.segmind.com', useProxy: false, remember: true } } }));
    localStorage.setItem('playground.key.segmind', 'sg-remembered');
    sessionStorage.setItem('playground.key.modelslab', 'ml-tab');
    const { getProviderSettings, storageNotices } = await freshStore();
    expect(getProviderSettings('segmind')).toMatchObject({ mode: 'live', useProxy: false, remember: true, key: 'sg-remembered' });
    expect(getProviderSettings('modelslab')).toMatchObject({ mode: 'sandbox', key: 'ml-tab' });
    expect(JSON.parse(localStorage.getItem('playground.settings.v1')!)).toMatchObject({ v: 1, data: { providers: { segmind: { mode: 'live' } } } });
    expect(storageNotices()).toEqual([]);
  });

  it('keeps the other providers when one entry is unreadable; drops an unreadable file with a notice', async () => {
    localStorage.setItem('playground.settings.v1', JSON.stringify({ v: 1, data: { providers: { segmind: { mode: 'warp' }, modelslab: { mode: 'live' } } } }));
    let store = await freshStore();
    expect(store.getProviderSettings('segmind').mode).toBe('sandbox');
    expect(store.getProviderSettings('modelslab').mode).toBe('live');

    vi.resetModules();
    localStorage.setItem('playground.settings.v1', '{"version":7}');
    store = await freshStore();
    expect(store.getProviderSettings('modelslab').mode).toBe('sandbox');
    expect(store.storageNotices()).toMatchObject([{ label: 'your settings' }]);
  });

  it('writes the key where "remember" says, never into the settings file', async () => {
    const { updateProviderSettings } = await freshStore();
    updateProviderSettings('segmind', { key: 'sg-secret', remember: false });
    expect(sessionStorage.getItem('playground.key.segmind')).toContain('sg-secret');
    updateProviderSettings('segmind', { remember: true });
    expect(sessionStorage.getItem('playground.key.segmind')).toBeNull();
    expect(localStorage.getItem('playground.key.segmind')).toContain('sg-secret');
    expect(localStorage.getItem('playground.settings.v1')).not.toContain('sg-secret');
  });
});
