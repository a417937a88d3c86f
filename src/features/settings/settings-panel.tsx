/** Settings per provider: Sandbox or Live, the key, the base URL, the local proxy. */
import { useQuery } from '@tanstack/react-query';
import { Button } from '../../components/ui/button';
import { FieldShell, inputClass } from '../../components/ui/field-shell';
import { baseUrlProblem, reloadProblem, trimSlash } from '../../api/route';
import { proxyQuery } from '../../job-store/queries';
import { providers } from '../../providers/registry';
import type { ProviderDef } from '../../providers/types';
import { updateProviderSettings, useProviderSettings } from '../../api/settings-store';
import { BaseUrlInput } from './base-url-input';

/** The live key as the provider takes it: one secret, a user and password (Basic auth), or nothing. */
function LiveKeyFields({ provider, id, value, onChange }: { provider: ProviderDef; id: string; value: string; onChange(key: string): void }) {
  const loc = provider.keyLocation;
  if (loc.in === 'none') return <p className="text-xs text-zinc-400">{provider.name} takes no key.</p>;
  const optional = provider.keyRequired ? '' : ' (optional)';
  if (loc.in === 'basic') {
    // Kept as one secret, `user:password`, like the other keys.
    const colon = value.indexOf(':');
    const user = colon >= 0 ? value.slice(0, colon) : value;
    const password = colon >= 0 ? value.slice(colon + 1) : '';
    const join = (u: string, p: string) => onChange(u || p ? `${u}:${p}` : '');
    return (
      <>
        <p className="text-xs text-zinc-400">Login, as user:password (sent as HTTP Basic auth).</p>
        <FieldShell id={`${id}-user`} label={`${provider.name} user${optional}`} description={provider.keyHelp}>
          <input id={`${id}-user`} type="text" autoComplete="off" spellCheck={false} className={inputClass} value={user} onChange={(e) => join(e.target.value.trim(), password)} />
        </FieldShell>
        <FieldShell id={`${id}-password`} label={`${provider.name} password${optional}`}>
          <input id={`${id}-password`} type="password" autoComplete="off" className={inputClass} value={password} onChange={(e) => join(user, e.target.value)} />
        </FieldShell>
      </>
    );
  }
  return (
    <FieldShell id={`${id}-key`} label={`${provider.name} API key${optional}`} description={provider.keyHelp}>
      <input
        id={`${id}-key`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        className={inputClass}
        value={value}
        placeholder="paste your key"
        onChange={(e) => onChange(e.target.value.trim())}
      />
    </FieldShell>
  );
}

/**
 * A base URL committed after the page loaded, which the page's security policy does not list
 * yet: the page says so, with a button that reloads it (the settings are kept).
 */
function ReloadNotice({ provider, baseUrl, direct }: { provider: ProviderDef; baseUrl: string; direct: boolean }) {
  const url = trimSlash(baseUrl || provider.defaultBaseUrl || '');
  const reload = direct && url && !baseUrlProblem(provider, url) ? reloadProblem(provider, url) : undefined;
  if (!reload) return null;
  return (
    <div role="status" className="flex flex-col items-start gap-2 rounded border border-amber-700/60 bg-amber-950/40 p-2 text-xs text-amber-200">
      <p>{reload}</p>
      <Button type="button" onClick={() => location.reload()}>
        Reload now
      </Button>
    </div>
  );
}

function ProviderSettingsCard({ provider, proxyOk }: { provider: ProviderDef; proxyOk: boolean | undefined }) {
  const s = useProviderSettings(provider.id);
  const id = `settings-${provider.id}`;
  const set = (patch: Parameters<typeof updateProviderSettings>[1]) => updateProviderSettings(provider.id, patch);
  return (
    <fieldset className="flex flex-col gap-3 rounded-lg border border-zinc-800 bg-zinc-900/60 p-4">
      <legend className="px-1 text-sm font-semibold text-zinc-100">{provider.name}</legend>
      <div role="radiogroup" aria-label={`${provider.name} mode`} className="flex gap-4 text-sm">
        {(['sandbox', 'live'] as const).map((m) => (
          <label key={m} className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-mode`} className="accent-amber-500" checked={s.mode === m} onChange={() => set({ mode: m })} />
            {m === 'sandbox' ? 'Sandbox (offline twin, free)' : provider.local ? 'Your server' : 'Live (your key)'}
          </label>
        ))}
      </div>
      {s.mode === 'sandbox' ? (
        <FieldShell
          id={`${id}-sandbox-key`}
          label={`${provider.name} sandbox ${provider.keyLocation.in === 'basic' ? 'login' : 'key'}`}
          description={
            provider.keyLocation.in === 'basic'
              ? 'The twin asks for no login unless its Basic auth is turned on (SANDBOX_A1111_AUTH, see the sandbox README); then enter user:password. Your own server’s login is never sent to the sandbox.'
              : 'Any value works with the twin; "invalid" or an empty key shows its key errors. Your live key is never sent to the sandbox.'
          }
        >
          <input
            id={`${id}-sandbox-key`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            className={inputClass}
            value={s.sandboxKey}
            onChange={(e) => set({ sandboxKey: e.target.value.trim() })}
          />
        </FieldShell>
      ) : (
        <LiveKeyFields provider={provider} id={id} value={s.key} onChange={(key) => set({ key })} />
      )}
      {s.mode === 'live' && (
        <>
          <label className="flex items-center gap-2 text-xs text-zinc-300">
            <input type="checkbox" className="accent-amber-500" checked={s.remember} onChange={(e) => set({ remember: e.target.checked })} />
            remember on this device (otherwise the {provider.keyLocation.in === 'basic' ? 'login' : 'key'} is forgotten when the tab closes)
          </label>
          <BaseUrlInput provider={provider} id={`${id}-base`} value={s.baseUrl} onCommit={(baseUrl) => set({ baseUrl })} />
          <ReloadNotice provider={provider} baseUrl={s.baseUrl} direct={!!provider.local || !s.useProxy || proxyOk === false} />
          {!provider.local && (
          <label className="flex items-center gap-2 text-xs text-zinc-300">
            <input type="checkbox" className="accent-amber-500" checked={s.useProxy} onChange={(e) => set({ useProxy: e.target.checked })} />
            route through the local proxy
            <span className="text-zinc-500">
              {proxyOk === undefined ? '' : proxyOk ? '(available on this server)' : '(not available: requests go direct and need the provider to allow CORS)'}
            </span>
          </label>
          )}
        </>
      )}
    </fieldset>
  );
}

export default function SettingsPanel() {
  const proxy = useQuery(proxyQuery());
  return (
    <div className="flex flex-col gap-4">
      {/* The view's heading and its line on keys are the shell's (src/app/app.tsx). */}
      <div className="grid gap-4 lg:grid-cols-3">
        {providers.map((p) => (
          <ProviderSettingsCard key={p.id} provider={p} proxyOk={proxy.data} />
        ))}
      </div>
    </div>
  );
}
