import { inputClass } from '../../../components/ui/field-shell';
import type { FieldProps } from './field-props';

const UNSET = '';

export function SelectField({ field, id, value, onChange, onBlur, error, describedBy }: FieldProps) {
  const options = field.options ?? [];
  const index = options.findIndex((o) => o === value);
  return (
    <select
      id={id}
      className={inputClass}
      value={index >= 0 ? String(index) : UNSET}
      onChange={(e) => onChange(e.target.value === UNSET ? undefined : options[Number(e.target.value)])}
      onBlur={onBlur}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
    >
      {(!field.required || index < 0) && <option value={UNSET}>{field.required ? 'Choose…' : '(not sent)'}</option>}
      {options.map((o, i) => (
        <option key={String(o)} value={String(i)}>
          {String(o)}
        </option>
      ))}
    </select>
  );
}
