import type { FieldDescriptor } from '../../../providers/fields/describe';

/** What every field component receives: a controlled value and its descriptor. */
export interface FieldProps {
  field: FieldDescriptor;
  id: string;
  value: unknown;
  onChange(value: unknown): void;
  onBlur(): void;
  error?: string;
  /** ids of the description and error, for aria-describedby. */
  describedBy: string;
}

export function rangeText(f: FieldDescriptor): string | undefined {
  if (f.min !== undefined && f.max !== undefined) return `${f.min} – ${f.max}`;
  if (f.min !== undefined) return `≥ ${f.min}`;
  if (f.max !== undefined) return `≤ ${f.max}`;
  return undefined;
}
