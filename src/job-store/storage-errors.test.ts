import { describe, expect, it } from 'vitest';
import { isQuotaError, StorageFullError, toStorageError } from './storage-errors';

/** An error with a `cause`, as IndexedDB may report a quota failure (the DOM typings lack the options form). */
function withCause<E extends Error>(error: E, cause: unknown): E {
  return Object.defineProperty(error, 'cause', { value: cause });
}

describe('storage errors', () => {
  it('maps quota errors, directly, as a cause, or on the aborted transaction', () => {
    const quota = new DOMException('Quota exceeded', 'QuotaExceededError');
    const abort = new DOMException('Aborted', 'AbortError');
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError(withCause(new DOMException('Aborted', 'AbortError'), quota))).toBe(true);
    expect(isQuotaError(abort, { error: quota })).toBe(true);
    expect(isQuotaError(abort, { error: null })).toBe(false);
    expect(isQuotaError(new DOMException('x', 'DataError'), { error: quota })).toBe(false);
    expect(toStorageError(quota)).toBeInstanceOf(StorageFullError);
    expect(toStorageError(abort)).toBe(abort);
  });

  it('reads a transaction whose error getter throws without failing', () => {
    const tx = {
      get error(): unknown {
        throw new DOMException('not finished', 'InvalidStateError');
      },
    };
    expect(isQuotaError(new DOMException('Aborted', 'AbortError'), tx)).toBe(false);
  });
});
