/**
 * Per-provider settings: sandbox or live, the key, the base URL, the proxy.
 * Keys live in sessionStorage (this tab only) unless the user ticks
 * "remember on this device" (localStorage). Validated on load.
 */
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { providerIds } from '../providers/registry';
import type { ProviderId } from '../providers/types';

export const providerSettingsSchema = z.object({
  mode: z.enum(['sandbox', 'live']).default('sandbox'),
  baseUrl: z.string().default(''),
  useProxy: z.boolean().default(true),
  remember: z.boolean().default(false),
  key: z.string().default(''),
  /** What Sandbox mode sends as the key: any value works; `invalid` and an empty one get the twin's key errors. Not a secret. */
  sandboxKey: z.string().default('sandbox-key'),
});
export type ProviderSettings = z.infer<typeof providerSettingsSchema>;

const settingsFileSchema = z.object({
  version: z.literal(1),
  providers: z.record(z.string(), z.unknown()).default({}),
});

const STORAGE_KEY = 'playground.settings.v1';
const KEY_PREFIX = 'playground.key.';

/** One entry per provider of the registry. */
export type SettingsState = Readonly<Record<ProviderId, ProviderSettings>>;

const DEFAULTS: ProviderSettings = providerSettingsSchema.parse({});

/** A provider's settings; the defaults for an id the state does not hold. */
export function settingsOf(state: SettingsState, id: ProviderId): ProviderSettings {
  return state[id] ?? DEFAULTS;
}

function safeStorage(kind: 'local' | 'session'): Storage | undefined {
  try {
    return kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

function load(): SettingsState {
  const local = safeStorage('local');
  const session = safeStorage('session');
  let stored: Record<string, unknown> = {};
  try {
    const raw = local?.getItem(STORAGE_KEY);
    const parsed = settingsFileSchema.safeParse(raw ? JSON.parse(raw) : undefined);
    if (parsed.success) stored = parsed.data.providers;
  } catch {
    // Unreadable settings start from the defaults.
  }
  const state: Record<ProviderId, ProviderSettings> = {};
  for (const id of providerIds()) {
    const parsed = providerSettingsSchema.safeParse(stored[id] ?? {});
    const s = parsed.success ? parsed.data : providerSettingsSchema.parse({});
    const key = (s.remember ? local : session)?.getItem(KEY_PREFIX + id) ?? '';
    state[id] = { ...s, key };
  }
  return state;
}

function persist(state: SettingsState) {
  const local = safeStorage('local');
  const session = safeStorage('session');
  const providers: Record<string, unknown> = {};
  for (const id of providerIds()) {
    const { key, ...rest } = settingsOf(state, id);
    providers[id] = rest; // the key is never part of the settings file
    const keep = rest.remember ? local : session;
    const drop = rest.remember ? session : local;
    drop?.removeItem(KEY_PREFIX + id);
    if (key) keep?.setItem(KEY_PREFIX + id, key);
    else keep?.removeItem(KEY_PREFIX + id);
  }
  local?.setItem(STORAGE_KEY, JSON.stringify({ version: 1, providers }));
}

let state: SettingsState | undefined;
const listeners = new Set<() => void>();

export function getSettings(): SettingsState {
  state ??= load();
  return state;
}

export function updateProviderSettings(id: ProviderId, patch: Partial<ProviderSettings>) {
  const current = getSettings();
  state = { ...current, [id]: { ...settingsOf(current, id), ...patch } };
  persist(state);
  for (const l of listeners) l();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useSettings(): SettingsState {
  return useSyncExternalStore(subscribe, getSettings, getSettings);
}

/** One provider's settings, now. */
export function getProviderSettings(id: ProviderId): ProviderSettings {
  return settingsOf(getSettings(), id);
}

/** One provider's settings, re-rendering on change. */
export function useProviderSettings(id: ProviderId): ProviderSettings {
  return settingsOf(useSettings(), id);
}
