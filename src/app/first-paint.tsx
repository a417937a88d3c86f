/**
 * The playground's first paint: the endpoint list and the default endpoint's form, drawn from
 * the build-time snapshot (`__FIRST_PAINT__`, see src/providers/first-paint-snapshot.ts) with
 * the same field components and markup as the generated form, before zod, the providers and
 * react-hook-form have loaded. It is live: what is typed goes to the endpoint's draft, which the
 * real form starts from, and the focused box keeps the focus when the real form takes over.
 * Generate waits (disabled) for the real form.
 */
import { useLayoutEffect, useState } from 'react';
import type { ComponentType } from 'react';
import { Button } from '../components/ui/button';
import { FieldShell } from '../components/ui/field-shell';
import { BooleanField } from '../features/params/fields/boolean-field';
import { rangeText } from '../features/params/fields/field-props';
import type { FieldProps } from '../features/params/fields/field-props';
import { NumberField } from '../features/params/fields/number-field';
import { SeedField } from '../features/params/fields/seed-field';
import { SelectField } from '../features/params/fields/select-field';
import { TextAreaField, TextField } from '../features/params/fields/text-field';
import type { FieldDescriptor, FieldKind } from '../providers/fields/describe';
import { loadCurrentJobId, loadDraft, loadLastEndpoint, saveDraft, saveLastEndpoint } from './drafts';
import { EndpointHeader } from './endpoint-header';
import { storedMode } from '../api/settings-file';

const SNAPSHOT = __FIRST_PAINT__;
const FORM_ID = 'playground-form';

/** The kinds the first paint draws; an image field waits for the real form (it needs the image store). */
const FIELDS: Partial<Record<FieldKind, ComponentType<FieldProps>>> = {
  text: TextField,
  textarea: TextAreaField,
  number: NumberField,
  integer: NumberField,
  select: SelectField,
  boolean: BooleanField,
  seed: SeedField,
};

/** The first paint can draw this endpoint's form on its own. */
export function canPaintFirst(endpointId: string): boolean {
  return endpointId === SNAPSHOT.endpointId && SNAPSHOT.fields.every((f) => FIELDS[f.kind]);
}

/** Where the focus was when the first paint went, for the real form to take it back. */
let handoff: { id: string; start: number | null; end: number | null } | undefined;

/** Puts the focus back where it was in the first paint (rendered next to the real playground). */
export function FirstPaintHandoff() {
  useLayoutEffect(() => {
    const h = handoff;
    handoff = undefined;
    if (!h) return;
    const el = document.getElementById(h.id);
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)) return;
    el.focus();
    if (!(el instanceof HTMLSelectElement) && h.start !== null) {
      try {
        el.setSelectionRange(h.start, h.end);
      } catch {
        // Number boxes have no selection.
      }
    }
  }, []);
  return null;
}

function FirstPaintField({ field, value, onChange }: { field: FieldDescriptor; value: unknown; onChange(v: unknown): void }) {
  const Component = FIELDS[field.kind]!;
  const id = `${FORM_ID}-${field.name}`;
  return (
    <FieldShell id={id} label={field.name} description={field.description} range={rangeText(field)} required={field.required}>
      <Component field={field} id={id} value={value} onChange={onChange} onBlur={() => {}} describedBy={`${id}-desc`} />
    </FieldShell>
  );
}

export function FirstPaintPlayground({ onOpenSettings, onWake }: { onOpenSettings(): void; onWake(): void }) {
  const [endpointId, setEndpointId] = useState(() => loadLastEndpoint() ?? SNAPSHOT.endpointId);
  const [values, setValues] = useState<Record<string, unknown>>(() => ({ ...SNAPSHOT.initialValues, ...loadDraft(SNAPSHOT.endpointId) }));
  const [mode] = useState(() => storedMode(SNAPSHOT.providerId));
  const [hasJob] = useState(() => !!loadCurrentJobId());
  const paintForm = canPaintFirst(endpointId);
  const [advancedOpen, setAdvancedOpen] = useState(false);

  // Runs while the first paint is still in the document: remember the focused box.
  useLayoutEffect(
    () => () => {
      const el = document.activeElement;
      if (!el?.id || !(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)) return;
      const text = el instanceof HTMLSelectElement ? undefined : el;
      let start: number | null = null;
      let end: number | null = null;
      try {
        start = text?.selectionStart ?? null;
        end = text?.selectionEnd ?? null;
      } catch {
        // Number boxes have no selection.
      }
      handoff = { id: el.id, start, end };
    },
    [],
  );

  const change = (name: string, v: unknown) => {
    onWake();
    setValues((old) => {
      const next = { ...old, [name]: v };
      saveDraft(SNAPSHOT.endpointId, next);
      return next;
    });
  };
  const basic = SNAPSHOT.fields.filter((f) => f.group === 'basic');
  const advanced = SNAPSHOT.fields.filter((f) => f.group === 'advanced');
  const known = SNAPSHOT.groups.some((g) => g.endpoints.some((e) => e.id === endpointId));

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]" onPointerDown={onWake} onFocus={onWake}>
      <section aria-label="Parameters" className="flex flex-col gap-4">
        <EndpointHeader
          value={known ? endpointId : SNAPSHOT.endpointId}
          onSelect={(id) => {
            onWake();
            saveLastEndpoint(id);
            setEndpointId(id);
          }}
          options={SNAPSHOT.groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.endpoints.map((ep) => (
                <option key={ep.id} value={ep.id}>
                  {ep.label}
                </option>
              ))}
            </optgroup>
          ))}
          about={paintForm ? SNAPSHOT : undefined}
          mode={mode}
          onOpenSettings={onOpenSettings}
        />
        {paintForm ? (
          <form id={FORM_ID} aria-label={SNAPSHOT.formLabel} noValidate className="flex flex-col gap-4" onSubmit={(e) => e.preventDefault()}>
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
              {basic.map((f) => (
                <div key={f.name} className={f.kind === 'textarea' || f.kind === 'image' || f.kind === 'seed' ? 'sm:col-span-2' : ''}>
                  <FirstPaintField field={f} value={values[f.name]} onChange={(v) => change(f.name, v)} />
                </div>
              ))}
            </div>
            {advanced.length > 0 && (
              <details
                className="rounded-md border border-zinc-800 bg-zinc-900/50"
                onToggle={(e) => {
                  onWake();
                  setAdvancedOpen((e.target as HTMLDetailsElement).open);
                }}
              >
                <summary className="cursor-pointer select-none px-3 py-2 text-sm text-zinc-300 hover:text-zinc-100">
                  Advanced <span className="text-zinc-500">({advanced.length} parameters)</span>
                </summary>
                <div className="grid grid-cols-1 gap-4 p-3 sm:grid-cols-2">
                  {/* Drawn when opened: the first page builds (and the hand-over removes) only what shows. */}
                  {advancedOpen && advanced.map((f) => (
                    <div key={f.name} className={f.kind === 'textarea' ? 'sm:col-span-2' : ''}>
                      <FirstPaintField field={f} value={values[f.name]} onChange={(v) => change(f.name, v)} />
                    </div>
                  ))}
                </div>
              </details>
            )}
            <div className="flex items-center gap-3">
              {/* Generate waits for the real form (its validation and the job layer), a moment away. */}
              <Button type="submit" disabled variant="primary">
                Generate
              </Button>
              <span className="text-xs text-zinc-500">Ctrl/⌘ + Enter</span>
            </div>
          </form>
        ) : (
          <p role="status" className="text-sm text-zinc-400">
            Loading the form…
          </p>
        )}
      </section>
      <section aria-label="Results" className="flex min-w-0 flex-col gap-4">
        {hasJob ? (
          <p className="rounded-lg border border-zinc-800 bg-zinc-900/60 p-6 text-sm text-zinc-400" role="status">
            Loading the last job…
          </p>
        ) : (
          <div className="rounded-lg border border-dashed border-zinc-700 p-8 text-center text-sm text-zinc-400">
            <p className="text-zinc-200">No image yet.</p>
            <p>Press Generate (or Ctrl/⌘ + Enter): the image, the seed it used and the exact request appear here.</p>
          </div>
        )}
      </section>
    </div>
  );
}
