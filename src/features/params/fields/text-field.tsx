import { inputClass } from '../../../components/ui/field-shell';
import type { FieldProps } from './field-props';

export function TextField({ field, id, value, onChange, onBlur, error, describedBy }: FieldProps) {
  const listId = field.suggestions?.length ? `${id}-suggestions` : undefined;
  return (
    <>
      <input
        id={id}
        type="text"
        className={inputClass}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
        list={listId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
      />
      {listId && (
        <datalist id={listId}>
          {field.suggestions?.map((s) => <option key={s} value={s} />)}
        </datalist>
      )}
    </>
  );
}

export function TextAreaField({ id, value, onChange, onBlur, error, describedBy }: FieldProps) {
  return (
    <textarea
      id={id}
      rows={3}
      className={`${inputClass} resize-y`}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
    />
  );
}
