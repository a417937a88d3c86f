import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, startTransition, Suspense, useEffect, useRef, useState } from 'react';
import { createQueryClient } from '../api/query-client';
import { requestOpenComparison } from '../features/compare/open-request';
import { FirstPaintHandoff, FirstPaintPlayground } from './first-paint';
import { LazyImageEditor } from './lazy-canvas';
import { ShortcutsOverlay } from './shortcuts-overlay';
import { StorageNotices } from './storage-notices';
import { useHeaderHeight } from './use-header-height';
import { useScrollPerView } from './use-scroll-per-view';
import type { Preset } from './preset';
import { formatHash, parseHash, VIEWS } from './hash-route';
import type { HashRoute, View } from './hash-route';

/**
 * The first page holds the shell and the playground's first paint (no zod, no provider module);
 * the rest loads after it, while idle or on the first touch, and every view but the playground
 * when opened. zod comes first, through src/zod-jitless.ts, so it runs jitless before any module
 * parses at load time (the CSP forbids eval); then the providers; each step in a task of its own,
 * so that no start-up task is long on a slow phone.
 */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/**
 * Each provider's module (its schemas: zod builds every one as the module runs) in a task of its
 * own, before the registry that lists them: one long evaluation becomes a few short ones. The
 * glob finds a new provider's folder by itself.
 */
const providerModules = Object.values(import.meta.glob('../providers/*/provider.ts'));
let providersLoaded: Promise<void> | undefined;
function providersReady(): Promise<void> {
  providersLoaded ??= [
    () => import('../zod-jitless'),
    ...providerModules,
    () => import('../providers/registry'),
    // The models the user added (Replicate, fal) join the registry before any view lists endpoints.
    () => import('../job-store/added-models').then((m) => m.loadAddedModels()),
  ].reduce<Promise<void>>(
    (done, load) => done.then(load).then(nextTask),
    Promise.resolve(),
  );
  return providersLoaded;
}
const after = <T,>(load: () => Promise<T>) => () => providersReady().then(load);
// The playground's module, then what it reads as it mounts (so its first render is its last).
const loadPlayground = after(() =>
  import('./playground/playground-view').then(async (m) => {
    await import('./prepare-playground').then((p) => p.preparePlayground(queryClient));
    return m;
  }),
);
const PlaygroundView = lazy(() => loadPlayground().then((m) => ({ default: m.PlaygroundView })));
// The queue after the playground (it shows nothing on a first visit).
const JobLayer = lazy(() => loadPlayground().then(nextTask).then(() => import('./job-layer')));
const CompareView = lazy(after(() => import('../features/compare/compare-view')));
const GalleryRoute = lazy(after(() => import('./gallery-route')));
const SettingsPanel = lazy(after(() => import('../features/settings/settings-panel')));

/**
 * True once the rest of the app should load: at once off the playground, else when idle or
 * touched. A transition: the first paint stays, live, until the real playground is ready.
 */
function useWakeAfterFirstPaint(view: string): [boolean, () => void] {
  const [awake, setAwake] = useState(view !== 'playground');
  const wake = () => startTransition(() => setAwake(true));
  useEffect(() => {
    if (awake) return;
    if (view !== 'playground') {
      wake();
      return;
    }
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(wake, { timeout: 1000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(wake, 50);
    return () => clearTimeout(id);
  }, [awake, view]);
  return [awake, wake];
}

const LABELS: Record<View, string> = { playground: 'Playground', compare: 'Compare', gallery: 'Gallery', settings: 'Settings' };

/**
 * The heading and line that open a view, drawn by the shell at once: the view's frame is on screen
 * in the first paint, while its module loads.
 */
const INTROS: Partial<Record<View, { title: string; text: string }>> = {
  compare: { title: 'Compare providers', text: 'One prompt and one seed, sent to every target at once, each in its own parameter names.' },
  gallery: {
    title: 'Gallery',
    text: 'Every job this browser has sent, queued, running, done or failed, with its images, seeds and parameters. Kept on this device only.',
  },
  settings: {
    title: 'Settings',
    text: 'Keys are sent only to their own provider (in the body or header it documents), never in a URL, and never stored with jobs or exported. Sandbox mode talks to the local twins and needs no key.',
  },
};

function ViewIntro({ view }: { view: View }) {
  const intro = INTROS[view];
  if (!intro) return null;
  return (
    <div className="min-w-0">
      <h2 className="text-lg font-semibold text-zinc-100">{intro.title}</h2>
      <p className="text-sm text-zinc-400">{intro.text}</p>
    </div>
  );
}


const queryClient = createQueryClient();

/** A new history entry (Back returns here); `replace`: the same entry, now showing more. */
function navigate(hash: string, replace: boolean): HashRoute {
  if (replace) history.replaceState(history.state, '', hash);
  else if (location.hash !== hash) location.hash = hash;
  return parseHash(hash);
}

function Shell() {
  const [route, setRoute] = useState<HashRoute>(() => parseHash(location.hash));
  const view = route.view;
  const comparisonId = view === 'compare' ? (route.params.get('c') ?? undefined) : undefined;
  const [awake, wake] = useWakeAfterFirstPaint(view);
  const [preset, setPreset] = useState<Preset>();
  useScrollPerView(view);
  const headerRef = useRef<HTMLElement>(null);
  useHeaderHeight(headerRef);
  useEffect(() => {
    const onHash = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (v: View, params: Record<string, string | undefined> = {}, replace = false) => setRoute(navigate(formatHash(v, params), replace));
  const pushPreset = (p: Omit<Preset, 'nonce'>) => {
    // A new nonce: the same preset twice is applied twice.
    setPreset((prev) => ({ ...p, nonce: (prev?.nonce ?? 0) + 1 }));
    go('playground');
  };
  return (
    <div className="min-h-screen">
      <header ref={headerRef} className="sticky top-0 z-10 border-b border-zinc-800 bg-zinc-950/90 backdrop-blur">
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
      <ShortcutsOverlay />
      <main className="mx-auto flex max-w-[1600px] flex-col gap-6 px-4 py-6">
        <StorageNotices />
        {awake && (
          <Suspense fallback={null}>
            {/* The playground shows running jobs in its results column, so they never push its form down. */}
            <JobLayer queue={view !== 'playground'} />
          </Suspense>
        )}
        {/* The playground stays mounted, so its form and current job survive a look at the gallery. */}
        <div hidden={view !== 'playground'}>
          <Suspense fallback={<FirstPaintPlayground onOpenSettings={() => go('settings')} onWake={wake} />}>
            {awake ? (
              <>
                <PlaygroundView
                  preset={preset}
                  onPreset={pushPreset}
                  setup={view === 'playground' ? (route.params.get('setup') ?? undefined) : undefined}
                  onOpenSettings={() => go('settings')}
                />
                <FirstPaintHandoff />
              </>
            ) : (
              <FirstPaintPlayground onOpenSettings={() => go('settings')} onWake={wake} />
            )}
          </Suspense>
        </div>
        <ViewIntro view={view} />
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
