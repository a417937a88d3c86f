import { describe, expect, it } from 'vitest';
import { actionForKey, stepBrushSize } from './keyboard-shortcuts';
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

describe('stepBrushSize', () => {
  it('steps proportionally within bounds', () => {
    expect(stepBrushSize(100, 1, 2, 512)).toBe(115);
    expect(stepBrushSize(100, -1, 2, 512)).toBe(85);
    expect(stepBrushSize(2, -1, 2, 512)).toBe(2);
    expect(stepBrushSize(3, 1, 2, 512)).toBe(4);
    expect(stepBrushSize(500, 1, 2, 512)).toBe(512);
  });
});
