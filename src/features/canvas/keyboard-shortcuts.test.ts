import { describe, expect, it } from 'vitest';
import { actionForKey, ariaKeys, CANVAS_ACTIONS, canvasAction, dispatchCanvasKey, keysText, runCanvasAction, SHORTCUT_HELP, stepBrushSize } from './keyboard-shortcuts';
import type { CanvasActionContext, CanvasActionState, KeyLike } from './keyboard-shortcuts';
import type { MaskEditor } from './mask-editor';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('actionForKey', () => {
  it('maps undo and redo on both platforms', () => {
    expect(actionForKey(key('z', { ctrlKey: true }))).toBe('undo');
    expect(actionForKey(key('z', { metaKey: true }))).toBe('undo');
    expect(actionForKey(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(actionForKey(key('z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(actionForKey(key('y', { ctrlKey: true }))).toBe('redo');
  });

  it('maps tools, sizes, zoom and cancel', () => {
    expect(actionForKey(key('b'))).toBe('brush');
    expect(actionForKey(key('E', { shiftKey: true }))).toBe('eraser');
    expect(actionForKey(key('['))).toBe('size-down');
    expect(actionForKey(key(']'))).toBe('size-up');
    expect(actionForKey(key('+', { shiftKey: true }))).toBe('zoom-in');
    expect(actionForKey(key('-'))).toBe('zoom-out');
    expect(actionForKey(key('0'))).toBe('fit');
    expect(actionForKey(key('Escape'))).toBe('cancel');
    expect(actionForKey(key('r'))).toBe('rect');
    expect(actionForKey(key('L', { shiftKey: true }))).toBe('lasso');
    expect(actionForKey(key('Enter'))).toBe('close-shape');
  });

  it('leaves other keys and browser shortcuts alone', () => {
    expect(actionForKey(key('c', { ctrlKey: true }))).toBeUndefined();
    expect(actionForKey(key('b', { altKey: true }))).toBeUndefined();
    expect(actionForKey(key('x'))).toBeUndefined();
    expect(actionForKey(key('0', { ctrlKey: true }))).toBeUndefined();
  });
});

describe('the action table', () => {
  it('gives each action one id and keys no other action takes', () => {
    expect(new Set(CANVAS_ACTIONS.map((a) => a.id)).size).toBe(CANVAS_ACTIONS.length);
    const keys = CANVAS_ACTIONS.flatMap((a) => [...a.keys, ...(a.aliases ?? [])]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('shows keys and aria-keyshortcuts from the same definition', () => {
    expect(keysText(canvasAction('redo'))).toBe('Shift Ctrl/⌘ Z, Ctrl/⌘ Y');
    expect(ariaKeys(canvasAction('redo'))).toBe('Shift+Control+Z Shift+Meta+Z Control+Y Meta+Y');
    expect(keysText(canvasAction('zoom-in'))).toBe('+');
    expect(ariaKeys(canvasAction('zoom-in'))).toBe('Plus');
    expect(keysText(canvasAction('zoom-out'))).toBe('−');
    expect(keysText(canvasAction('cancel'))).toBe('Esc');
    expect(ariaKeys(canvasAction('brush'))).toBe('B');
  });

  it('lists every action in the help, with its label', () => {
    for (const a of CANVAS_ACTIONS) expect(SHORTCUT_HELP).toContainEqual([keysText(a), a.label]);
  });

  it('runs only what is enabled: tools need the mask, zoom does not', () => {
    const { ctx, calls } = context({ masking: false });
    expect(canvasAction('brush').enabled(ctx)).toBe(false);
    expect(canvasAction('undo').enabled(ctx)).toBe(false);
    expect(canvasAction('zoom-in').enabled(ctx)).toBe(true);
    expect(runCanvasAction('lasso', ctx)).toBe(false);
    expect(runCanvasAction('zoom-in', ctx)).toBe(true);
    expect(runCanvasAction('lasso', { ...ctx, masking: true })).toBe(true);
    expect(calls).toEqual(['zoom 1.25', 'tool lasso']);
  });
});

/** A context whose editor and callbacks write what they were asked into `calls`. */
function context(state: Partial<CanvasActionState> = {}, gesture = false) {
  const calls: string[] = [];
  const editor = {
    zoomBy: (f: number) => calls.push(`zoom ${f}`),
    fit: () => calls.push('fit'),
    redo: () => calls.push('editor redo'),
    undo: () => calls.push('editor undo'),
    finishGesture: () => (calls.push('finish'), gesture),
    cancelGesture: () => (calls.push('cancel'), gesture),
  } as unknown as MaskEditor;
  const ctx: CanvasActionContext = {
    masking: true,
    canUndo: true,
    canRedo: true,
    ...state,
    editor,
    chooseTool: (t) => calls.push(`tool ${t}`),
    stepBrush: (d) => calls.push(`brush ${d}`),
    undo: () => calls.push('panel undo'),
  };
  return { ctx, calls };
}

describe('dispatchCanvasKey: keys through the table', () => {
  it('runs the action a key names, with the context\'s undo (Extend included)', () => {
    const { ctx, calls } = context();
    expect(dispatchCanvasKey(key('z', { ctrlKey: true }), ctx)).toBe(true);
    expect(dispatchCanvasKey(key('y', { metaKey: true }), ctx)).toBe(true);
    expect(dispatchCanvasKey(key('E', { shiftKey: true }), ctx)).toBe(true);
    expect(dispatchCanvasKey(key(']'), ctx)).toBe(true);
    expect(dispatchCanvasKey(key('['), ctx)).toBe(true);
    expect(dispatchCanvasKey(key('='), ctx)).toBe(true);
    expect(dispatchCanvasKey(key('-'), ctx)).toBe(true);
    expect(dispatchCanvasKey(key('0'), ctx)).toBe(true);
    expect(calls).toEqual(['panel undo', 'editor redo', 'tool eraser', 'brush 1', 'brush -1', 'zoom 1.25', 'zoom 0.8', 'fit']);
  });

  it('leaves a key alone when its action is disabled or not a canvas key', () => {
    const { ctx, calls } = context({ masking: false });
    expect(dispatchCanvasKey(key('b'), ctx)).toBe(false);
    expect(dispatchCanvasKey(key(']'), ctx)).toBe(false);
    expect(dispatchCanvasKey(key('z', { ctrlKey: true }), ctx)).toBe(false);
    expect(dispatchCanvasKey(key('x'), ctx)).toBe(false);
    expect(dispatchCanvasKey(key('c', { ctrlKey: true }), ctx)).toBe(false);
    expect(calls).toEqual([]);
    const nothingToUndo = context({ canUndo: false, canRedo: false });
    expect(dispatchCanvasKey(key('z', { ctrlKey: true }), nothingToUndo.ctx)).toBe(false);
    expect(dispatchCanvasKey(key('z', { ctrlKey: true, shiftKey: true }), nothingToUndo.ctx)).toBe(false);
    expect(nothingToUndo.calls).toEqual([]);
  });

  it('gives Enter and Esc back when no gesture is in progress', () => {
    const idle = context({}, false);
    expect(dispatchCanvasKey(key('Enter'), idle.ctx)).toBe(false);
    expect(dispatchCanvasKey(key('Escape'), idle.ctx)).toBe(false);
    expect(idle.calls).toEqual(['finish', 'cancel']);
    const drawing = context({}, true);
    expect(dispatchCanvasKey(key('Enter'), drawing.ctx)).toBe(true);
    expect(dispatchCanvasKey(key('Escape'), drawing.ctx)).toBe(true);
  });
});

describe('stepBrushSize', () => {
  it('steps proportionally within bounds', () => {
    expect(stepBrushSize(100, 1, 2, 512)).toBe(115);
    expect(stepBrushSize(100, -1, 2, 512)).toBe(85);
    expect(stepBrushSize(2, -1, 2, 512)).toBe(2);
    expect(stepBrushSize(3, 1, 2, 512)).toBe(4);
    expect(stepBrushSize(500, 1, 2, 512)).toBe(512);
  });
});
