/**
 * Error classification shared by the three providers: an ErrorKind from the
 * HTTP status and the provider's own words, plus a plain-words message and a hint.
 */
import type { ErrorKind, ErrorResult } from '../types';

/** The kind an HTTP status suggests on its own. */
export function kindFromStatus(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 402) return 'credits';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 429) return 'rate_limit';
  if (status === 408 || status >= 500) return 'server';
  if (status >= 400) return 'invalid';
  return 'unknown';
}

/** The kind a provider's message suggests, when its words are clear enough. */
export function kindFromText(text: string): ErrorKind | undefined {
  const t = text.toLowerCase();
  const mentionsKey = /\b(api[\s_-]?key|dev[\s_-]?key|key)\b/.test(t);
  if (mentionsKey && /(invalid|missing|wrong|incorrect|required|not valid|not found|expired|revoked|empty|no key|not provided)/.test(t)) {
    return 'auth';
  }
  if (/unauthori[sz]ed|unauthenticated|authentication|permission|forbidden|not permitted/.test(t)) return 'auth';
  if (/too many|rate[\s_-]?limit|\brate\b|throttl/.test(t)) return 'rate_limit';
  if (/credit|balance|spend(ing)?[\s_-]?limit|\blimit\b|quota|insufficient|payment|subscription|upgrade|\bplan\b/.test(t)) {
    return 'credits';
  }
  if (/not found|does not exist|doesn't exist|no such|unknown model/.test(t)) return 'not_found';
  if (/content[\s-]?type|invalid|missing|required|must be|should be|not supported|unsupported/.test(t)) return 'invalid';
  return undefined;
}

/**
 * Status and text together. 401, 402, 429 and 5xx decide on their own; otherwise
 * the provider's words win over the status (ModelsLab answers errors with HTTP 200,
 * Segmind's 406 means either credits or a bad content type).
 */
export function classifyError(status: number, text: string | undefined, fallback?: ErrorKind): ErrorKind {
  if (status === 401 || status === 402 || status === 429 || status >= 500) return kindFromStatus(status);
  const byText = text === undefined ? undefined : kindFromText(text);
  if (byText) return byText;
  if (fallback) return fallback;
  return kindFromStatus(status);
}

/**
 * Seconds to wait, from a number, a numeric string, or an HTTP date (Retry-After).
 * `nowMs` is only read for the date form; pass it to stay pure.
 */
export function parseRetryAfter(value: unknown, nowMs?: number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const when = Date.parse(text);
  if (Number.isNaN(when)) return undefined;
  const now = nowMs ?? Date.now();
  return Math.max(0, Math.ceil((when - now) / 1000));
}

export function defaultHint(kind: ErrorKind, retryAfter?: number): string {
  switch (kind) {
    case 'auth':
      return 'Check the key in Settings: a missing, mistyped or revoked key gives this error.';
    case 'credits':
      return 'Top up credits (or raise the spending limit) in your account with the provider, then resend.';
    case 'rate_limit':
      return retryAfter !== undefined
        ? `Wait ${Math.ceil(retryAfter)} s and retry.`
        : 'Wait a little and retry; send fewer requests at once.';
    case 'invalid':
      return 'Fix the field the message names and resend.';
    case 'not_found':
      return 'Check the model name and the base URL in Settings.';
    case 'server':
      return 'Retry in a minute; if it keeps failing, try other parameter values.';
    case 'network':
      return 'Check the connection and the base URL in Settings, then retry.';
    case 'cancelled':
    case 'stopped_watching':
      return 'Send the request again when you are ready.';
    case 'unknown':
      return 'Retry; if it keeps happening, check the base URL in Settings.';
  }
}

function defaultLead(provider: string, kind: ErrorKind): string {
  switch (kind) {
    case 'auth':
      return `${provider} did not accept the API key`;
    case 'credits':
      return `${provider} refused the request: the account is out of credits or over its spending limit`;
    case 'rate_limit':
      return `${provider} is receiving too many requests from this key`;
    case 'invalid':
      return `${provider} rejected the request`;
    case 'not_found':
      return `${provider} could not find the model or endpoint`;
    case 'server':
      return `${provider} failed on its side`;
    case 'network':
      return `${provider} could not be reached`;
    case 'cancelled':
    case 'stopped_watching':
      return 'The request was cancelled';
    case 'unknown':
      return `${provider} sent an answer the playground does not understand`;
  }
}

export interface ErrorDetails {
  /** The HTTP status; shown in the message unless it is 2xx. */
  status?: number;
  /** The provider's own words, quoted in the message. */
  text?: string;
  /** Replaces the generic first half of the message. */
  lead?: string;
  /** Appended after the provider's words (e.g. "this is often a bad parameter value"). */
  note?: string;
  hint?: string;
  retryAfter?: number;
  providerId?: string;
}

/** An ErrorResult with a plain message ("what happened", with the provider's text) and a hint. */
export function errorResult(provider: string, kind: ErrorKind, d: ErrorDetails = {}): ErrorResult {
  let message = d.lead ?? defaultLead(provider, kind);
  if (d.status !== undefined && (d.status < 200 || d.status >= 300)) message += ` (HTTP ${d.status})`;
  if (d.text) message += `: "${d.text}"`;
  if (d.note) message += ` — ${d.note}`;
  message += '.';
  return {
    kind: 'error',
    error: {
      kind,
      message,
      hint: d.hint ?? defaultHint(kind, d.retryAfter),
      ...(d.status !== undefined ? { status: d.status } : {}),
      ...(d.retryAfter !== undefined ? { retryAfter: d.retryAfter } : {}),
      ...(d.providerId !== undefined ? { providerId: d.providerId } : {}),
    },
  };
}
