/**
 * The playground: pick an endpoint, fill its generated form, Generate, and see the images, their
 * seeds and the exact request. Where params, jobs, canvas and settings meet; each concern lives in
 * its own hook or column beside this file.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { useProviderSettings } from '../../api/settings-store';
import { GeneratedForm } from '../../features/params/generated-form';
import type { ResultActions } from '../../features/jobs/job-card';
import { useJob } from '../../job-store/use-jobs';
import { describeSchema } from '../../providers/fields/describe';
import { getProvider } from '../../providers/registry';
import { jobToRequest } from '../job-request';
import type { Preset } from '../preset';
import { LockControls } from './lock-controls';
import { ParamsColumn } from './params-column';
import { DraftAutosave, PlaygroundRequest } from './playground-parts';
import { ResultsColumn } from './results-column';
import { useCurrentRun } from './use-current-run';
import { useEndpointForm } from './use-endpoint-form';
import { FORM_ID, useGenerate } from './use-generate';
import { useShareSetup } from './use-share-setup';

const BatchControls = lazy(() => import('./batch-controls'));
/** Loaded with the first image endpoint (its size rules are not needed on the first page). */
const InitSizeNotice = lazy(() => import('../init-size-notice'));
const PlaygroundCanvas = lazy(() => import('../playground-canvas'));

/** Result-card actions; their module (image storage, downloads) loads on first use, not with the first page. */
function useResultActions(onPreset: (p: Omit<Preset, 'nonce'>) => void, onProblem: (m: string | undefined) => void) {
  return useMemo<ResultActions>(() => {
    const load = () => import('./result-actions').then((m) => m.resultActions(onPreset, onProblem));
    return {
      onSendTo: (...a) => void load().then((x) => x.onSendTo(...a)),
      onReuseParams: (...a) => void load().then((x) => x.onReuseParams(...a)),
      onReuseSeed: (...a) => void load().then((x) => x.onReuseSeed(...a)),
    };
  }, [onPreset, onProblem]);
}

export function PlaygroundView(props: { preset?: Preset; onPreset(p: Omit<Preset, 'nonce'>): void; setup?: string; onOpenSettings(): void }) {
  const ef = useEndpointForm(props.preset);
  const { endpoint, form } = ef;
  const provider = getProvider(endpoint.provider)!;
  const settings = useProviderSettings(provider.id);
  const run = useCurrentRun();
  const lastJob = useJob(run.currentId).data ?? undefined;
  const [actionProblem, setActionProblem] = useState<string>();
  const gen = useGenerate({
    endpoint,
    provider,
    settings,
    form,
    onRunStart: () => {
      setActionProblem(undefined);
      run.start();
    },
    onCreated: (j) => run.add(j.id),
    onRetried: (j) => run.show(j.id),
  });
  const share = useShareSetup({ setup: props.setup, endpointId: endpoint.id, form, switchEndpoint: ef.switchEndpoint, batch: gen.batch, setBatch: gen.setBatch });
  const actions = useResultActions(props.onPreset, setActionProblem);
  const fields = useMemo(() => describeSchema(endpoint.schema), [endpoint]);
  const imageField = fields.find((f) => f.kind === 'image' && !f.mask);
  const maskField = fields.find((f) => f.kind === 'image' && f.mask);

  const { batch, setBatch, batchProgress, stopBatch } = gen;
  const batchActions = useMemo(
    () => (
      <Suspense fallback={null}>
        <BatchControls value={batch} onChange={setBatch} progress={batchProgress} onStop={stopBatch} />
      </Suspense>
    ),
    [batch, setBatch, batchProgress, stopBatch],
  );
  const sentRequest = lastJob && lastJob.endpointId === endpoint.id ? jobToRequest(lastJob, provider.keyLocation, gen.route?.key) : undefined;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,26rem)_minmax(0,1fr)] lg:items-start">
      <ParamsColumn
        endpoint={endpoint}
        mode={settings.mode}
        liveTarget={gen.route?.baseUrl}
        onSelect={ef.chooseEndpoint}
        onOpenSettings={props.onOpenSettings}
        onRecall={ef.applyRecall}
        onCopyLink={share.copyLink}
        note={share.note}
        failure={gen.error ?? actionProblem}
        onSubmitCapture={gen.onSubmitCapture}
        locks={<LockControls {...ef.lockState} />}
      >
        <GeneratedForm
          key={`${endpoint.id}-${ef.formNonce}`}
          formId={FORM_ID}
          endpoint={endpoint}
          startValues={ef.startValues}
          externalValues={ef.external}
          onForm={ef.onForm}
          onSubmit={gen.onSubmit}
          busy={(gen.isPending && !lastJob) || !!batchProgress}
          actions={batchActions}
        />
        {form && <DraftAutosave key={`draft-${endpoint.id}-${ef.formNonce}`} control={form.control} endpointId={endpoint.id} holdUntilEdit={ef.fromLink} />}
      </ParamsColumn>
      {/* On wide screens the results column scrolls on its own, under the header, beside the form. */}
      <ResultsColumn
        runIds={run.ids}
        lastJob={lastJob}
        sending={gen.isPending}
        actions={actions}
        onShow={run.show}
        onRetry={gen.retry}
        canvas={
          imageField &&
          form && (
            <>
              <Suspense fallback={<div className="h-64 animate-pulse rounded-lg bg-zinc-900" aria-label="Loading canvas" />}>
                <PlaygroundCanvas control={form.control} imageField={imageField.name} maskField={maskField?.name} onChange={ef.setExternal} flushRef={gen.flushRef} />
              </Suspense>
              <Suspense fallback={null}>
                <InitSizeNotice control={form.control} endpoint={endpoint} imageField={imageField.name} onChange={ef.setExternal} />
              </Suspense>
            </>
          )
        }
        request={form && <PlaygroundRequest control={form.control} endpoint={endpoint} route={gen.route} sentRequest={sentRequest} keyLocation={provider.keyLocation} />}
      />
    </div>
  );
}
