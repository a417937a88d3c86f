/**
 * Where the settings are kept: the settings file (every provider's choices, never a key) in
 * localStorage, and each provider's key in sessionStorage, or in localStorage when the user ticks
 * "remember on this device". No zod here: the first paint reads a provider's mode before zod loads;
 * `settings-store.ts` validates each provider's entry.
 */
import { persisted, stringValue } from '../lib/persisted';
import type { Persisted, Validator } from '../lib/persisted';

export interface SettingsFile {
  providers: Record<string, unknown>;
}

const settingsFileValue: Validator<SettingsFile> = {
  safeParse(value) {
    const providers = (value as { providers?: unknown } | null)?.providers;
    return typeof providers === 'object' && providers !== null && !Array.isArray(providers)
      ? { success: true, data: { providers: providers as Record<string, unknown> } }
      : { success: false };
  },
};

export const settingsFile = persisted('playground.settings.v1', settingsFileValue, 1, {
  // Before the envelope: `{ version: 1, providers }`.
  0: (old) => {
    if ((old as { version?: unknown } | null)?.version !== 1) throw new Error('not a settings file');
    return { providers: (old as { providers?: unknown }).providers ?? {} };
  },
}, { label: 'your settings' });

const keys = new Map<string, Persisted<string>>();
/** A provider's key in one storage (a bare string in earlier builds). */
export function storedKey(providerId: string, storage: 'local' | 'session'): Persisted<string> {
  const name = `${storage}:${providerId}`;
  let key = keys.get(name);
  if (!key) {
    key = persisted(`playground.key.${providerId}`, stringValue, 1, { 0: (old) => old }, { storage, label: `the ${providerId} key` });
    keys.set(name, key);
  }
  return key;
}

/** A provider's mode, from the settings file as it is stored ('sandbox' when unknown). */
export function storedMode(providerId: string): 'sandbox' | 'live' {
  const entry = settingsFile.load()?.providers[providerId] as { mode?: unknown } | undefined;
  return entry?.mode === 'live' ? 'live' : 'sandbox';
}
