/** Brush, eraser, size, undo/redo, clear, invert, overlay opacity. */
import { useId } from 'react';
import type { PaintTool } from './mask-editor';
import { buttonClass, rangeClass, toggleClass } from './ui-classes';

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
        <button
          type="button"
          aria-pressed={tool === 'brush'}
          aria-keyshortcuts="B"
          title="Paint what should change (B)"
          className={toggleClass(tool === 'brush')}
          onClick={() => props.onTool('brush')}
          disabled={disabled}
        >
          Brush
        </button>
        <button
          type="button"
          aria-pressed={tool === 'eraser'}
          aria-keyshortcuts="E"
          title="Erase mask (E)"
          className={toggleClass(tool === 'eraser')}
          onClick={() => props.onTool('eraser')}
          disabled={disabled}
        >
          Eraser
        </button>
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
        <button type="button" className={buttonClass} onClick={props.onUndo} disabled={disabled || !props.canUndo} aria-keyshortcuts="Control+Z Meta+Z" title="Undo (Ctrl/⌘ Z)">
          Undo
        </button>
        <button
          type="button"
          className={buttonClass}
          onClick={props.onRedo}
          disabled={disabled || !props.canRedo}
          aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z Control+Y"
          title="Redo (Shift Ctrl/⌘ Z)"
        >
          Redo
        </button>
        <button type="button" className={buttonClass} onClick={props.onClear} disabled={disabled} title="Paint nothing: keep the whole image">
          Clear mask
        </button>
        <button type="button" className={buttonClass} onClick={props.onInvert} disabled={disabled} title="Swap painted and unpainted areas">
          Invert mask
        </button>
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
