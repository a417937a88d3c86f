/** Brush, eraser, size, undo/redo, clear, invert, overlay opacity. */
import { useId } from 'react';
import type { PaintTool } from './mask-editor';
import { rangeClass } from './ui-classes';

import { Button } from '../../components/ui/button';

export const MIN_BRUSH = 2;

export function MaskToolbar(props: {
  tool: PaintTool;
  onTool(tool: PaintTool): void;
  brushSize: number;
  maxBrush: number;
  onBrushSize(size: number): void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo(): void;
  onRedo(): void;
  onClear(): void;
  onInvert(): void;
  opacity: number;
  onOpacity(opacity: number): void;
  disabled: boolean;
}) {
  const sizeId = useId();
  const opacityId = useId();
  const { tool, disabled } = props;
  return (
    <div role="group" aria-label="Mask tools" className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-1">
        <Button
          aria-keyshortcuts="B"
          title="Paint what should change (B)"
          pressed={tool === 'brush'}
          onClick={() => props.onTool('brush')}
          disabled={disabled}>
          Brush
        </Button>
        <Button
          aria-keyshortcuts="E"
          title="Erase mask (E)"
          pressed={tool === 'eraser'}
          onClick={() => props.onTool('eraser')}
          disabled={disabled}>
          Eraser
        </Button>
      </div>
      <div className="flex flex-col gap-1">
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
          aria-keyshortcuts="[ ]"
          aria-valuetext={`${props.brushSize} pixels`}
          className={rangeClass}
          onChange={(e) => props.onBrushSize(Number(e.target.value))}
          disabled={disabled}
        />
      </div>
      <div className="grid grid-cols-2 gap-1">
        <Button onClick={props.onUndo} disabled={disabled || !props.canUndo} aria-keyshortcuts="Control+Z Meta+Z" title="Undo (Ctrl/⌘ Z)">
          Undo
        </Button>
        <Button
          onClick={props.onRedo}
          disabled={disabled || !props.canRedo}
          aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z Control+Y"
          title="Redo (Shift Ctrl/⌘ Z)">
          Redo
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
