/** Zoom buttons over the stage, from the action table; the percentage is written imperatively by the editor. */
import type { Ref } from 'react';
import { actionTitle, ariaKeys, canvasAction } from './keyboard-shortcuts';
import type { CanvasAction } from './keyboard-shortcuts';

const small =
  'inline-flex h-8 min-w-8 items-center justify-center rounded-md px-2 text-sm text-zinc-100 hover:bg-zinc-700 ' +
  'focus-visible:outline-2 focus-visible:outline-amber-400';

function ActionButton({ id, onRun, children }: { id: CanvasAction; onRun(id: CanvasAction): void; children: string }) {
  const action = canvasAction(id);
  // The visible text is a sign (−, +) or a short word: the accessible name is the action's label.
  return (
    <button type="button" className={small} onClick={() => onRun(id)} aria-label={action.label} aria-keyshortcuts={ariaKeys(action)} title={actionTitle(action)}>
      {children}
    </button>
  );
}

export function ZoomControls({ onRun, labelRef }: { onRun(id: CanvasAction): void; labelRef: Ref<HTMLSpanElement> }) {
  return (
    <div
      role="group"
      aria-label="Zoom"
      className="absolute right-2 bottom-2 flex items-center gap-0.5 rounded-lg border border-zinc-700 bg-zinc-900/90 p-0.5 shadow-lg backdrop-blur"
    >
      <ActionButton id="zoom-out" onRun={onRun}>
        −
      </ActionButton>
      <span ref={labelRef} className="w-12 text-center font-mono text-xs text-zinc-300" aria-hidden="true">
        100%
      </span>
      <ActionButton id="zoom-in" onRun={onRun}>
        +
      </ActionButton>
      <ActionButton id="fit" onRun={onRun}>
        Fit
      </ActionButton>
    </div>
  );
}
