/**
 * The playground's endpoint and its form: which endpoint, the values its form starts from (its
 * draft, a preset, a link), values pushed in afterwards, and the form itself once mounted.
 */
import { startTransition, useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { carryLocked, locksOf } from '../../providers/mapping/locks';
import { allEndpoints, DEFAULT_ENDPOINT_ID, getEndpoint, subscribeEndpoints } from '../../providers/registry';
import { loadDraft, loadLastEndpoint, saveLastEndpoint } from '../drafts';
import type { Preset } from '../preset';
import type { EndpointDef } from '../../providers/types';
import type { Recall } from '../../features/params/recall-params';
import { useLocks } from './use-locks';

export function useEndpointForm(preset: Preset | undefined) {
  const [endpointId, setEndpointId] = useState(() => {
    const last = loadLastEndpoint();
    return last && getEndpoint(last) ? last : DEFAULT_ENDPOINT_ID;
  });
  const [startValues, setStartValues] = useState(() => loadDraft(endpointId));
  const [formNonce, setFormNonce] = useState(0);
  const [external, setExternal] = useState<Record<string, unknown>>();
  const [form, setForm] = useState<UseFormReturn<FieldValues>>();
  /** The form on screen was filled by a link: its draft waits for an edit. */
  const [fromLink, setFromLink] = useState(false);
  const endpoint = getEndpoint(endpointId) ?? allEndpoints()[0]!;
  const locks = useLocks();
  /** What the last switch had to change in a locked value to fit the endpoint. */
  const [lockNotes, setLockNotes] = useState<string[]>([]);

  /** Another endpoint (or the same one afresh), its form starting from `start` or its draft. */
  const switchEndpoint = useCallback((id: string, start?: Record<string, unknown>, opts?: { fromLink?: boolean }) => {
    setFromLink(!!opts?.fromLink);
    setLockNotes([]);
    setEndpointId(id);
    saveLastEndpoint(id);
    setStartValues(start ?? loadDraft(id));
    setExternal(undefined);
    setForm(undefined);
    setFormNonce((n) => n + 1);
  }, []);

  // The endpoint on screen was replaced under its id (its model's schema refreshed): a new form
  // from the new schema, keeping every value it still accepts. Removed: the default endpoint.
  const live = useRef({ endpointId, endpoint, form });
  useEffect(() => {
    live.current = { endpointId, endpoint, form };
  });
  useEffect(
    () =>
      subscribeEndpoints(() => {
        const { endpointId: id, endpoint: before, form: f } = live.current;
        const now = getEndpoint(id);
        if (!now) return switchEndpoint(DEFAULT_ENDPOINT_ID);
        if (now === before) return;
        const values = f?.getValues();
        switchEndpoint(id, values ? { ...loadDraft(id), ...keptValues(values, now) } : undefined);
      }),
    [switchEndpoint],
  );

  /** The target's draft, with what follows the user (the prompts and the locked values) from the form on screen. */
  const carriedWithNotes = (id: string): { values: Record<string, unknown> | undefined; notes: string[] } => {
    const target = getEndpoint(id);
    if (!form || !target) return { values: loadDraft(id), notes: [] };
    const carried = carryLocked(endpoint, form.getValues(), target, locks.locked);
    return { values: { ...loadDraft(id), ...carried.values }, notes: carried.notes };
  };
  const carried = (id: string) => carriedWithNotes(id).values;
  /** The user picks another endpoint: the prompt and the locked values follow, the rest comes from its draft. */
  const chooseEndpoint = (id: string) => {
    const { values, notes } = carriedWithNotes(id);
    switchEndpoint(id, values);
    setLockNotes(notes);
  };

  // Into the form on screen when the preset's images are in place (that form, not the one of its arrival).
  const applyPreset = useEffectEvent((p: Preset) => {
    if (p.endpointId === endpointId && p.merge) setExternal(p.values);
    else switchEndpoint(p.endpointId, p.merge ? { ...carried(p.endpointId), ...p.values } : p.values);
  });
  // A preset is applied once, when it arrives.
  useEffect(() => {
    if (!preset) return;
    const apply = () => applyPreset(preset);
    // Images the preset brings become the workspace's first, so the new form's canvas shows them.
    const target = getEndpoint(preset.endpointId);
    if (target) void import('../playground-canvas').then((m) => m.adoptPresetImages(target, preset.values)).then(apply, apply);
    else apply();
  }, [preset]);

  /** Parameters read from an image: the whole form (this app's own), or merged into the current one. */
  const applyRecall = (r: Recall) => {
    if (r.exact || r.endpointId !== endpointId) switchEndpoint(r.endpointId, r.exact ? r.values : { ...carried(r.endpointId), ...r.values });
    else setExternal(r.values);
  };

  // The rest of the page (request preview, canvas, autosave) follows the form in a transition, in slices.
  const onForm = useCallback((f: UseFormReturn<FieldValues>) => startTransition(() => setForm(f)), []);

  const lockState = { available: locksOf(endpoint), locked: locks.locked, onToggle: locks.toggle, notes: lockNotes };
  return { lockState, endpoint, startValues, formNonce, fromLink, external, setExternal, form, onForm, switchEndpoint, chooseEndpoint, applyRecall };
}

/** The values whose field the new schema still has, under the same name (a refreshed model's form keeps them). */
function keptValues(values: Record<string, unknown>, to: EndpointDef): Record<string, unknown> {
  const fields = to.schema.shape as Record<string, unknown>;
  return Object.fromEntries(Object.entries(values).filter(([name]) => name in fields));
}
