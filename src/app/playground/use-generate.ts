/**
 * Generate, as one intent: the route check, the mask flush and the batch. Button, Enter in a field
 * and Ctrl/⌘ + Enter all come here. The canvas's pending mask is exported and written into the form
 * (react-hook-form's values, synchronously) before the form validates, every time: validation never
 * runs against a mask that is on screen but not yet in the form.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { resolveRoute } from '../../api/route';
import type { ProviderSettings } from '../../api/settings-store';
import type { JobRecord } from '../../job-store/job-record';
import { proxyQuery } from '../../job-store/queries';
import { useRetryJob, useSubmitJob } from '../../job-store/use-job-actions';
import type { EndpointDef, ProviderDef } from '../../providers/types';
import type { CanvasFlush } from '../canvas-flush';
import type { BatchProgress } from './batch';
import type { BatchSettings } from './batch-settings';

export const FORM_ID = 'playground-form';

type Flushed = Awaited<ReturnType<CanvasFlush>>;

export function useGenerate(opts: {
  endpoint: EndpointDef;
  provider: ProviderDef;
  settings: ProviderSettings;
  form: UseFormReturn<FieldValues> | undefined;
  /** A run starts (one job or a batch): the results column clears what it showed. */
  onRunStart(): void;
  /** Each new job's record is written. */
  onCreated(job: JobRecord): void;
  /** A retried job's record is written. */
  onRetried(job: JobRecord): void;
}) {
  const { endpoint, provider, settings, form } = opts;
  const client = useQueryClient();
  const proxy = useQuery(proxyQuery());
  const route = useMemo(
    () => (proxy.isFetched ? resolveRoute(provider, settings, location.origin, proxy.data ?? false) : undefined),
    [provider, settings, proxy.isFetched, proxy.data],
  );
  const latest = useRef(opts);
  useLayoutEffect(() => {
    latest.current = opts;
  });
  const submit = useSubmitJob({ onCreated: (j) => latest.current.onCreated(j) });
  const retry = useRetryJob({ onCreated: (j) => latest.current.onRetried(j) });

  const flushRef = useRef<CanvasFlush>(undefined);
  const flushed = useRef<Flushed>(undefined);
  const passSubmit = useRef(false);
  const flushing = useRef(false);
  const [routeProblem, setRouteProblem] = useState<string>();
  const [batch, setBatch] = useState<BatchSettings>({ count: 1, seeds: 'consecutive' });
  const [batchProgress, setBatchProgress] = useState<BatchProgress>();
  const batchStopped = useRef(false);
  const stopBatch = useCallback(() => {
    batchStopped.current = true;
  }, []);

  const reason = !form ? 'The form is still loading.' : batchProgress ? `Batch run ${batchProgress.run} of ${batchProgress.count} is going out.` : undefined;

  /** Flush the canvas, put its values into the form, then let the form validate and submit. */
  const generate = useCallback(async () => {
    const formEl = document.getElementById(FORM_ID) as HTMLFormElement | null;
    if (!formEl || flushing.current) return;
    flushing.current = true;
    try {
      const f = latest.current.form;
      const got = f && flushRef.current ? await flushRef.current() : undefined;
      if (f && got) for (const [name, value] of Object.entries(got.values)) f.setValue(name, value, { shouldDirty: true });
      flushed.current = got;
      passSubmit.current = true;
      formEl.requestSubmit();
    } finally {
      passSubmit.current = false;
      flushing.current = false;
    }
  }, []);

  /** On the parameters' section: a submit of the form (button, Enter) becomes `generate`. */
  const onSubmitCapture = useCallback(
    (e: FormEvent<HTMLElement>) => {
      if ((e.target as HTMLElement).id !== FORM_ID || passSubmit.current) return;
      e.preventDefault();
      e.stopPropagation();
      // After this submission's events: a form firing them ignores requestSubmit.
      setTimeout(() => void generate(), 0);
    },
    [generate],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void generate();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [generate]);

  /** The form's valid values: checked against the route, then sent once or as a batch. */
  const send = async (formParams: Record<string, unknown>) => {
    if (batchProgress) return;
    const got = flushed.current;
    flushed.current = undefined;
    const params = { ...formParams, ...got?.values };
    submit.reset();
    retry.reset();
    const available = await client.ensureQueryData(proxyQuery()).catch(() => false);
    const { endpoint: ep, provider: pv, settings: st } = latest.current;
    const r = resolveRoute(pv, st, location.origin, available);
    setRouteProblem(r.problem);
    if (r.problem) return;
    latest.current.onRunStart();
    const inpaint = got?.inpaint;
    const input = { provider: pv, endpoint: ep, mode: st.mode, route: r, inpaint };
    if (batch.count === 1) return submit.submit({ ...input, params });
    batchStopped.current = false;
    setBatchProgress({ run: 1, count: batch.count });
    const sendRun = (runParams: Record<string, unknown>) => submit.submitAsync({ ...input, params: runParams }).catch(() => undefined);
    const m = await import('./batch');
    await m.runBatch({ ...batch, endpointId: ep.id, params, send: sendRun, onProgress: setBatchProgress, stopped: () => batchStopped.current });
  };
  // Stable for the memoised form: it calls whatever `send` is at the time.
  const sendRef = useRef(send);
  useLayoutEffect(() => {
    sendRef.current = send;
  });
  const onSubmit = useCallback((p: Record<string, unknown>) => void sendRef.current(p), []);

  const retryJob = (job: JobRecord) => {
    setRouteProblem(undefined);
    submit.reset();
    retry.retry(job);
  };

  return {
    generate,
    isDisabled: reason !== undefined,
    reason,
    route,
    endpointId: endpoint.id,
    onSubmitCapture,
    onSubmit,
    flushRef,
    batch,
    setBatch,
    batchProgress,
    stopBatch,
    isPending: submit.isPending,
    retry: retryJob,
    error: routeProblem ?? submit.error ?? retry.error,
    clearError: () => {
      setRouteProblem(undefined);
      submit.reset();
      retry.reset();
    },
  };
}
