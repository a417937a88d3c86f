/** Canvas keyboard shortcuts: a pure key → action table, so it can be tested and listed in the UI. */

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

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function actionForKey(e: KeyLike): CanvasAction | undefined {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (e.altKey) return undefined;
  if (mod) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    return undefined;
  }
  switch (key) {
    case 'b':
      return 'brush';
    case 'e':
      return 'eraser';
    case 'r':
      return 'rect';
    case 'l':
      return 'lasso';
    case 'Enter':
      return 'close-shape';
    case '[':
      return 'size-down';
    case ']':
      return 'size-up';
    case '+':
    case '=':
      return 'zoom-in';
    case '-':
    case '_':
      return 'zoom-out';
    case '0':
      return 'fit';
    case 'Escape':
      return 'cancel';
    default:
      return undefined;
  }
}

/** The next brush size for `[` / `]`: steps of about 15 %, at least one pixel, within the range. */
export function stepBrushSize(size: number, direction: 1 | -1, min: number, max: number): number {
  const step = Math.max(1, Math.round(size * 0.15));
  return Math.min(max, Math.max(min, size + direction * step));
}

/** The shortcuts as shown to the user. */
export const SHORTCUT_HELP: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['B / E', 'Brush / Eraser'],
  ['R / L', 'Rectangle / Lasso'],
  ['Enter, double click', 'Close the lasso polygon'],
  ['[ / ]', 'Smaller / larger brush'],
  ['Ctrl/⌘ Z', 'Undo'],
  ['Shift Ctrl/⌘ Z, Ctrl Y', 'Redo'],
  ['Space + drag, middle drag, two fingers', 'Pan'],
  ['Wheel, pinch, + / −', 'Zoom'],
  ['0', 'Fit'],
  ['Esc', 'Cancel the stroke or shape in progress'],
];
