/** Browser storage errors, in plain words. */

export class StorageFullError extends Error {
  constructor(options?: { cause?: unknown }) {
    super(
      'Browser storage is full, so this was not saved. Download the images you want to keep, then delete old jobs in the gallery to make room. Everything saved before is still there.',
      options,
    );
    this.name = 'StorageFullError';
  }
}

function errorName(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string'
    ? value.name
    : undefined;
}

/**
 * True for QuotaExceededError, including when IndexedDB reports it as the
 * AbortError of a request whose transaction aborted over quota (the quota
 * error is then on the transaction, or on the error's cause).
 */
export function isQuotaError(error: unknown, tx?: { error: unknown } | null): boolean {
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const name = errorName(current);
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    // Safari (older) reports a quota failure as a generic UnknownError mentioning it.
    if (name === 'UnknownError' && /quota/i.test(String((current as { message?: unknown }).message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  if (errorName(error) === 'AbortError' || errorName(error) === 'UnknownError') {
    let txError: unknown;
    try {
      txError = tx?.error;
    } catch {
      txError = undefined;
    }
    return errorName(txError) === 'QuotaExceededError';
  }
  return false;
}

/** Quota errors become StorageFullError; anything else passes through. */
export function toStorageError(error: unknown, tx?: { error: unknown } | null): unknown {
  if (error instanceof StorageFullError) return error;
  return isQuotaError(error, tx) ? new StorageFullError({ cause: error }) : error;
}
