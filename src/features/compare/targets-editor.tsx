/** The targets: any endpoints of any providers, the same one several times with other models, each with its overrides. */
import { useId, useState } from 'react';
import { inputClass } from '../../components/ui/field-shell';

import { getEndpoint } from '../../providers/registry';
import { EndpointOptions } from '../../components/ui/endpoint-options';
import { settingsOf, useSettings } from '../../api/settings-store';
import type { TargetMapping } from '../../providers/mapping/map-params';
import { endpointFields } from '../../providers/mapping/map-params';
import { comparePresets, defaultTargetEndpoints, newTarget } from './targets';
import type { CompareTarget } from './targets';
import { Button } from '../../components/ui/button';

function TargetRow(props: { target: CompareTarget; index: number; label: string; mapping?: TargetMapping; onChange(t: CompareTarget): void; onRemove(): void }) {
  const { target, index, label, mapping } = props;
  const n = index + 1;
  const ids = { endpoint: useId(), model: useId(), overrides: useId() };
  const endpoint = getEndpoint(target.endpointId);
  const settings = useSettings();
  const mode = endpoint ? settingsOf(settings, endpoint.provider).mode : undefined;
  const modelField = endpoint && endpointFields(endpoint).find((f) => f.role === 'model');
  const modelDefault = modelField && endpoint ? (endpoint.initialValues as Record<string, unknown>)[modelField.name] : undefined;
  return (
    <li aria-label={`Target ${n}: ${label}`} className="flex flex-col gap-2 rounded-md border border-zinc-800 bg-zinc-900/60 p-3">
      <div className="flex items-center gap-2">
        <span className="rounded bg-zinc-800 px-1.5 font-mono text-xs text-zinc-300">#{n}</span>
        <span className="min-w-0 flex-1 truncate text-sm text-zinc-100">{label}</span>
        {mode && (
          <span className={`rounded border px-1 text-[10px] uppercase ${mode === 'sandbox' ? 'border-emerald-800 text-emerald-300' : 'border-amber-700 text-amber-300'}`} title="Sandbox or Live, as Settings say for this provider">
            {mode}
          </span>
        )}
        {mapping && !mapping.sendable && <span className="rounded bg-red-900 px-1.5 text-xs text-red-100">not sendable</span>}
        <Button className="!px-2 !py-0.5 text-xs" aria-label={`Remove target ${n}`} onClick={props.onRemove}>
          Remove
        </Button>
      </div>
      <label htmlFor={ids.endpoint} className="sr-only">
        Endpoint of target {n}
      </label>
      <select id={ids.endpoint} className={inputClass} value={target.endpointId} onChange={(e) => props.onChange({ ...target, endpointId: e.target.value, overrides: '' })}>
        <EndpointOptions />
      </select>
      {modelField && (
        <div className="flex items-center gap-2">
          <label htmlFor={ids.model} className="shrink-0 font-mono text-xs text-zinc-300">
            {modelField.name} <span className="sr-only">of target {n}</span>
          </label>
          <input
            id={ids.model}
            className={inputClass}
            value={target.model ?? ''}
            placeholder={typeof modelDefault === 'string' ? modelDefault : ''}
            list={`${ids.model}-list`}
            onChange={(e) => props.onChange({ ...target, model: e.target.value })}
          />
          <datalist id={`${ids.model}-list`}>
            {modelField.suggestions?.map((s) => <option key={s} value={s} />)}
          </datalist>
        </div>
      )}
      <details open={!!target.overrides}>
        <summary className="cursor-pointer text-xs text-zinc-400 hover:text-zinc-200">Overrides (this target only)</summary>
        <label htmlFor={ids.overrides} className="sr-only">
          Overrides for target {n}
        </label>
        <textarea
          id={ids.overrides}
          rows={2}
          className={`${inputClass} mt-1 font-mono text-xs`}
          placeholder={`one per line, in its own names: ${endpoint ? endpointFields(endpoint).find((f) => f.role === 'steps')?.name ?? 'name' : 'name'}=25`}
          value={target.overrides ?? ''}
          onChange={(e) => props.onChange({ ...target, overrides: e.target.value })}
        />
      </details>
    </li>
  );
}

export function TargetsEditor(props: { targets: CompareTarget[]; labels: Map<string, string>; mappings: Map<string, TargetMapping>; onChange(targets: CompareTarget[]): void }) {
  const { targets, onChange } = props;
  const addId = useId();
  const [toAdd, setToAdd] = useState(() => defaultTargetEndpoints()[0] ?? '');
  const preset = (ids: string[]) => onChange(ids.map((id) => newTarget(id)));
  return (
    <section aria-label="Targets" className="flex flex-col gap-3">
      <h2 className="text-sm font-semibold text-zinc-200">Targets ({targets.length})</h2>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs text-zinc-500">Presets:</span>
        {comparePresets().map((p) => (
          <Button key={p.kind} className="!py-1 text-xs" onClick={() => preset(p.endpointIds)}>
            {p.label}
          </Button>
        ))}
      </div>
      <ol className="flex flex-col gap-2">
        {targets.map((t, i) => (
          <TargetRow
            key={t.id}
            target={t}
            index={i}
            label={props.labels.get(t.id) ?? t.endpointId}
            mapping={props.mappings.get(t.id)}
            onChange={(next) => onChange(targets.map((x) => (x.id === t.id ? next : x)))}
            onRemove={() => onChange(targets.filter((x) => x.id !== t.id))}
          />
        ))}
      </ol>
      {targets.length === 0 && <p className="text-sm text-zinc-400">No targets: add one below or pick a preset.</p>}
      <div className="flex items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <label htmlFor={addId} className="text-xs text-zinc-400">
            Endpoint to add
          </label>
          <select id={addId} className={inputClass} value={toAdd} onChange={(e) => setToAdd(e.target.value)}>
            <EndpointOptions />
          </select>
        </div>
        <Button onClick={() => onChange([...targets, newTarget(toAdd)])}>
          Add target
        </Button>
      </div>
    </section>
  );
}
