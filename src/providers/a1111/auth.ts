/**
 * HTTP Basic auth for servers started with `--api-auth user:password`. The playground keeps the
 * login as one key, `user:password`; no key, no header (a server without auth).
 */
import type { KeyLocation } from '../types';
import { keyHeaders } from '../shared/request';

export const A1111_KEY: KeyLocation = { in: 'basic' };

/** Headers carrying the login, when there is one. */
export const authHeaders = (key: string): Record<string, string> => keyHeaders(A1111_KEY, key);
