/**
 * A page that mounts the real CanvasPanel the way the app will (lazily), with a mask-enabled
 * toggle and what the panel hands back shown underneath. For looking at it, by hand or with
 * bench/canvas/screenshots.ts. Plain createElement: the bench folder is type-checked without JSX.
 */
import { Suspense, createElement as h, lazy, useState } from 'react';
import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';

interface PanelProps {
  initImage: string | undefined;
  onInitImageChange(src: string | undefined, info?: { width: number; height: number; note?: string }): void;
  maskEnabled: boolean;
  onMaskChange(mask: string | undefined): void;
  mask?: string;
  maxSide?: number;
  multipleOf?: number;
}

// Loaded by URL, as the app loads it with React.lazy; the path is not followed by tsc here.
const panelUrl = '/src/features/canvas/canvas-panel.tsx';
const CanvasPanel = lazy(() => import(/* @vite-ignore */ panelUrl) as Promise<{ default: ComponentType<PanelProps> }>);

const params = new URLSearchParams(location.search);

function Harness() {
  const [initImage, setInitImage] = useState<string>();
  const [info, setInfo] = useState<string>('none');
  const [mask, setMask] = useState<string>();
  const [maskCalls, setMaskCalls] = useState(0);
  const [maskEnabled, setMaskEnabled] = useState(params.get('mask') !== 'off');
  const maxSide = Number(params.get('maxSide') ?? 1024);

  return h(
    'main',
    { className: 'flex flex-col gap-4' },
    h(
      'label',
      { className: 'flex items-center gap-2 text-sm text-zinc-300' },
      h('input', { type: 'checkbox', checked: maskEnabled, onChange: (e: { target: HTMLInputElement }) => setMaskEnabled(e.target.checked) }),
      'Inpainting endpoint (mask enabled)',
    ),
    h(
      'button',
      {
        type: 'button',
        className: 'self-start rounded border border-zinc-700 px-2 py-1 text-xs text-zinc-300',
        onClick: () => setMask('/samples/mask-512.png'),
      },
      'Put the sample mask in the form (as a restored draft would)',
    ),
    h(
      Suspense,
      { fallback: h('div', { className: 'h-64 animate-pulse rounded-lg bg-zinc-900' }) },
      h(CanvasPanel, {
        initImage,
        onInitImageChange: (src, i) => {
          setInitImage(src);
          setInfo(i ? `${i.width}×${i.height}${i.note ? ` — ${i.note}` : ''}` : 'none');
        },
        maskEnabled,
        onMaskChange: (m) => {
          setMask(m);
          setMaskCalls((n) => n + 1);
        },
        mask,
        maxSide,
        multipleOf: 8,
      }),
    ),
    h(
      'dl',
      { className: 'grid grid-cols-[auto_1fr] gap-x-3 text-xs text-zinc-400', 'aria-label': 'What the panel reported' },
      h('dt', null, 'init image'),
      h('dd', { 'data-harness': 'init' }, initImage ? `${initImage.slice(0, 40)}… (${initImage.length} chars), ${info}` : 'none'),
      h('dt', null, 'mask'),
      h('dd', { 'data-harness': 'mask' }, mask ? `${mask.slice(0, 40)}… (${mask.length} chars)` : 'none'),
      h('dt', null, 'onMaskChange calls'),
      h('dd', { 'data-harness': 'mask-calls' }, String(maskCalls)),
    ),
  );
}

createRoot(document.getElementById('root')!).render(h(Harness));
