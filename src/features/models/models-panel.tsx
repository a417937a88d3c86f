/**
 * "Add model": any Replicate model by `owner/name[:version]` or fal model by id, its schema fetched
 * live (or from the twin in Sandbox mode), checked, kept with its version, refreshable and
 * removable. Every kept model is an endpoint in every list.
 */
import { useId, useState, useSyncExternalStore } from 'react';
import { inputClass } from '../../components/ui/field-shell';
import { addedModels, droppedModels, forgetModel, keepModel, subscribeAddedModels } from '../../job-store/added-models';
import { endpointIdOf, readModelName, refreshed } from '../../providers/schema-models/added-model';
import type { AddedModel, SchemaProviderId } from '../../providers/schema-models/added-model';
import { fetchModel } from './lookup';

const EXAMPLES: Record<SchemaProviderId, string> = { replicate: 'black-forest-labs/flux-dev', fal: 'fal-ai/flux/dev' };
const NAMES: Record<SchemaProviderId, string> = { replicate: 'Replicate', fal: 'fal' };
const small = 'rounded border border-zinc-700 px-2 py-0.5 text-xs text-zinc-200 enabled:hover:border-amber-500 disabled:opacity-50';

const shortVersion = (v: string) => (/^[0-9a-f]{64}$/.test(v) ? v.slice(0, 8) : v.replace(/^fnv1a-/, ''));
const storageProblem = (e: unknown) => `The model could not be kept in this browser's storage (${e instanceof Error ? e.message : String(e)}).`;

export function ModelsPanel(props: { onAdded(endpointId: string): void }) {
  const uid = useId();
  const models = useSyncExternalStore(subscribeAddedModels, addedModels, addedModels);
  const dropped = useSyncExternalStore(subscribeAddedModels, droppedModels, droppedModels);
  const [provider, setProvider] = useState<SchemaProviderId>('replicate');
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const run = async (label: string, work: () => Promise<string | { problem: string }>) => {
    setBusy(label);
    setProblem(undefined);
    setStatus(undefined);
    try {
      const out = await work();
      if (typeof out === 'string') setStatus(out);
      else setProblem(out.problem);
    } catch (e) {
      setProblem(storageProblem(e));
    } finally {
      setBusy(undefined);
    }
  };

  const add = () =>
    run('add', async () => {
      const ref = readModelName(provider, typed);
      if ('problem' in ref) return ref;
      const got = await fetchModel(ref);
      if ('problem' in got) return got;
      const old = models.find((m) => endpointIdOf(m) === endpointIdOf(got.model));
      const model = old ? refreshed(old, got.model, Date.now()) : got.model;
      await keepModel(model);
      setTyped('');
      props.onAdded(endpointIdOf(model));
      return `Added ${model.name} (schema version ${shortVersion(model.version)}).`;
    });

  const refresh = (m: AddedModel) =>
    run(endpointIdOf(m), async () => {
      const got = await fetchModel({ provider: m.provider, name: m.name });
      if ('problem' in got) return got;
      const next = refreshed(m, got.model, Date.now());
      await keepModel(next);
      return next.version === m.version
        ? `${m.name}: the schema is unchanged (version ${shortVersion(m.version)}).`
        : `${m.name}: new schema version ${shortVersion(next.version)} (was ${shortVersion(m.version)}); its form follows it, and earlier jobs keep the version they ran with.`;
    });

  const remove = (m: AddedModel) =>
    run(endpointIdOf(m), async () => {
      await forgetModel(endpointIdOf(m));
      return `Removed ${m.name}. Its jobs stay in the gallery.`;
    });

  return (
    <details className="rounded-md border border-zinc-800 p-2 text-sm">
      <summary className="cursor-pointer text-zinc-200">Add a model from Replicate or fal</summary>
      <div className="mt-2 flex flex-col gap-2">
        <p className="text-xs text-zinc-400">
          Any model by its name: its published schema becomes a form, kept in this browser with its version. In Sandbox mode the twins know a few more models (try {EXAMPLES.replicate} or {EXAMPLES.fal}).
        </p>
        {/* Not a <form>: it sits beside the playground's own, whose submit handlers must not see it. */}
        <div className="flex flex-wrap items-end gap-2" role="group" aria-label="Add model">
          <label className="flex flex-col gap-1 text-xs text-zinc-300" htmlFor={`${uid}-provider`}>
            Model provider
            <select id={`${uid}-provider`} className={inputClass} value={provider} onChange={(e) => setProvider(e.target.value as SchemaProviderId)}>
              <option value="replicate">Replicate</option>
              <option value="fal">fal</option>
            </select>
          </label>
          <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs text-zinc-300" htmlFor={`${uid}-name`}>
            Model name
            <input
              id={`${uid}-name`}
              className={`${inputClass} font-mono`}
              value={typed}
              placeholder={EXAMPLES[provider]}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                e.stopPropagation();
                if (!busy && typed.trim()) void add();
              }}
            />
          </label>
          <button type="button" className="rounded-md bg-amber-500 px-3 py-1.5 text-sm font-semibold text-zinc-950 disabled:opacity-50" disabled={!!busy || !typed.trim()} onClick={() => void add()}>
            {busy === 'add' ? 'Adding…' : 'Add model'}
          </button>
        </div>
        <p role="status" className="text-xs text-emerald-300">
          {status}
        </p>
        {problem && (
          <p role="alert" className="rounded-md border border-red-800 bg-red-950/60 p-2 text-xs text-red-200">
            {problem}
          </p>
        )}
        {dropped.length > 0 && <p className="text-xs text-amber-300">Not loaded: {dropped.join(' ')}</p>}
        {models.length > 0 ? (
          <ul aria-label="Added models" className="flex flex-col gap-1">
            {models.map((m) => (
              <li key={endpointIdOf(m)} className="flex flex-wrap items-center gap-2 text-xs">
                <span className="text-zinc-400">{NAMES[m.provider]}</span>
                <span className="font-mono text-zinc-100">{m.name}</span>
                <span className="text-zinc-500">
                  version {shortVersion(m.version)}, fetched {new Date(m.fetchedAt).toLocaleString()}
                </span>
                <span className="ml-auto flex gap-1">
                  <button type="button" className={small} disabled={!!busy} aria-label={`Refresh ${m.name}`} onClick={() => void refresh(m)}>
                    {busy === endpointIdOf(m) ? 'Working…' : 'Refresh'}
                  </button>
                  <button type="button" className={small} disabled={!!busy} aria-label={`Remove ${m.name}`} onClick={() => void remove(m)}>
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-xs text-zinc-500">No models added yet; the curated ones are in the Endpoint list.</p>
        )}
      </div>
    </details>
  );
}
