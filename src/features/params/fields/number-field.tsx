import { inputClass } from '../../../components/ui/field-shell';
import type { FieldProps } from './field-props';

function parse(raw: string): number | undefined {
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Number or integer: a box, and a slider when the range is known. */
export function NumberField({ field, id, value, onChange, onBlur, error, describedBy }: FieldProps) {
  const num = typeof value === 'number' ? value : undefined;
  const step = field.step ?? (field.kind === 'integer' ? 1 : (field.max ?? 1) - (field.min ?? 0) <= 2 ? 0.01 : 0.1);
  const slider = field.min !== undefined && field.max !== undefined;
  return (
    <div className="flex flex-col gap-1">
      <input
        id={id}
        type="number"
        inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
        className={inputClass}
        step={step}
        value={num ?? ''}
        onChange={(e) => onChange(parse(e.target.value))}
        onBlur={onBlur}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {slider && (
        <input
          type="range"
          aria-label={`${field.name} slider`}
          className="h-1.5 w-full accent-amber-500"
          min={field.min}
          max={field.max}
          step={step}
          value={Math.min(Math.max(num ?? field.min ?? 0, field.min ?? 0), field.max ?? 0)}
          onChange={(e) => onChange(Number(e.target.value))}
          onBlur={onBlur}
          tabIndex={-1}
        />
      )}
    </div>
  );
}
