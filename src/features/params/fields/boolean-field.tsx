import type { FieldProps } from './field-props';

export function BooleanField({ id, value, onChange, onBlur, describedBy }: FieldProps) {
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type="checkbox"
        className="h-4 w-4 accent-amber-500"
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
        onBlur={onBlur}
        aria-describedby={describedBy}
      />
      <span className="text-xs text-zinc-500">{value === undefined ? 'not sent' : value ? 'on' : 'off'}</span>
    </div>
  );
}
