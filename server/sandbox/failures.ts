/** Plain-words explanations of the HTTP statuses an injected failure (failNext) can produce. */
import { STATUS_CODES } from 'node:http';
import type { Failure } from './control';

const MESSAGES: Record<number, string> = {
  200: 'The generation failed on the server. Try again, perhaps with other parameters.',
  400: 'Bad request: the parameters or the request format were rejected.',
  401: 'Unauthorized: the API key is missing or invalid.',
  402: 'Payment required: the account has run out of credits or its plan has expired.',
  403: 'Forbidden: this key is not permitted to use this endpoint.',
  404: 'Not found: the model or endpoint does not exist.',
  406: 'Insufficient credits: not enough credits to process this request.',
  408: 'Request timeout: the request took too long.',
  429: 'Rate limit exceeded: too many requests.',
  500: 'Internal server error: the service failed while generating. Try again.',
  502: 'Bad gateway: the service is temporarily unavailable.',
  503: 'Service unavailable: the service is overloaded or down for maintenance. Try again later.',
  504: 'Gateway timeout: the request timed out.',
};

/** The message for a failure, with the retry hint when a Retry-After was set. */
export function failureMessage(failure: Failure): string {
  const base = MESSAGES[failure.status] ?? `${STATUS_CODES[failure.status] ?? 'Error'} (HTTP ${failure.status}).`;
  return failure.retryAfter === undefined ? base : `${base} Retry after ${failure.retryAfter} seconds.`;
}

/** `Retry-After` when the rule asked for one. */
export function retryHeaders(failure: Failure): Record<string, string> {
  return failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
}
