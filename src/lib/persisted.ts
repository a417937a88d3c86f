/**
 * What the app keeps in localStorage or sessionStorage goes through `persisted`: a key, a
 * validator, a version and the migrations from every earlier version. A value is stored as
 * `{"v": version, "data": …}`. What an earlier build stored without that envelope is version 0:
 * its JSON value, or the raw string when it is not JSON. On read, old data is migrated (and
 * written back in the current format); data that cannot be migrated or validated, or that a newer
 * build wrote, is dropped and a notice is recorded for the app to show. A read never throws.
 *
 * No zod import: the first paint reads drafts before zod loads. A zod schema fits `Validator`
 * (its `safeParse`), and so does a small hand-written check.
 */

export type ParseResult<T> = { success: true; data: T } | { success: false };
export interface Validator<T> {
  safeParse(value: unknown): ParseResult<T>;
}
/** `migrations[n]` turns version n's data into version n + 1's. */
export type Migrations = Readonly<Record<number, (old: unknown) => unknown>>;

export interface PersistedOptions {
  storage?: 'local' | 'session';
  /** What the data is, for the notice when it is dropped ("your settings"). */
  label?: string;
}

export interface Persisted<T> {
  readonly key: string;
  load(): T | undefined;
  /** False when the storage refused the write (full, or disabled). */
  save(value: T): boolean;
  remove(): void;
}

export interface StorageNotice {
  key: string;
  label: string;
  reason: string;
}

/** Replaced, never changed in place: a new list is a new snapshot for React. */
let notices: readonly StorageNotice[] = [];
const noticeListeners = new Set<() => void>();

/** Data dropped since the page loaded, oldest first (the app shows them once). */
export function storageNotices(): readonly StorageNotice[] {
  return notices;
}

export function subscribeStorageNotices(listener: () => void): () => void {
  noticeListeners.add(listener);
  return () => noticeListeners.delete(listener);
}

export function clearStorageNotices() {
  if (!notices.length) return;
  notices = [];
  for (const l of noticeListeners) l();
}

function notify(notice: StorageNotice) {
  if (notices.some((n) => n.key === notice.key)) return;
  notices = [...notices, notice];
  for (const l of noticeListeners) l();
}

function storageArea(kind: 'local' | 'session'): Storage | undefined {
  try {
    return kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The stored version and data: the envelope, or version 0 for anything written before it. */
function unwrap(raw: string): { version: number; data: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { version: 0, data: raw };
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
    const keys = Object.keys(parsed);
    const { v, data } = parsed as { v?: unknown; data?: unknown };
    if (keys.length === 2 && keys.includes('data') && typeof v === 'number' && Number.isInteger(v) && v >= 1) return { version: v, data };
  }
  return { version: 0, data: parsed };
}

export function persisted<T>(key: string, schema: Validator<T>, version: number, migrations: Migrations = {}, options: PersistedOptions = {}): Persisted<T> {
  const kind = options.storage ?? 'local';
  const label = options.label ?? key;
  const write = (value: T): boolean => {
    try {
      const area = storageArea(kind);
      if (!area) return false;
      area.setItem(key, JSON.stringify({ v: version, data: value }));
      return true;
    } catch {
      return false;
    }
  };
  const remove = () => {
    try {
      storageArea(kind)?.removeItem(key);
    } catch {
      // Nothing to remove from a storage we cannot reach.
    }
  };
  const drop = (reason: string): undefined => {
    remove();
    notify({ key, label, reason });
    return undefined;
  };

  return {
    key,
    load() {
      let raw: string | null | undefined;
      try {
        raw = storageArea(kind)?.getItem(key);
      } catch {
        return undefined;
      }
      if (raw === null || raw === undefined) return undefined;
      const stored = unwrap(raw);
      if (stored.version > version) return drop('it was saved by a newer version of the playground');
      let data = stored.data;
      for (let v = stored.version; v < version; v++) {
        const migrate = migrations[v];
        if (!migrate) return drop(`it is in an old format (version ${stored.version}) that this version no longer reads`);
        try {
          data = migrate(data);
        } catch {
          return drop(`it is in an old format (version ${stored.version}) that could not be converted`);
        }
      }
      const parsed = schema.safeParse(data);
      if (!parsed.success) return drop('it was not in the expected format');
      if (stored.version < version) write(parsed.data);
      return parsed.data;
    },
    save: write,
    remove,
  };
}

/** A validator for a plain string (a hand-written check: no zod on the first paint). */
export const stringValue: Validator<string> = {
  safeParse: (value) => (typeof value === 'string' ? { success: true, data: value } : { success: false }),
};

/** A validator for a plain object of values (JSON object, not an array). */
export const recordValue: Validator<Record<string, unknown>> = {
  safeParse: (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? { success: true, data: value as Record<string, unknown> } : { success: false },
};
