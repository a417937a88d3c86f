/**
 * Per-provider settings: sandbox or live, the key, the base URL, the proxy.
 * Keys live in sessionStorage (this tab only) unless the user ticks
 * "remember on this device" (localStorage). Validated on load.
 */
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { getProvider, providerIds } from '../providers/registry';
import type { ProviderId } from '../providers/types';
import { originOf, writeOriginsCookie } from './page-policy';
import { settingsFile, storedKey } from './settings-file';

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

/** One entry per provider of the registry. */
export type SettingsState = Readonly<Record<ProviderId, ProviderSettings>>;

const DEFAULTS: ProviderSettings = providerSettingsSchema.parse({});

/** A provider's settings; the defaults for an id the state does not hold. */
export function settingsOf(state: SettingsState, id: ProviderId): ProviderSettings {
  return state[id] ?? DEFAULTS;
}

function load(): SettingsState {
  const stored = settingsFile.load()?.providers ?? {};
  const state: Record<ProviderId, ProviderSettings> = {};
  for (const id of providerIds()) {
    // One provider's unreadable entry starts from the defaults; the others are kept.
    const parsed = providerSettingsSchema.safeParse(stored[id] ?? {});
    const s = parsed.success ? parsed.data : DEFAULTS;
    const key = storedKey(id, s.remember ? 'local' : 'session').load() ?? '';
    state[id] = { ...s, key };
  }
  return state;
}

function persist(state: SettingsState) {
  const providers: Record<string, unknown> = {};
  for (const id of providerIds()) {
    const { key, ...rest } = settingsOf(state, id);
    providers[id] = rest; // the key is never part of the settings file
    const keep = storedKey(id, rest.remember ? 'local' : 'session');
    storedKey(id, rest.remember ? 'session' : 'local').remove();
    if (key) keep.save(key);
    else keep.remove();
  }
  settingsFile.save({ providers });
  writeOriginsCookie(liveOrigins(state));
}

/** The origins of the Live base URLs: what the page's policy must name for direct requests. */
function liveOrigins(state: SettingsState): string[] {
  return providerIds().flatMap((id) => {
    const s = settingsOf(state, id);
    const provider = getProvider(id);
    const origin = s.mode === 'live' && s.baseUrl && provider ? originOf(provider, s.baseUrl) : undefined;
    return origin ? [origin] : [];
  });
}

let state: SettingsState | undefined;
const listeners = new Set<() => void>();

export function getSettings(): SettingsState {
  if (!state) {
    state = load();
    writeOriginsCookie(liveOrigins(state));
  }
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

/** Every key configured now, live and sandbox: the job store scrubs them out of anything it stores. */
export function configuredSecrets(): string[] {
  const state = getSettings();
  return providerIds().flatMap((id) => {
    const s = settingsOf(state, id);
    return [s.key, s.sandboxKey].filter((k) => k !== '');
  });
}
