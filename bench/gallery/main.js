// Mounts the real GalleryView for the bench page (see page.ts). Plain JS on purpose: bench/ is
// type-checked by the Node config, which does not compile JSX.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement as h, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import GalleryView from '../../src/features/gallery/gallery-view.tsx';
import { installBench } from './page.ts';
import './styles.css';

let root;
// One query client for the page, as the app has: a reopened gallery finds its job list cached.
const client = new QueryClient();
const events = installBench(() => {
  const t0 = performance.now();
  root?.unmount();
  root = createRoot(document.getElementById('root'));
  const record = (text) => void events.push(text);
  root.render(
    h(
      StrictMode,
      null,
      h(
        QueryClientProvider,
        { client },
        h(GalleryView, {
          onReuseParams: (job) => record(`reuse-params ${job.id}`),
          onReuseSeed: (job, seed) => record(`reuse-seed ${job.id} ${seed}`),
          onUseAsInit: ({ job, blob }) => record(`init ${job.id} ${blob.size}`),
          onSendToInpaint: ({ job, blob }) => record(`inpaint ${job.id} ${blob.size}`),
          onRetry: (job) => record(`retry ${job.id}`),
          onOpenComparison: (id) => record(`compare ${id}`),
        }),
      ),
    ),
  );
  return t0;
});

if (new URLSearchParams(location.search).has('mount')) window.galleryBench.mount();
