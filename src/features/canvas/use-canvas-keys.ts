/**
 * The canvas's keys (the action table, keyboard-shortcuts.ts), while focus is in the panel or
 * nowhere in particular; returns `runAction` for the buttons that do the same as a key.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { isTextEntry } from './dom-targets';
import { actionForKey, canvasAction, stepBrushSize } from './keyboard-shortcuts';
import type { CanvasAction, CanvasActionContext } from './keyboard-shortcuts';
import type { MaskEditor, PaintTool } from './mask-editor';
import { MIN_BRUSH } from './mask-toolbar';

export function useCanvasKeys(opts: {
  panelRef: RefObject<HTMLElement | null>;
  editorRef: RefObject<MaskEditor | undefined>;
  /** Whether the mask can be painted now (an inpainting endpoint and an image). */
  masking(): boolean;
  onTool(tool: PaintTool): void;
  onBrushSize(update: (size: number) => number): void;
  maxBrush: number;
}): { runAction(id: CanvasAction): void } {
  const { panelRef, editorRef } = opts;
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });

  /** Runs an action if it is enabled; false when it did nothing (the key keeps its usual meaning). */
  const run = useCallback(
    (id: CanvasAction): boolean => {
      const editor = editorRef.current;
      if (!editor) return false;
      const o = latest.current;
      const ctx: CanvasActionContext = {
        editor,
        masking: o.masking() && !!editor.document,
        chooseTool: o.onTool,
        stepBrush: (direction) => o.onBrushSize((s) => stepBrushSize(s, direction, MIN_BRUSH, latest.current.maxBrush)),
      };
      const action = canvasAction(id);
      return action.enabled(ctx) && action.run(ctx) !== false;
    },
    [editorRef],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextEntry(e.target)) return;
      const active = document.activeElement;
      const inPanel = !active || active === document.body || !!panelRef.current?.contains(active);
      if (!inPanel) return;
      const id = actionForKey(e);
      // Enter on a focused button, Esc in a dialog: a key the canvas does not use keeps its meaning.
      if (id && run(id)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [panelRef, run]);

  return { runAction: useCallback((id: CanvasAction) => void run(id), [run]) };
}
