/** The shortcut list itself, loaded when `?` is first pressed. */
import { useEffect, useRef } from 'react';
import { SHORTCUT_HELP } from '../features/canvas/keyboard-shortcuts';
import { Button } from '../components/ui/button';
import { OPEN_SHORTCUTS } from './shortcuts-overlay';

type Group = { title: string; keys: ReadonlyArray<readonly [string, string]> };

export const SHORTCUT_GROUPS: readonly Group[] = [
  {
    title: 'Everywhere',
    keys: [
      [OPEN_SHORTCUTS.keys.join(', '), OPEN_SHORTCUTS.label],
      ['Esc', 'Close a dialog, the lightbox or this list'],
    ],
  },
  {
    title: 'Playground',
    keys: [
      ['Ctrl/⌘ Enter', 'Generate'],
      ['Enter (on a history thumbnail)', 'Show that job'],
    ],
  },
  { title: 'Canvas (mask editor; focus the canvas first)', keys: SHORTCUT_HELP },
  {
    title: 'Lightbox and compare images',
    keys: [
      ['+ / −', 'Zoom in / out'],
      ['0', 'Fit (reset zoom and pan)'],
      ['Arrow keys', 'Pan'],
      ['← / → (lightbox, at fit)', 'Previous / next image of the batch'],
      ['Wheel, drag', 'Zoom, pan'],
    ],
  },
  {
    title: 'Gallery',
    keys: [
      ['Arrow keys, Page Up/Down, Home/End', 'Move between images'],
      ['Enter', 'Open the image'],
      ['← / → (in the detail dialog)', 'Previous / next image'],
    ],
  },
  { title: 'Compare', keys: [['← / → (on the tabs)', 'Side by side, A/B, sweep']] },
];

export default function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label="Keyboard shortcuts"
      onClose={() => {
        if (!ref.current?.open) onClose();
      }}
      className="m-auto max-h-[90dvh] w-[min(94vw,44rem)] overflow-y-auto rounded-xl border border-zinc-700 bg-zinc-900 p-4 text-zinc-100 shadow-2xl backdrop:bg-black/70"
    >
      <div className="mb-3 flex items-center gap-2">
        <h2 className="text-base font-semibold">Keyboard shortcuts</h2>
        <Button className="ml-auto" autoFocus onClick={() => ref.current?.close()}>
          Close
        </Button>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        {SHORTCUT_GROUPS.map((g) => (
          <section key={g.title} aria-label={g.title}>
            <h3 className="mb-1 text-sm font-semibold text-amber-300">{g.title}</h3>
            <dl className="grid grid-cols-[minmax(0,45%)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
              {g.keys.map(([k, what]) => (
                <div key={k} className="contents">
                  <dt>
                    <kbd className="rounded border border-zinc-600 bg-zinc-800 px-1 font-mono text-xs text-zinc-100">{k}</kbd>
                  </dt>
                  <dd className="text-zinc-300">{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </dialog>
  );
}
