import { inputClass } from '../../../components/ui/field-shell';

import { cryptoRandom } from '../../../lib/random';
import { drawSeed } from '../../../providers/shared/seed';
import type { FieldProps } from './field-props';
import { Button } from '../../../components/ui/button';

/** A seed: a concrete number, or "random" (the provider's marker; the client draws one when sending). */
export function SeedField({ field, id, value, onChange, onBlur, error, describedBy }: FieldProps) {
  const isRandom = value === undefined || value === null || value === field.randomValue;
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type="number"
        inputMode="numeric"
        className={`${inputClass} min-w-0 flex-1`}
        placeholder="random"
        value={isRandom ? '' : String(value)}
        onChange={(e) => onChange(e.target.value.trim() === '' ? field.randomValue : Number(e.target.value))}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      <label className="flex shrink-0 items-center gap-1 text-xs text-zinc-300">
        <input
          type="checkbox"
          className="accent-amber-500"
          checked={isRandom}
          onChange={(e) => onChange(e.target.checked ? field.randomValue : drawSeed(cryptoRandom))}
        />
        random
      </label>
      <Button className="shrink-0" aria-label={`New ${field.name}`} title="Draw a new seed now" onClick={() => onChange(drawSeed(cryptoRandom))}>
        New
      </Button>
    </div>
  );
}
