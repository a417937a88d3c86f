/** Value encodings the providers use on the wire. */

/** ModelsLab flags. */
export function yesNo(value: boolean): 'yes' | 'no' {
  return value ? 'yes' : 'no';
}

/** DreamRender booleans (Python-style). */
export function trueFalse(value: boolean): 'True' | 'False' {
  return value ? 'True' : 'False';
}

/** Absent from the form: undefined, or a text field left empty. */
export function isBlank(value: unknown): value is undefined | '' {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}
