import { describe, expect, it } from 'vitest';
import { actionForKey, ariaKeys, CANVAS_ACTIONS, canvasAction, keysText, SHORTCUT_HELP, stepBrushSize } from './keyboard-shortcuts';
import type { KeyLike } from './keyboard-shortcuts';

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
    const calls: string[] = [];
    const editor = { zoomBy: (f: number) => calls.push(`zoom ${f}`), undo: () => calls.push('undo') } as never;
    const ctx = { editor, masking: false, chooseTool: (t: string) => calls.push(t), stepBrush: () => undefined };
    expect(canvasAction('brush').enabled(ctx)).toBe(false);
    expect(canvasAction('undo').enabled(ctx)).toBe(false);
    expect(canvasAction('zoom-in').enabled(ctx)).toBe(true);
    canvasAction('zoom-in').run(ctx);
    canvasAction('lasso').run({ ...ctx, masking: true });
    expect(calls).toEqual(['zoom 1.25', 'lasso']);
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
