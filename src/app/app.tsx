import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { createQueryClient } from '../api/query-client';
import { JobPollers, QueuePanel } from '../features/jobs/queue-panel';
import { useJobStoreSync } from '../job-store/use-jobs';
import { requestOpenComparison } from '../features/compare/open-request';
import { requestPersistence } from '../job-store/store';
import { LazyImageEditor } from './lazy-canvas';
import { PlaygroundView } from './playground-view';
import { ShortcutsOverlay } from './shortcuts-overlay';
import type { Preset } from './preset';
import { formatHash, parseHash, VIEWS } from './hash-route';
import type { HashRoute, View } from './hash-route';

// Only the playground is on the first page; the other views load when opened.
const CompareView = lazy(() => import('../features/compare/compare-view'));
const GalleryRoute = lazy(() => import('./gallery-route'));
const SettingsPanel = lazy(() => import('../features/settings/settings-panel'));

const LABELS: Record<View, string> = { playground: 'Playground', compare: 'Compare', gallery: 'Gallery', settings: 'Settings' };


const queryClient = createQueryClient();

function Shell() {
  useJobStoreSync();
  const [route, setRoute] = useState<HashRoute>(() => parseHash(location.hash));
  const view = route.view;
  const comparisonId = view === 'compare' ? (route.params.get('c') ?? undefined) : undefined;
  const [preset, setPreset] = useState<Preset>();
  useEffect(() => {
    const onHash = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    void requestPersistence();
  }, []);
  /** A new history entry (Back returns here); `replace`: the same entry, now showing more. */
  const go = (v: View, params: Record<string, string | undefined> = {}, replace = false) => {
    const hash = formatHash(v, params);
    if (replace) history.replaceState(history.state, '', hash);
    else if (location.hash !== hash) location.hash = hash;
    setRoute(parseHash(hash));
  };
  const pushPreset = (p: Omit<Preset, 'nonce'>) => {
    setPreset({ ...p, nonce: Date.now() });
    go('playground');
  };
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-10 border-b border-zinc-800 bg-zinc-950/90 backdrop-blur">
        <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-4 px-4 py-2">
          <h1 className="text-base font-semibold text-zinc-100">
            Image API Playground
          </h1>
          <nav aria-label="Views" className="flex gap-1">
            {VIEWS.map((v) => (
              <button
                key={v}
                type="button"
                aria-current={view === v ? 'page' : undefined}
                onClick={() => go(v)}
                className={`rounded-md px-3 py-1.5 text-sm ${view === v ? 'bg-zinc-800 text-amber-400' : 'text-zinc-300 hover:bg-zinc-900 hover:text-zinc-100'}`}
              >
                {LABELS[v]}
              </button>
            ))}
          </nav>
        </div>
      </header>
      <JobPollers />
      <ShortcutsOverlay />
      <main className="mx-auto flex max-w-[1600px] flex-col gap-6 px-4 py-6">
        {/* The playground shows running jobs in its results column, so they never push its form down. */}
        {view !== 'playground' && <QueuePanel />}
        {/* The playground stays mounted, so its form and current job survive a look at the gallery. */}
        <div hidden={view !== 'playground'}>
          <PlaygroundView
            preset={preset}
            onPreset={pushPreset}
            setup={view === 'playground' ? (route.params.get('setup') ?? undefined) : undefined}
            onOpenSettings={() => go('settings')}
          />
        </div>
        <Suspense fallback={<p className="text-sm text-zinc-400">Loading…</p>}>
          {view === 'compare' && (
            <CompareView
              ImageEditor={LazyImageEditor}
              openId={comparisonId}
              onShown={(id) => id !== comparisonId && go('compare', { c: id }, true)}
            />
          )}
          {view === 'gallery' && (
            <GalleryRoute
              onPreset={pushPreset}
              onOpenComparison={(id) => {
                requestOpenComparison(id);
                go('compare', { c: id });
              }}
            />
          )}
          {view === 'settings' && <SettingsPanel />}
        </Suspense>
      </main>
    </div>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Shell />
    </QueryClientProvider>
  );
}
