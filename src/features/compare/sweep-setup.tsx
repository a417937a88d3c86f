/** The sweep's axes: which parameter on X and on Y, which values, and how many requests that makes. */
import { useId } from 'react';
import { inputClass } from '../../components/ui/field-shell';

import { AXIS_LABELS, AXIS_PARAMS } from './sweep';
import type { AxisParam, SweepAxis, SweepPlan } from './sweep';
import { Button } from '../../components/ui/button';

export const DEFAULT_AXIS_VALUES: Record<AxisParam, string> = {
  target: '',
  seed: '1, 2, 3',
  guidance: '5, 7.5, 10',
  steps: '20, 30, 40',
  scheduler: 'Euler a, DDIM, UniPC',
  width: '512, 768',
  height: '512, 768',
  strength: '0.3, 0.6, 0.9',
  samples: '1, 2',
  prompt: '"a red fox", "a blue bird"',
  negativePrompt: '"", blurry',
};

function hint(param: AxisParam): string {
  if (param === 'target') return 'Target numbers, e.g. 1, 3; empty for all targets.';
  if (param === 'scheduler') return 'Any provider’s names; each endpoint gets its own.';
  if (param === 'prompt' || param === 'negativePrompt') return 'Comma-separated; "quote values, with commas".';
  return 'Comma-separated, or a range: 20-40 (+10).';
}

function AxisControls(props: { axis: 'X' | 'Y'; value: SweepAxis | undefined; optional: boolean; onChange(v: SweepAxis | undefined): void }) {
  const { axis, value, optional, onChange } = props;
  const ids = { param: useId(), values: useId() };
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-2">
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.param} className="text-sm font-semibold text-zinc-200">
          {axis} axis
        </label>
        <select
          id={ids.param}
          className={inputClass}
          value={value?.param ?? ''}
          onChange={(e) => {
            const param = e.target.value as AxisParam | '';
            onChange(param ? { param, values: DEFAULT_AXIS_VALUES[param] } : undefined);
          }}
        >
          {optional && <option value="">none</option>}
          {AXIS_PARAMS.map((p) => (
            <option key={p} value={p}>
              {AXIS_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={ids.values} className="text-sm text-zinc-300">
          {axis} values
        </label>
        <input
          id={ids.values}
          className={inputClass}
          value={value?.values ?? ''}
          disabled={!value}
          placeholder={value?.param === 'target' ? 'all targets' : ''}
          aria-describedby={`${ids.values}-hint`}
          onChange={(e) => value && onChange({ ...value, values: e.target.value })}
        />
        <p id={`${ids.values}-hint`} className="text-xs text-zinc-500">
          {value ? hint(value.param) : 'No Y axis: one row.'}
        </p>
      </div>
    </div>
  );
}

export function SweepSetup(props: {
  x: SweepAxis | undefined;
  y: SweepAxis | undefined;
  onX(v: SweepAxis | undefined): void;
  onY(v: SweepAxis | undefined): void;
  plan: SweepPlan;
  running: boolean;
  onRun(): void;
}) {
  const { x, y, plan } = props;
  const n = plan.requestCount;
  const perCell = plan.cellTargets.length > 1 ? ` (${Math.max(1, plan.xs.length)} × ${Math.max(1, plan.ys.length)} cells × ${plan.cellTargets.length} targets)` : '';
  const blocked = !x || plan.errors.length > 0 || n === 0;
  return (
    <section aria-label="Sweep setup" className="flex flex-col gap-3 rounded-lg border border-zinc-800 bg-zinc-900/40 p-3">
      <div className="flex flex-wrap gap-4">
        <AxisControls axis="X" value={x} optional={false} onChange={props.onX} />
        <AxisControls axis="Y" value={y} optional onChange={props.onY} />
      </div>
      {plan.errors.length > 0 && (
        <ul role="alert" className="list-disc rounded-md border border-red-800 bg-red-950/50 p-2 pl-6 text-sm text-red-200">
          {plan.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <p aria-live="polite" className="text-sm text-zinc-200">
          <span className="font-semibold text-amber-300" data-testid="sweep-request-count">
            {n} {n === 1 ? 'request' : 'requests'}
          </span>
          {perCell}
          {plan.skipped.length > 0 && <span className="text-orange-300"> · {plan.skipped.length} not sendable, skipped (see the mapping)</span>}
        </p>
        <Button variant="primary" className="ml-auto" disabled={blocked || props.running} onClick={props.onRun}>
          {props.running ? 'Sending…' : `Run sweep (${n})`}
        </Button>
      </div>
    </section>
  );
}
