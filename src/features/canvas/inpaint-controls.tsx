/**
 * "Inpaint area" (Whole picture / Only masked), "Only masked padding" and "Mask blur", as
 * A1111 names them, kept in the workspace (shared by every endpoint and Compare); "Extend" for
 * outpainting; the mask tools that work on the whole mask (grow, shrink, feather, load from file).
 */
import { useId, useState } from 'react';
import { Button, buttonClasses } from '../../components/ui/button';
import { updateWorkspace, useWorkspace } from '../../job-store/workspace';
import { textInputClass } from './ui-classes';

export type Side = 'left' | 'top' | 'right' | 'bottom';
export type ExtendFill = 'stretch' | 'noise';

function NumberInput(props: { label: string; value: number; min: number; max: number; step?: number; onChange(n: number): void; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="flex items-center justify-between gap-2">
      <label htmlFor={id} className="text-zinc-300">
        {props.label}
      </label>
      <input
        id={id}
        type="number"
        className={`${textInputClass} w-20 text-right`}
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        disabled={props.disabled}
        onChange={(e) => {
          const n = Number(e.target.value);
          if (e.target.value !== '' && Number.isFinite(n)) props.onChange(Math.min(props.max, Math.max(props.min, n)));
        }}
      />
    </div>
  );
}

export function InpaintAreaControls() {
  const { inpaint } = useWorkspace();
  const set = (patch: Partial<typeof inpaint>) => updateWorkspace({ inpaint: { ...inpaint, ...patch } });
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-zinc-800 p-2">
      <legend className="px-1 text-zinc-300">Inpaint area</legend>
      <div className="flex gap-3">
        {(
          [
            ['whole', 'Whole picture'],
            ['masked', 'Only masked'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-1.5 text-zinc-200">
            <input type="radio" name="inpaint-area" className="accent-amber-500" checked={inpaint.area === value} onChange={() => set({ area: value })} />
            {label}
          </label>
        ))}
      </div>
      <NumberInput label="Only masked padding" value={inpaint.padding} min={0} max={1024} onChange={(padding) => set({ padding })} disabled={inpaint.area !== 'masked'} />
      <NumberInput label="Mask blur" value={inpaint.maskBlur} min={0} max={64} onChange={(maskBlur) => set({ maskBlur })} />
      <p className="text-xs text-zinc-400">
        {inpaint.area === 'masked'
          ? 'Sends the mask’s surroundings at the endpoint’s largest size, then stitches the result into the full-size picture.'
          : 'Sends the whole picture, scaled to a size the endpoint accepts.'}
      </p>
    </fieldset>
  );
}

export function MaskAdjustTools(props: { disabled: boolean; busy: boolean; onAdjust(action: 'grow' | 'shrink' | 'feather', px: number): void; onLoadFile(file: File): void }) {
  const [px, setPx] = useState(8);
  const fileId = useId();
  const off = props.disabled || props.busy;
  return (
    <div role="group" aria-label="Whole-mask tools" className="flex flex-col gap-2">
      <NumberInput label="Grow / shrink / feather by (px)" value={px} min={1} max={256} onChange={setPx} disabled={off} />
      <div className="grid grid-cols-3 gap-1">
        <Button disabled={off} className="px-1" onClick={() => props.onAdjust('grow', px)} aria-label="Grow mask" title={`Grow the mask by ${px} px`}>
          Grow
        </Button>
        <Button disabled={off} className="px-1" onClick={() => props.onAdjust('shrink', px)} aria-label="Shrink mask" title={`Shrink the mask by ${px} px`}>
          Shrink
        </Button>
        <Button disabled={off} className="px-1" onClick={() => props.onAdjust('feather', px)} aria-label="Feather mask" title={`Soften the mask's edge over ${px} px (grey: a partial repaint)`}>
          Feather
        </Button>
      </div>
      <label htmlFor={fileId} className={buttonClasses('neutral', false, off ? 'pointer-events-none opacity-50' : 'cursor-pointer')}>
        Load mask from file
      </label>
      <input
        id={fileId}
        type="file"
        accept="image/*"
        className="sr-only"
        disabled={off}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) props.onLoadFile(file);
        }}
      />
    </div>
  );
}

export function ExtendControls(props: { disabled: boolean; busy: boolean; onExtend(side: Side, px: number, fill: ExtendFill): void }) {
  const [side, setSide] = useState<Side>('right');
  const [px, setPx] = useState(256);
  const [fill, setFill] = useState<ExtendFill>('stretch');
  const sideId = useId();
  const fillId = useId();
  const off = props.disabled || props.busy;
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-zinc-800 p-2">
      <legend className="px-1 text-zinc-300">Outpainting</legend>
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={sideId} className="text-zinc-300">
          Extend side
        </label>
        <select id={sideId} className={textInputClass} value={side} onChange={(e) => setSide(e.target.value as Side)} disabled={off}>
          <option value="left">Left</option>
          <option value="top">Top</option>
          <option value="right">Right</option>
          <option value="bottom">Bottom</option>
        </select>
      </div>
      <NumberInput label="Extend by (px)" value={px} min={8} max={2048} step={8} onChange={setPx} disabled={off} />
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={fillId} className="text-zinc-300">
          New area
        </label>
        <select id={fillId} className={textInputClass} value={fill} onChange={(e) => setFill(e.target.value as ExtendFill)} disabled={off}>
          <option value="stretch">Edge stretch</option>
          <option value="noise">Noise</option>
        </select>
      </div>
      <Button disabled={off} onClick={() => props.onExtend(side, px, fill)}>
        Extend
      </Button>
    </fieldset>
  );
}
