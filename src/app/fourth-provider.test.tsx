/**
 * A provider is one folder: a throwaway definition added to the registry list
 * (and nowhere else) shows up in every list the app derives from it.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type * as RegistryModule from '../providers/registry';

vi.mock('../providers/registry', async (importOriginal) => {
  const real = await importOriginal<typeof RegistryModule>();
  const { throwaway, throwawayHosted } = await import('./test-provider/provider');
  return { ...real, ...real.createRegistry([...real.providers, throwaway, throwawayHosted]) };
});

const { providers, getEndpoint } = await import('../providers/registry');
// The app's own providers, whatever they are: the throwaway ones come after them.
const real = await vi.importActual<typeof RegistryModule>('../providers/registry');
const { getSettings, settingsOf } = await import('../api/settings-store');
const { resolveRoute } = await import('../api/route');
const { readJobRecord } = await import('../job-store/migrate');
const { makeJob } = await import('../job-store/test-fixtures');
const { GalleryToolbar } = await import('../features/gallery/gallery-toolbar');
const { jobTitle } = await import('../features/gallery/gallery-tiles');
const { comparePresets, defaultTargetEndpoints } = await import('../features/compare/targets');
const { proxyTargets } = await import('../providers/proxy-targets');
const SettingsPanel = (await import('../features/settings/settings-panel')).default;
const { EndpointOptions } = await import('../components/ui/endpoint-options');

describe('a fourth provider, written in its own folder', () => {
  it('is in the registry, endpoints and all', () => {
    expect(providers.map((p) => p.id)).toEqual([...real.providerIds(), 'throwaway', 'throwaway-hosted']);
    expect(getEndpoint('throwaway/txt')?.path).toBe('/api/txt');
    expect(renderToStaticMarkup(<select><EndpointOptions /></select>)).toContain('value="throwaway/txt"');
  });

  it('gets settings of its own, shown in the Settings view by its key placement', () => {
    expect(Object.keys(getSettings())).toContain('throwaway');
    expect(settingsOf(getSettings(), 'throwaway').mode).toBe('sandbox');
    const html = renderToStaticMarkup(
      <QueryClientProvider client={new QueryClient()}>
        <SettingsPanel />
      </QueryClientProvider>,
    );
    expect(html).toContain('Throwaway Local');
  });

  it('is called directly on loopback http, with an optional key, never through the proxy', () => {
    const local = providers.find((p) => p.id === 'throwaway')!;
    const live = { mode: 'live' as const, baseUrl: '', useProxy: true, remember: false, key: '', sandboxKey: 's' };
    expect(resolveRoute(local, live, 'http://127.0.0.1:5173', true)).toEqual({ baseUrl: 'http://127.0.0.1:7777', key: '' });
    expect(resolveRoute(local, { ...live, baseUrl: 'http://192.168.1.9:7860' }, 'http://h', true).problem).toMatch(/127\.0\.0\.1 or localhost/);
    const hosted = providers.find((p) => !p.local && p.defaultBaseUrl?.startsWith('https://'))!;
    expect(resolveRoute(hosted, { ...live, key: 'k', baseUrl: 'http://127.0.0.1:7860' }, 'http://h', true).problem).toMatch(/https/);
  });

  it('is accepted by the job record; an id no registry line names is read as a newer version', () => {
    const ok = readJobRecord(makeJob({ provider: 'throwaway', endpointId: 'throwaway/txt' }));
    expect(ok.ok).toBe(true);
    expect(jobTitle({ provider: 'throwaway', endpointId: 'throwaway/txt' })).toBe('Throwaway Local txt');
    const unknown = readJobRecord(makeJob({ provider: 'ghost', endpointId: 'ghost/txt' }));
    expect(unknown).toMatchObject({ ok: false, reason: 'future-version' });
  });

  it('is offered by the gallery filter', () => {
    const html = renderToStaticMarkup(
      <GalleryToolbar filter={{}} onFilter={() => {}} endpointIds={['throwaway/txt']} summary="" canClear={false} onClearAll={async () => {}} />,
    );
    expect(html).toContain('<option value="throwaway">Throwaway Local</option>');
  });

  it('joins the compare presets', () => {
    expect(defaultTargetEndpoints()).toContain('throwaway/txt');
    const ids = [...real.endpointsOfKind('txt2img').map((e) => e.id), 'throwaway/txt', 'throwaway-hosted/txt'];
    expect(comparePresets().find((p) => p.kind === 'txt2img')).toEqual({ kind: 'txt2img', label: `Text to image × ${ids.length}`, endpointIds: ids });
  });

  it('gives the proxy its hosts, and none for a server on the user machine', () => {
    expect(proxyTargets['throwaway-hosted']).toEqual({ hosts: ['api.throwaway.test'], anyPublicHttpsHost: false, responseHeaders: ['x-throwaway-credits'] });
    expect(proxyTargets.throwaway).toBeUndefined();
    expect(proxyTargets.segmind?.hosts).toEqual(['api.segmind.com']);
    expect(proxyTargets.dreamrender).toMatchObject({ hosts: [], anyPublicHttpsHost: true });
  });
});
