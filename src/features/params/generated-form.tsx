/**
 * The generated form: an endpoint's zod schema → field descriptors → field
 * components from the registry, bound with react-hook-form and the zod resolver.
 * Invalid values show inline and nothing is submitted.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { memo, startTransition, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Controller, useForm, useFormState } from 'react-hook-form';
import type { Control, FieldValues, Resolver, UseFormReturn } from 'react-hook-form';
import { FieldShell } from '../../components/ui/field-shell';

import type { EndpointDef } from '../../providers/types';
import { describeSchema, initialFormValues } from '../../providers/fields/describe';
import type { FieldDescriptor } from '../../providers/fields/describe';
import { rangeText } from './fields/field-props';
import { fieldRegistry } from './fields/registry';
import { normalizeValues } from '../../providers/fields/form-values';
import { useServerLists } from '../../job-store/server-extras';
import { plainError } from '../../providers/fields/plain-errors';
import { Button } from '../../components/ui/button';

export interface GeneratedFormProps {
  endpoint: EndpointDef;
  /** Values to start from (a draft, or a gallery job's parameters); schema defaults otherwise. */
  startValues?: Record<string, unknown>;
  /** Values pushed in from outside after mount (canvas images, "reuse seed"). */
  externalValues?: Record<string, unknown>;
  /**
   * The form, once per mount: whoever needs a value subscribes to it with
   * `useWatch` (the preview, the canvas, the draft), so a keystroke re-renders
   * only what reads the field, never the whole view.
   */
  onForm?(form: UseFormReturn<FieldValues>): void;
  /** Called with valid, normalised parameters. */
  onSubmit(params: Record<string, unknown>): void;
  submitLabel?: string;
  busy?: boolean;
  formId: string;
  /** More controls for the action bar beside Generate (e.g. the batch count). */
  actions?: ReactNode;
}

/** One field; memoised: a render of the form (an error shown, Advanced opened) redraws only what changed. */
const FieldRow = memo(function FieldRow({ field, control, formId }: { field: FieldDescriptor; control: ReturnType<typeof useForm>['control']; formId: string }) {
  const Component = fieldRegistry[field.kind];
  const id = `${formId}-${field.name}`;
  return (
    <Controller
      name={field.name}
      control={control}
      render={({ field: rhf, fieldState }) => (
        <FieldShell
          id={id}
          label={field.name}
          description={field.description}
          range={rangeText(field)}
          required={field.required}
          error={fieldState.error?.message}
        >
          <Component
            field={field}
            id={id}
            value={rhf.value}
            onChange={rhf.onChange}
            onBlur={rhf.onBlur}
            error={fieldState.error?.message}
            describedBy={`${id}-desc${fieldState.error ? ` ${id}-error` : ''}`}
          />
        </FieldShell>
      )}
    />
  );
});

/** After a submit with invalid values: every field that needs fixing, by name, and that nothing left. */
function SubmitStatus({ control, order }: { control: Control<FieldValues>; order: string[] }) {
  const { isSubmitted, errors, submitCount } = useFormState({ control });
  const names = order.filter((n) => errors[n]);
  for (const n of Object.keys(errors)) if (!names.includes(n)) names.push(n);
  if (!isSubmitted || submitCount === 0 || names.length === 0) return null;
  return (
    <span role="status" className="text-sm text-red-300">
      {names.length === 1 ? '1 parameter needs fixing' : `${names.length} parameters need fixing`}: {names.join(', ')}
      . Nothing was sent.
    </span>
  );
}

/**
 * Focuses a field's control (or its first focusable part) and scrolls it to the middle of the view.
 * A closed section around it is opened first: its `open` prop may already say open while the person
 * closed it by hand (closing it with an error inside leaves the prop true), so React would not.
 */
function focusField(formId: string, name: string) {
  const el = document.getElementById(`${formId}-${name}`);
  const section = el?.closest('details');
  if (section && !section.open) section.open = true;
  const target = el && (el.matches('input,select,textarea,button') ? el : el.querySelector<HTMLElement>('input,select,textarea,button'));
  (target ?? el)?.scrollIntoView({ block: 'center' });
  (target ?? el)?.focus({ preventScroll: true });
}

/** Fields naming a server list offer the server's values as suggestions when it answers; their own otherwise. */
function useServerListFields(endpoint: EndpointDef, fields: FieldDescriptor[]): FieldDescriptor[] {
  const names = useMemo(() => [...new Set(fields.flatMap((f) => (f.serverList ? [f.serverList] : [])))], [fields]);
  // The lists' identity changes on every render: the fields are derived from their content.
  const key = JSON.stringify(useServerLists(endpoint.provider, names));
  return useMemo(() => {
    const lists = JSON.parse(key) as Record<string, string[]>;
    return fields.map((f) => (f.serverList && lists[f.serverList] ? { ...f, suggestions: lists[f.serverList] } : f));
  }, [fields, key]);
}

/**
 * True a moment after the form mounts: the Advanced section (closed, and most of the fields)
 * joins the form in a second, separate commit, so a slow phone never builds the whole form in
 * one long task. Its values are in the form from the start (defaults and drafts), only the
 * controls come later; opening the section, or an error in it, brings them at once.
 */
function useAdvancedReady(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const show = () => startTransition(() => setReady(true));
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(show, { timeout: 300 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(show, 0);
    return () => clearTimeout(id);
  }, []);
  return ready;
}

/**
 * Memoised: the page around it re-renders as jobs and settings change; the form redraws only
 * when its own props do (keep `onForm`, `onSubmit` and `actions` stable).
 */
export const GeneratedForm = memo(function GeneratedForm(props: GeneratedFormProps) {
  const { endpoint, startValues, externalValues, onForm, onSubmit, submitLabel = 'Generate', busy, formId, actions } = props;
  const fields = useMemo(() => describeSchema(endpoint.schema), [endpoint]);
  const listed = useServerListFields(endpoint, fields);
  // Read once, as the form mounts (it is keyed by endpoint): later values arrive through externalValues.
  const [defaults] = useState(() => ({ ...initialFormValues(fields, endpoint.initialValues as Record<string, unknown>), ...startValues }));
  const resolver = useMemo<Resolver<FieldValues>>(() => {
    const zr = zodResolver(endpoint.schema, { error: plainError }) as unknown as Resolver<FieldValues>;
    return (values, ctx, opts) => zr(normalizeValues(endpoint.schema, fields, values), ctx, opts);
  }, [endpoint, fields]);

  const form = useForm<FieldValues>({ defaultValues: defaults, resolver, mode: 'onSubmit', reValidateMode: 'onChange' });
  const { control, handleSubmit, setValue, formState } = form;

  useEffect(() => {
    if (!externalValues) return;
    for (const [name, value] of Object.entries(externalValues)) {
      setValue(name, value, { shouldDirty: true, shouldValidate: formState.isSubmitted });
    }
  }, [externalValues, setValue, formState.isSubmitted]);

  useEffect(() => {
    onForm?.(form);
  }, [onForm, form]);

  const basic = listed.filter((f) => f.group === 'basic');
  const advanced = listed.filter((f) => f.group === 'advanced');
  const advancedHasError = advanced.some((f) => formState.errors[f.name]);
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const advancedReady = useAdvancedReady() || advancedOpen || advancedHasError;

  return (
    <form
      id={formId}
      aria-label={`${endpoint.provider} ${endpoint.name} parameters`}
      noValidate
      className="flex flex-col gap-4"
      onSubmit={handleSubmit(
        (values) => onSubmit(normalizeValues(endpoint.schema, fields, values)),
        (errors) => {
          const first = fields.find((f) => errors[f.name]);
          if (!first) return;
          if (first.group === 'advanced') setAdvancedOpen(true);
          // After the Advanced section has opened.
          requestAnimationFrame(() => focusField(formId, first.name));
        },
      )}
    >
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {basic.map((f) => (
          <div key={f.name} className={f.kind === 'textarea' || f.kind === 'image' || f.kind === 'seed' ? 'sm:col-span-2' : ''}>
            <FieldRow field={f} control={control} formId={formId} />
          </div>
        ))}
      </div>
      {advanced.length > 0 && (
        <details
          open={advancedOpen || advancedHasError}
          onToggle={(e) => setAdvancedOpen((e.target as HTMLDetailsElement).open)}
          className="rounded-md border border-zinc-800 bg-zinc-900/50"
        >
          <summary className="cursor-pointer select-none px-3 py-2 text-sm text-zinc-300 hover:text-zinc-100">
            Advanced <span className="text-zinc-500">({advanced.length} parameters)</span>
          </summary>
          <div className="grid grid-cols-1 gap-4 p-3 sm:grid-cols-2">
            {advancedReady && advanced.map((f) => (
              <div key={f.name} className={f.kind === 'textarea' ? 'sm:col-span-2' : ''}>
                <FieldRow field={f} control={control} formId={formId} />
              </div>
            ))}
          </div>
        </details>
      )}
      {/* The action bar stays in view however long the form is. */}
      <div
        role="group"
        aria-label="Actions"
        data-sticky-bar
        className="sticky bottom-0 z-[5] -mx-2 flex flex-wrap items-center gap-3 rounded-md border-t border-zinc-800 bg-zinc-950/95 px-2 py-2 backdrop-blur"
      >
        <Button type="submit" disabled={busy} variant="primary">
          {submitLabel}
        </Button>
        <span className="text-xs text-zinc-500">Ctrl/⌘ + Enter</span>
        {actions}
        <SubmitStatus control={control} order={fields.map((f) => f.name)} />
      </div>
    </form>
  );
});
