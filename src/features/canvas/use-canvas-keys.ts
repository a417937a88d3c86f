/** The canvas's keyboard shortcuts (keyboard-shortcuts.ts), while focus is in the panel or nowhere in particular. */
import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { isTextEntry } from './dom-targets';
import { actionForKey, stepBrushSize } from './keyboard-shortcuts';
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
  /** Undo, when it is more than the editor's (Extend). */
  onUndo?(): void;
}) {
  const { panelRef, editorRef, maxBrush } = opts;
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextEntry(e.target)) return;
      const active = document.activeElement;
      const inPanel = !active || active === document.body || !!panelRef.current?.contains(active);
      if (!inPanel) return;
      const action = actionForKey(e);
      const editor = editorRef.current;
      if (!action || !editor) return;
      const masking = latest.current.masking() && !!editor.document;
      switch (action) {
        case 'undo':
          if (!masking) return;
          if (latest.current.onUndo) latest.current.onUndo();
          else editor.undo();
          break;
        case 'redo':
          if (!masking) return;
          editor.redo();
          break;
        case 'brush':
        case 'eraser':
        case 'rect':
        case 'lasso':
          if (!masking) return;
          latest.current.onTool(action);
          break;
        case 'size-down':
        case 'size-up':
          if (!masking) return;
          latest.current.onBrushSize((s) => stepBrushSize(s, action === 'size-up' ? 1 : -1, MIN_BRUSH, maxBrush));
          break;
        case 'zoom-in':
          editor.zoomBy(1.25);
          break;
        case 'zoom-out':
          editor.zoomBy(0.8);
          break;
        case 'fit':
          editor.fit();
          break;
        case 'close-shape':
          // Enter elsewhere (a focused button) keeps its own meaning.
          if (!editor.finishGesture()) return;
          break;
        case 'cancel':
          if (!editor.cancelGesture()) return;
          break;
      }
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [maxBrush, panelRef, editorRef]);
}
