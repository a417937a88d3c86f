/**
 * The canvas's actions (keyboard-shortcuts.ts) wired to the panel: keys while focus is in the
 * panel or nowhere in particular, and `run` for the buttons. Both go through the table: an
 * action runs only when its `enabled` says so.
 */
import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { isTextEntry } from './dom-targets';
import { dispatchCanvasKey, runCanvasAction, stepBrushSize } from './keyboard-shortcuts';
import type { CanvasAction, CanvasActionContext, CanvasActionState } from './keyboard-shortcuts';
import type { MaskEditor, PaintTool } from './mask-editor';
import { MIN_BRUSH } from './mask-toolbar';

export function useCanvasKeys(opts: {
  panelRef: RefObject<HTMLElement | null>;
  editorRef: RefObject<MaskEditor | undefined>;
  /** The state as rendered (`masking` also needs the editor to hold a picture when an action runs). */
  state: CanvasActionState;
  onTool(tool: PaintTool): void;
  onBrushSize(update: (size: number) => number): void;
  maxBrush: number;
  /** Undo: the mask's, or, with none left, the last Extend. */
  onUndo(): void;
}) {
  const { panelRef } = opts;
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });

  // Read when an action runs (a key press, a click): the latest props and the editor as it is.
  const [contextNow] = useState(() => (): CanvasActionContext | undefined => {
    const o = latest.current;
    const editor = o.editorRef.current;
    if (!editor) return undefined;
    return {
      ...o.state,
      masking: o.state.masking && !!editor.document,
      editor,
      chooseTool: o.onTool,
      stepBrush: (direction) => o.onBrushSize((s) => stepBrushSize(s, direction, MIN_BRUSH, o.maxBrush)),
      undo: o.onUndo,
    };
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextEntry(e.target)) return;
      const active = document.activeElement;
      const inPanel = !active || active === document.body || !!panelRef.current?.contains(active);
      if (!inPanel) return;
      const ctx = contextNow();
      if (ctx && dispatchCanvasKey(e, ctx)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [panelRef, contextNow]);

  /** Runs an action for a button (a no-op when it is not enabled). */
  const [run] = useState(() => (id: CanvasAction) => {
    const ctx = contextNow();
    if (ctx) runCanvasAction(id, ctx);
  });
  return run;
}
