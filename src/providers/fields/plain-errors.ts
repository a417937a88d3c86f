/**
 * Validation messages in plain words, for the form: what is wrong and what is
 * allowed, instead of zod's type-system wording.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

function list(values: readonly unknown[]): string {
  const shown = values.slice(0, 6).map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
  return values.length > 6 ? `${shown.join(', ')} …` : shown.join(', ');
}

export function plainError(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return 'Required.';
      return issue.expected === 'number' || issue.expected === 'int' ? 'Enter a number.' : `Expected ${issue.expected}.`;
    case 'too_big':
      return issue.origin === 'string' ? `At most ${issue.maximum} characters.` : `At most ${issue.maximum}${issue.inclusive === false ? ' (exclusive)' : ''}.`;
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'Required.';
      return issue.origin === 'string' ? `At least ${issue.minimum} characters.` : `At least ${issue.minimum}${issue.inclusive === false ? ' (exclusive)' : ''}.`;
    case 'not_multiple_of':
      return `Must be a multiple of ${issue.divisor}.`;
    case 'invalid_value':
      return `Must be one of ${list(issue.values)}.`;
    case 'invalid_format':
      return issue.format === 'url' ? 'Enter a full URL (https://…).' : `Not a valid ${issue.format}.`;
    default:
      return undefined;
  }
}
