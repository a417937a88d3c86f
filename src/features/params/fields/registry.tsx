/**
 * The field registry: schema kinds → small field components. A kind nothing
 * can render shows a visible configuration error, never a silent gap.
 */
import type { ComponentType } from 'react';
import type { FieldKind } from '../../../providers/fields/describe';
import { BooleanField } from './boolean-field';
import type { FieldProps } from './field-props';
import { ImageField } from './image-field';
import { NumberField } from './number-field';
import { SeedField } from './seed-field';
import { SelectField } from './select-field';
import { TextAreaField, TextField } from './text-field';

function UnsupportedField({ field }: FieldProps) {
  return (
    <p role="alert" className="rounded border border-red-700 bg-red-950 px-2 py-1 text-xs text-red-300">
      Configuration error: {field.problem ?? `no field component for "${field.kind}"`}.
    </p>
  );
}

export const fieldRegistry: Record<FieldKind, ComponentType<FieldProps>> = {
  text: TextField,
  textarea: TextAreaField,
  number: NumberField,
  integer: NumberField,
  select: SelectField,
  boolean: BooleanField,
  seed: SeedField,
  image: ImageField,
  unsupported: UnsupportedField,
};
