/**
 * The playground: pick an endpoint, fill its generated form, Generate, and
 * see the image, its seed and the exact request. Where params, jobs, canvas
 * and settings meet.
 */
import { useQuery } from '@tanstack/react-query';
import { lazy, startTransition, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { proxyQuery } from '../job-store/queries';
import { resolveRoute } from '../api/route';
import { useProviderSettings } from '../api/settings-store';
import { EndpointOptions } from '../components/ui/endpoint-options';
import { QueuePanel } from '../features/jobs/queue-panel';
import { cancelJob, resumeJob } from '../job-store/run-job';
import { useJob } from '../job-store/use-jobs';
import { useRetryJob, useSubmitJob } from '../job-store/use-job-actions';
import { GeneratedForm } from '../features/params/generated-form';
import { describeSchema } from '../providers/fields/describe';
import { allEndpoints, DEFAULT_ENDPOINT_ID, getEndpoint, getProvider } from '../providers/registry';
import type { HttpRequest } from '../providers/types';
import { loadCurrentJobId, saveCurrentJobId, loadDraft, loadLastEndpoint, saveLastEndpoint } from './drafts';
import { jobToRequest } from './job-request';
import { DraftAutosave, PlaygroundRequest } from './playground-parts';
import { useFollowResult } from './use-follow-result';
import { EndpointHeader } from './endpoint-header';
import type { CanvasFlush } from './canvas-flush';
import type { Preset } from './preset';
import { droppedImage, ReadImageControl, useImageParams } from '../features/params/read-image-control';
import type { Recall } from '../features/params/recall-params';
import type { BatchProgress, BatchSettings } from './batch';
import type { ResultActions } from '../features/jobs/job-card';

const PngInfoPanel = lazy(() => import('../features/params/png-info-panel'));
// Shown once there is a job: loaded after the first page.
const JobCard = lazy(() => import('../features/jobs/job-card').then((m) => ({ default: m.JobCard })));
const HistoryStrip = lazy(() => import('../features/jobs/history-strip').then((m) => ({ default: m.HistoryStrip })));
const BatchControls = lazy(() => import('./batch-controls'));
const SessionCosts = lazy(() => import('./session-costs').then((m) => ({ default: m.SessionCosts })));

/** Loaded with the first image endpoint (its size rules are not needed on the first page). */
const InitSizeNotice = lazy(() => import('./init-size-notice'));
const PlaygroundCanvas = lazy(() => import('./playground-canvas'));

const FORM_ID = 'playground-form';

export function PlaygroundView({
  preset,
  onPreset,
  setup,
  onOpenSettings,
}: {
  preset?: Preset;
  onPreset(p: Omit<Preset, 'nonce'>): void;
  setup?: string;
  onOpenSettings(): void;
}) {
  const [endpointId, setEndpointId] = useState(() => {
    const last = loadLastEndpoint();
    return last && getEndpoint(last) ? last : DEFAULT_ENDPOINT_ID;
  });
  const [startValues, setStartValues] = useState(() => loadDraft(endpointId));
  const [formNonce, setFormNonce] = useState(0);
  const [external, setExternal] = useState<Record<string, unknown>>();
  const [form, setForm] = useState<UseFormReturn<FieldValues>>();
  const [currentJobId, setCurrentJobIdState] = useState<string | undefined>(loadCurrentJobId);
  const setCurrentJobId = useCallback((id: string | undefined) => {
    setCurrentJobIdState(id);
    saveCurrentJobId(id);
  }, []);
  const [routeProblem, setRouteProblem] = useState<string>();

  const endpoint = getEndpoint(endpointId) ?? allEndpoints()[0]!;
  const provider = getProvider(endpoint.provider)!;
  const settings = useProviderSettings(provider.id);
  const proxy = useQuery(proxyQuery());
  const route = useMemo(
    () => (proxy.isFetched ? resolveRoute(provider, settings, location.origin, proxy.data ?? false) : undefined),
    [provider, settings, proxy.isFetched, proxy.data],
  );
  const job = useJob(currentJobId).data ?? undefined;
  const fields = useMemo(() => describeSchema(endpoint.schema), [endpoint]);
  const imageField = fields.find((f) => f.kind === 'image' && !f.mask);
  const maskField = fields.find((f) => f.kind === 'image' && f.mask);

  const switchEndpoint = useCallback((id: string, start?: Record<string, unknown>) => {
    setEndpointId(id);
    saveLastEndpoint(id);
    setStartValues(start ?? loadDraft(id));
    setExternal(undefined);
    setForm(undefined);
    setFormNonce((n) => n + 1);
  }, []);

  useEffect(() => {
    if (!preset) return;
    const apply = () => {
      if (preset.endpointId === endpointId && preset.merge) setExternal(preset.values);
      else switchEndpoint(preset.endpointId, preset.merge ? { ...loadDraft(preset.endpointId), ...preset.values } : preset.values);
    };
    // Images the preset brings become the workspace's first, so the new form's canvas shows them.
    const target = getEndpoint(preset.endpointId);
    if (target) void import('./playground-canvas').then((m) => m.adoptPresetImages(target, preset.values)).then(apply, apply);
    else apply();
    // A preset is applied once, when it arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preset]);

  // A shared link: its setup fills the form once per link; nothing is sent.
  const [setupNote, setSetupNote] = useState<string>();
  useEffect(() => {
    if (!setup) return;
    void import('../features/params/share-link').then(({ decodeSetup }) => {
      const shared = decodeSetup(setup);
      if (!shared) return setSetupNote('The link could not be read: the form was left as it was.');
      switchEndpoint(shared.endpoint, shared.params);
      setSetupNote(`Filled from a shared link${shared.omitted?.length ? ` (not in the link: ${shared.omitted.join(', ')}; choose them again)` : ''}. Nothing was sent.`);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [setup]);
  const [copied, setCopied] = useState<string>();
  const copyLink = () => {
    if (!form) return;
    const values = form.getValues();
    void import('../features/params/share-link').then(({ buildSetup, setupLink }) => {
      const s = buildSetup(endpoint.id, values);
      const link = setupLink(s);
      const note = s.omitted?.length ? ` The link leaves out ${s.omitted.join(', ')}: choose it again after opening.` : '';
      return navigator.clipboard.writeText(link).then(
        () => setCopied(`Link copied.${note}`),
        () => setCopied(`Copy this link: ${link}${note}`),
      );
    });
  };

  const imageParams = useImageParams();
  const applyRecall = (r: Recall) => {
    if (r.exact || r.endpointId !== endpointId) switchEndpoint(r.endpointId, r.exact ? r.values : { ...loadDraft(r.endpointId), ...r.values });
    else setExternal(r.values);
  };

  const onCreated = useCallback((j: { id: string }) => setCurrentJobId(j.id), [setCurrentJobId]);
  const submit = useSubmitJob({ onCreated });
  const retry = useRetryJob({ onCreated });

  // Generate sends the mask on screen: a pending export is flushed before the form is read.
  const flushRef = useRef<CanvasFlush>(undefined);
  const flushed = useRef<Awaited<ReturnType<CanvasFlush>>>(undefined);
  const flushedSubmit = useRef(false);
  const onSubmitCapture = (e: FormEvent<HTMLElement>) => {
    const formEl = e.target as HTMLFormElement;
    if (formEl.id !== FORM_ID || !flushRef.current) return;
    if (flushedSubmit.current) {
      flushedSubmit.current = false; // the submit below: let it through
      return;
    }
    e.preventDefault();
    e.stopPropagation();
    void flushRef.current().then(async (got) => {
      if (Object.keys(got.values).length) setExternal(got.values);
      flushed.current = got;
      // One frame for the form to take the values, then the real submit (validation included).
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      flushedSubmit.current = true;
      formEl.requestSubmit();
    });
  };

  const [batch, setBatch] = useState<BatchSettings>({ count: 1, seeds: 'consecutive' });
  const [batchProgress, setBatchProgress] = useState<BatchProgress>();
  const batchStopped = useRef(false);
  const [actionProblem, setActionProblem] = useState<string>();
  const actions = useMemo<ResultActions>(() => {
    // The actions' module (image storage, downloads) loads on first use, not with the first page.
    const load = () => import('./result-actions').then((m) => m.resultActions(onPreset, setActionProblem));
    return {
      onSendTo: (...a) => void load().then((x) => x.onSendTo(...a)),
      onReuseParams: (...a) => void load().then((x) => x.onReuseParams(...a)),
      onReuseSeed: (...a) => void load().then((x) => x.onReuseSeed(...a)),
    };
  }, [onPreset]);

  const submitNow = (formParams: Record<string, unknown>) => {
    if (!route || batchProgress) return;
    const got = flushed.current;
    flushed.current = undefined;
    const params = { ...formParams, ...got?.values };
    submit.reset();
    retry.reset();
    setActionProblem(undefined);
    setRouteProblem(route.problem);
    if (route.problem) return;
    setCurrentJobId(undefined);
    // The job id is known as soon as its record is written; the card follows it from then on.
    const inpaint = got?.inpaint;
    if (batch.count === 1) return submit.submit({ provider, endpoint, params, mode: settings.mode, route, inpaint });
    batchStopped.current = false;
    setBatchProgress({ run: 1, count: batch.count });
    const send = (runParams: Record<string, unknown>) =>
      submit.submitAsync({ provider, endpoint, params: runParams, mode: settings.mode, route, inpaint }).catch(() => undefined);
    void import('./batch').then((m) =>
      m.runBatch({ ...batch, endpointId: endpoint.id, params, send, onProgress: setBatchProgress, stopped: () => batchStopped.current }),
    );
  };
  // Stable for the memoised form: it calls whatever submitNow is at the time.
  const submitRef = useRef(submitNow);
  submitRef.current = submitNow;
  const onSubmit = useCallback((p: Record<string, unknown>) => submitRef.current(p), []);
  // The rest of the page (request preview, canvas, autosave) follows the form in a transition, in slices.
  const onForm = useCallback((f: UseFormReturn<FieldValues>) => startTransition(() => setForm(f)), []);
  const batchActions = useMemo(
    () => (
      <Suspense fallback={null}>
        <BatchControls value={batch} onChange={setBatch} progress={batchProgress} onStop={() => (batchStopped.current = true)} />
      </Suspense>
    ),
    [batch, batchProgress],
  );
  const failure = routeProblem ?? submit.error ?? retry.error ?? actionProblem;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        (document.getElementById(FORM_ID) as HTMLFormElement | null)?.requestSubmit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Each new result comes into view: in the results column (wide screens) or the page (narrow ones).
  const resultRef = useFollowResult(job ? `${job.id}:${job.images.length}` : undefined);

  const sentRequest: HttpRequest | undefined =
    job && job.endpointId === endpoint.id ? jobToRequest(job, provider.keyLocation, route?.key) : undefined;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)] lg:items-start">
      <section
        aria-label="Parameters"
        className="flex flex-col gap-4"
        onSubmitCapture={onSubmitCapture}
        onDragOver={(e) => {
          if ([...e.dataTransfer.types].includes('Files')) e.preventDefault();
        }}
        onDrop={(e) => {
          const file = droppedImage(e.dataTransfer);
          if (!file) return;
          e.preventDefault();
          imageParams.readFile(file);
        }}
      >
        <EndpointHeader
          value={endpoint.id}
          onSelect={(id) => switchEndpoint(id)}
          options={<EndpointOptions />}
          about={endpoint}
          mode={settings.mode}
          liveTarget={route?.baseUrl}
          onOpenSettings={onOpenSettings}
        />
        <div className="flex flex-wrap items-end gap-3">
          <ReadImageControl onFile={imageParams.readFile} />
          <button type="button" className="ml-auto rounded-md border border-zinc-700 px-2 py-1 text-xs text-zinc-200 hover:border-zinc-500" onClick={copyLink}>
            Copy link
          </button>
        </div>
        {(copied || setupNote) && (
          <p role="status" className="text-xs text-zinc-400">
            {copied ?? setupNote}
          </p>
        )}
        {imageParams.state.fileName && (
          <Suspense fallback={<p className="text-xs text-zinc-400">Reading…</p>}>
            <PngInfoPanel
              key={`${imageParams.state.fileName}-${imageParams.state.reading}`}
              state={imageParams.state}
              endpointId={endpoint.id}
              onUse={applyRecall}
              onClose={imageParams.clear}
            />
          </Suspense>
        )}
        <GeneratedForm
          key={`${endpoint.id}-${formNonce}`}
          formId={FORM_ID}
          endpoint={endpoint}
          startValues={startValues}
          externalValues={external}
          onForm={onForm}
          onSubmit={onSubmit}
          busy={(submit.isPending && !job) || !!batchProgress}
          actions={batchActions}
        />
        {form && <DraftAutosave key={`draft-${endpoint.id}-${formNonce}`} control={form.control} endpointId={endpoint.id} />}
        {failure && (
          <p role="alert" className="rounded-md border border-red-800 bg-red-950/60 p-2 text-sm text-red-200">
            {failure}
          </p>
        )}
      </section>
      {/* On wide screens the results column scrolls on its own, under the header, beside the form. */}
      <section
        aria-label="Results"
        tabIndex={0}
        className="flex min-w-0 flex-col gap-4 lg:sticky lg:top-16 lg:max-h-[calc(100dvh-5rem)] lg:overflow-y-auto lg:pr-1"
      >
        <QueuePanel />
        <Suspense fallback={null}>
          <SessionCosts />
          <HistoryStrip currentId={currentJobId} onShow={(j) => setCurrentJobId(j.id)} />
        </Suspense>
        {imageField && form && (
          <Suspense fallback={<div className="h-64 animate-pulse rounded-lg bg-zinc-900" aria-label="Loading canvas" />}>
            <PlaygroundCanvas control={form.control} imageField={imageField.name} maskField={maskField?.name} onChange={setExternal} flushRef={flushRef} />
          </Suspense>
        )}
        {imageField && form && (
          <Suspense fallback={null}>
            <InitSizeNotice control={form.control} endpoint={endpoint} imageField={imageField.name} onChange={setExternal} />
          </Suspense>
        )}
        <div ref={resultRef} className="scroll-mt-16">
        {job ? (
          <Suspense fallback={<p className="rounded-lg border border-zinc-800 bg-zinc-900/60 p-6 text-sm text-zinc-400">Loading…</p>}>
          <JobCard
            job={job}
            onResume={(j) => void resumeJob(j.id)}
            actions={actions}
            onCancel={(j) => void cancelJob(j.id)}
            onRetry={(j) => {
              setRouteProblem(undefined);
              submit.reset();
              retry.retry(j);
            }}
          />
          </Suspense>
        ) : submit.isPending ? (
          <p className="rounded-lg border border-zinc-800 bg-zinc-900/60 p-6 text-sm text-zinc-400" role="status">
            Sending…
          </p>
        ) : (
          <div className="rounded-lg border border-dashed border-zinc-700 p-8 text-center text-sm text-zinc-400">
            <p className="text-zinc-200">No image yet.</p>
            <p>Press Generate (or Ctrl/⌘ + Enter): the image, the seed it used and the exact request appear here.</p>
          </div>
        )}
        </div>
        {form && (
          <PlaygroundRequest
            control={form.control}
            endpoint={endpoint}
            route={route}
            sentRequest={sentRequest}
            keyLocation={provider.keyLocation}
          />
        )}
      </section>
    </div>
  );
}
