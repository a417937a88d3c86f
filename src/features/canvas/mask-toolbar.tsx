/** Brush, eraser, rectangle, lasso (fill or clear), size, undo/redo, clear, invert, overlay opacity. */
import { useId } from 'react';
import type { PaintTool } from './mask-editor';
import type { StrokeMode } from './mask-ops';
import { rangeClass } from './ui-classes';
import { actionTitle, ariaKeys, canvasAction } from './keyboard-shortcuts';
import type { CanvasAction, CanvasActionState } from './keyboard-shortcuts';

import { Button } from '../../components/ui/button';

export const MIN_BRUSH = 2;

/** The tools, their names and keys from the action table; what each does, for its title. */
const TOOLS: ReadonlyArray<readonly [PaintTool, string]> = [
  ['brush', 'Paint what should change'],
  ['eraser', 'Erase mask'],
  ['rect', 'Fill or clear a rectangle'],
  ['lasso', 'Fill or clear a freehand or polygon outline'],
];
const UNDO = canvasAction('undo');
const REDO = canvasAction('redo');

export function MaskToolbar(props: {
  tool: PaintTool;
  /** What the action table's `enabled` reads; the tool, undo and redo buttons are its actions. */
  actions: CanvasActionState;
  onAction(id: CanvasAction): void;
  shapeMode: StrokeMode;
  onShapeMode(mode: StrokeMode): void;
  brushSize: number;
  maxBrush: number;
  onBrushSize(size: number): void;
  onClear(): void;
  onInvert(): void;
  opacity: number;
  onOpacity(opacity: number): void;
  disabled: boolean;
}) {
  const sizeId = useId();
  const opacityId = useId();
  const { tool, disabled } = props;
  const shapeTool = tool === 'rect' || tool === 'lasso';
  return (
    <div role="group" aria-label="Mask tools" className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-1">
        {TOOLS.map(([value, what]) => {
          const action = canvasAction(value);
          return (
            <Button key={value} aria-keyshortcuts={ariaKeys(action)} title={actionTitle(action, what)} pressed={tool === value} onClick={() => props.onAction(value)} disabled={!action.enabled(props.actions)}>
              {action.label}
            </Button>
          );
        })}
      </div>
      {shapeTool && (
        <div role="group" aria-label={`${tool === 'rect' ? 'Rectangle' : 'Lasso'} does`} className="flex flex-col gap-1">
          <div className="grid grid-cols-2 gap-1">
            <Button pressed={props.shapeMode === 'paint'} onClick={() => props.onShapeMode('paint')} disabled={disabled} title="The shape is added to the mask">
              Fill
            </Button>
            <Button pressed={props.shapeMode === 'erase'} onClick={() => props.onShapeMode('erase')} disabled={disabled} title="The shape is cleared from the mask">
              Cut out
            </Button>
          </div>
          <p className="text-xs text-zinc-400">
            {tool === 'rect'
              ? 'Drag a box over the picture.'
              : 'Drag an outline, or click corners; click the first corner, double-click or press Enter to close. Esc cancels.'}
          </p>
        </div>
      )}
      {/* The brush size means nothing to the rectangle and the lasso: their options take its place. */}
      <div className={`flex flex-col gap-1 ${shapeTool ? 'hidden' : ''}`}>
        <div className="flex items-baseline justify-between">
          <label htmlFor={sizeId} className="text-zinc-300">
            Brush size
          </label>
          <span aria-hidden="true" className="font-mono text-xs text-zinc-400">
            {props.brushSize} px
          </span>
        </div>
        <input
          id={sizeId}
          type="range"
          min={MIN_BRUSH}
          max={props.maxBrush}
          step={1}
          value={props.brushSize}
          aria-keyshortcuts={`${ariaKeys(canvasAction('size-down'))} ${ariaKeys(canvasAction('size-up'))}`}
          aria-valuetext={`${props.brushSize} pixels`}
          className={rangeClass}
          onChange={(e) => props.onBrushSize(Number(e.target.value))}
          disabled={disabled}
        />
      </div>
      <div className="grid grid-cols-2 gap-1">
        <Button onClick={() => props.onAction('undo')} disabled={!UNDO.enabled(props.actions)} aria-keyshortcuts={ariaKeys(UNDO)} title={actionTitle(UNDO)}>
          {UNDO.label}
        </Button>
        <Button onClick={() => props.onAction('redo')} disabled={!REDO.enabled(props.actions)} aria-keyshortcuts={ariaKeys(REDO)} title={actionTitle(REDO)}>
          {REDO.label}
        </Button>
        <Button onClick={props.onClear} disabled={disabled} title="Paint nothing: keep the whole image">
          Clear mask
        </Button>
        <Button onClick={props.onInvert} disabled={disabled} title="Swap painted and unpainted areas">
          Invert mask
        </Button>
      </div>
      <div className="flex flex-col gap-1">
        <div className="flex items-baseline justify-between">
          <label htmlFor={opacityId} className="text-zinc-300">
            Mask opacity
          </label>
          <span aria-hidden="true" className="font-mono text-xs text-zinc-400">
            {Math.round(props.opacity * 100)} %
          </span>
        </div>
        <input
          id={opacityId}
          type="range"
          min={0.1}
          max={0.9}
          step={0.05}
          value={props.opacity}
          aria-valuetext={`${Math.round(props.opacity * 100)} percent`}
          className={rangeClass}
          onChange={(e) => props.onOpacity(Number(e.target.value))}
        />
      </div>
    </div>
  );
}
