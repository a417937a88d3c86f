/** The canvas panel's plain parts: its title, the status line, what shows over the stage, the help. */
import { SHORTCUT_HELP } from './keyboard-shortcuts';
import type { CanvasStatus } from './use-canvas-editor';
import type { DisplayImage } from './use-display-image';

/** The stage's accessible name: what it shows, and what painting does. */
export function stageLabel(maskEnabled: boolean, display: DisplayImage | undefined): string {
  const size = display ? `${display.width}×${display.height}` : undefined;
  if (maskEnabled) return `Mask canvas${size ? `: ${size} init image, paint to mark what should change` : ', no image yet'}`;
  return `Init image${size ? `: ${size}` : ', none yet'}`;
}

const TONES: Record<CanvasStatus['kind'], string> = {
  success: 'border-emerald-700/60 bg-emerald-950/40 text-emerald-100',
  note: 'border-amber-700/60 bg-amber-950/40 text-amber-100',
  error: 'border-red-800 bg-red-950/60 text-red-200',
};

export function StatusLine({ status }: { status: CanvasStatus }) {
  const error = status.kind === 'error';
  return (
    <p role={error ? 'alert' : 'status'} data-tone={status.kind} className={`mx-3 mt-3 rounded-md border px-3 py-2 text-sm ${TONES[status.kind]}`}>
      {status.text}
    </p>
  );
}

/** What the pointer and the keys do (the keys from the action table). */
export function CanvasHelp({ id, maskEnabled }: { id: string; maskEnabled: boolean }) {
  return (
    <details className="mx-3 mb-3 text-xs text-zinc-400">
      <summary className="cursor-pointer text-zinc-300 hover:text-zinc-100">Keyboard and mouse</summary>
      <p id={id} className="mt-2">
        {maskEnabled
          ? 'Paint with the main button, a finger or a pen (pressure changes the width). Rectangle: drag a box. Lasso: drag an outline, or click corners and close on the first point, with a double click or Enter. '
          : 'Drag to pan. '}
        Wheel or pinch to zoom; space + drag, the middle button or two fingers to pan.
      </p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {SHORTCUT_HELP.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt className="font-mono text-zinc-300">{keys}</dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The panel's title, the picture's size and "Remove image". */
export function CanvasTitle({ id, maskEnabled, display, onRemove }: { id: string; maskEnabled: boolean; display: DisplayImage | undefined; onRemove(): void }) {
  return (
    <div className="flex items-center justify-between gap-2">
      <h2 id={id} className="text-sm font-semibold text-zinc-100">
        {maskEnabled ? 'Init image and mask' : 'Init image'}
      </h2>
      {display && (
        <p className="ml-auto font-mono text-xs text-zinc-400">
          {display.width}×{display.height} px{display.readable ? '' : ', sent as a URL'}
        </p>
      )}
      {display && (
        <button
          type="button"
          className="rounded px-2 py-1 text-xs text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100 focus-visible:outline-2 focus-visible:outline-amber-400"
          onClick={onRemove}
        >
          Remove image
        </button>
      )}
    </div>
  );
}

/** Over the stage: what to do with no image yet, and the drop target while a file is dragged over. */
export function StageOverlay({ hasImage, loading, dragging, maxSide }: { hasImage: boolean; loading: boolean; dragging: boolean; maxSide?: number }) {
  return (
    <>
      {!hasImage && (
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center gap-2 p-6 text-center">
          <p className="text-base text-zinc-200">{loading ? 'Loading the image…' : 'Choose an image, drop one here, or paste from the clipboard'}</p>
          <p className="max-w-sm text-xs text-zinc-500">
            PNG, JPEG, WebP or GIF, or an image URL.
            {maxSide ? ` Images larger than ${maxSide} px on a side are scaled down.` : ''}
          </p>
        </div>
      )}
      {dragging && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center border-2 border-dashed border-amber-400 bg-amber-500/10 text-amber-100">
          Drop the image to use it
        </div>
      )}
    </>
  );
}
