/** What a keyboard or clipboard event's target is, so canvas shortcuts stay out of text fields. */

/** True for elements where keys mean text. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color'].includes(target.type);
  }
  return false;
}

/** True for controls that Space activates (buttons, links, form controls). */
export function isButtonLike(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('button, a[href], input, select, textarea, summary');
}
