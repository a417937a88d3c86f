/**
 * The canvas's actions, as data: one entry per action (id, label, keys, enabled, run). The key
 * handling (`use-canvas-keys.ts`), the toolbar and zoom buttons (their labels, titles and
 * aria-keyshortcuts), the help under the canvas and the `?` shortcuts dialog all read this table.
 * Pure: no DOM, no Konva (the shortcuts dialog loads it on its own).
 */
import { ZOOM_STEP } from '../../lib/zoom-view';
import type { MaskEditor, PaintTool } from './mask-editor';

export type CanvasAction =
  | 'undo'
  | 'redo'
  | 'brush'
  | 'eraser'
  | 'rect'
  | 'lasso'
  | 'close-shape'
  | 'size-down'
  | 'size-up'
  | 'zoom-in'
  | 'zoom-out'
  | 'fit'
  | 'cancel';

/** What an action's `enabled` reads: plain state, so a button can ask while it renders. */
export interface CanvasActionState {
  /** The mask can be edited now (an inpainting endpoint with an image). */
  masking: boolean;
  /** Something to undo: a mask step, or an Extend. */
  canUndo: boolean;
  canRedo: boolean;
}

/** What an action acts on. */
export interface CanvasActionContext extends CanvasActionState {
  editor: MaskEditor;
  chooseTool(tool: PaintTool): void;
  stepBrush(direction: 1 | -1): void;
  /** Undo the mask's last step, or, with none left, the last Extend. */
  undo(): void;
}

export interface CanvasActionDef {
  id: CanvasAction;
  label: string;
  /**
   * The keys, as `Mod+z` (Ctrl, or ⌘ on a Mac), `Shift+Mod+z`, `b`, `Enter`: the first ones shown
   * to the user; `aliases` work too but are not listed (`=` for `+` without Shift).
   */
  keys: readonly string[];
  aliases?: readonly string[];
  enabled(state: CanvasActionState): boolean;
  /** Does it; false when it did nothing (the key keeps its usual meaning). */
  run(ctx: CanvasActionContext): boolean | void;
}

const masking = (state: CanvasActionState) => state.masking;
const always = () => true;
const tool = (id: PaintTool, label: string, key: string): CanvasActionDef => ({ id, label, keys: [key], enabled: masking, run: (ctx) => ctx.chooseTool(id) });

export const CANVAS_ACTIONS: readonly CanvasActionDef[] = [
  tool('brush', 'Brush', 'b'),
  tool('eraser', 'Eraser', 'e'),
  tool('rect', 'Rectangle', 'r'),
  tool('lasso', 'Lasso', 'l'),
  { id: 'close-shape', label: 'Close the lasso polygon (or double click)', keys: ['Enter'], enabled: always, run: (ctx) => ctx.editor.finishGesture() },
  { id: 'size-down', label: 'Smaller brush', keys: ['['], enabled: masking, run: (ctx) => ctx.stepBrush(-1) },
  { id: 'size-up', label: 'Larger brush', keys: [']'], enabled: masking, run: (ctx) => ctx.stepBrush(1) },
  { id: 'undo', label: 'Undo', keys: ['Mod+z'], enabled: (s) => s.masking && s.canUndo, run: (ctx) => ctx.undo() },
  { id: 'redo', label: 'Redo', keys: ['Shift+Mod+z', 'Mod+y'], enabled: (s) => s.masking && s.canRedo, run: (ctx) => ctx.editor.redo() },
  { id: 'zoom-in', label: 'Zoom in', keys: ['+'], aliases: ['='], enabled: always, run: (ctx) => ctx.editor.zoomBy(ZOOM_STEP) },
  { id: 'zoom-out', label: 'Zoom out', keys: ['-'], aliases: ['_'], enabled: always, run: (ctx) => ctx.editor.zoomBy(1 / ZOOM_STEP) },
  { id: 'fit', label: 'Fit the image', keys: ['0'], enabled: always, run: (ctx) => ctx.editor.fit() },
  { id: 'cancel', label: 'Cancel the stroke or shape in progress', keys: ['Escape'], enabled: always, run: (ctx) => ctx.editor.cancelGesture() },
];

const BY_ID = new Map(CANVAS_ACTIONS.map((a) => [a.id, a]));

export function canvasAction(id: CanvasAction): CanvasActionDef {
  return BY_ID.get(id)!;
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** An event as the table writes keys: Shift counts only with Ctrl/⌘ (`+` is Shift+= on many layouts). */
function comboOf(e: KeyLike): string | undefined {
  if (e.altKey) return undefined;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (!(e.ctrlKey || e.metaKey)) return key;
  return `${e.shiftKey ? 'Shift+' : ''}Mod+${key}`;
}

export function actionForKey(e: KeyLike): CanvasAction | undefined {
  const combo = comboOf(e);
  if (!combo) return undefined;
  return CANVAS_ACTIONS.find((a) => a.keys.includes(combo) || a.aliases?.includes(combo))?.id;
}

/** Runs an action when it is enabled; false when it did not run or did nothing (a key then keeps its usual meaning). */
export function runCanvasAction(id: CanvasAction, ctx: CanvasActionContext): boolean {
  const action = canvasAction(id);
  if (!action.enabled(ctx)) return false;
  return action.run(ctx) !== false;
}

/** A key press through the table: true when an action took it (the caller prevents the default). */
export function dispatchCanvasKey(e: KeyLike, ctx: CanvasActionContext): boolean {
  const id = actionForKey(e);
  return id !== undefined && runCanvasAction(id, ctx);
}

const KEY_NAMES: Record<string, string> = { Escape: 'Esc', '-': '−', Mod: 'Ctrl/⌘' };

/** A key as shown: `Shift+Mod+z` → `Shift Ctrl/⌘ Z`. */
function keyText(combo: string): string {
  return combo
    .split('+')
    .map((part) => KEY_NAMES[part] ?? (part.length === 1 ? part.toUpperCase() : part))
    .join(' ')
    .replace(/^ $/, '+');
}

/** The keys of an action as shown to the user (`Ctrl/⌘ Z`). */
export function keysText(action: CanvasActionDef): string {
  return action.keys.map(keyText).join(', ');
}

/** The keys for `aria-keyshortcuts` (`Control+Z Meta+Z`). */
export function ariaKeys(action: CanvasActionDef): string {
  const aria = (combo: string) => {
    const name = (k: string) => (k.length === 1 ? k.toUpperCase() : k);
    const parts = combo.split('+').filter((p) => p !== '');
    const key = combo.endsWith('+') ? 'Plus' : name(parts.pop() ?? '');
    const mods = parts.filter((p) => p !== 'Mod');
    const prefix = mods.length ? `${mods.join('+')}+` : '';
    return parts.includes('Mod') ? `${prefix}Control+${key} ${prefix}Meta+${key}` : `${prefix}${key}`;
  };
  return action.keys.map(aria).join(' ');
}

/** "Zoom in (+)": a button's title. */
export function actionTitle(action: CanvasActionDef, what = action.label): string {
  return `${what} (${keysText(action)})`;
}

/** The canvas's gestures that no key table holds. */
const GESTURES: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['Space + drag, middle drag, two fingers', 'Pan'],
  ['Wheel, pinch', 'Zoom'],
];

/** The shortcuts as shown to the user (the help under the canvas, the shortcuts dialog). */
export const SHORTCUT_HELP: ReadonlyArray<readonly [keys: string, what: string]> = [
  ...CANVAS_ACTIONS.map((a) => [keysText(a), a.label] as const),
  ...GESTURES,
];

/** The next brush size for `[` / `]`: steps of about 15 %, at least one pixel, within the range. */
export function stepBrushSize(size: number, direction: 1 | -1, min: number, max: number): number {
  const step = Math.max(1, Math.round(size * 0.15));
  return Math.min(max, Math.max(min, size + direction * step));
}
