/**
 * Compare providers side by side: one prompt, seed, init image and mask sent
 * to several endpoints at once, each mapped onto its own parameters, results
 * as columns, an A/B slider, and X/Y sweeps. Where targets, shared values,
 * mapping, running and the saved comparison meet.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { cryptoRandom } from '../../lib/random';
import { getEndpoint } from '../../providers/registry';
import { CompareTabs } from './compare-tabs';
import type { CompareTab } from './compare-tabs';
import { ComparisonShown, NoComparison } from './comparison-shown';
import { loadDraft, saveDraft } from './comparison-store';
import type { ComparisonRecord } from './comparison-record';
import { endpointFields } from '../../providers/mapping/map-params';
import { MappingTable } from './mapping-table';
import { RecentComparisons } from './recent-comparisons';
import { buildRecord, withSharedSeed } from './run-comparison';
import { DEFAULT_SHARED_FORM, parseSharedForm, sharedToForm } from '../../providers/mapping/shared-params';
import type { SharedForm } from '../../providers/mapping/shared-params';
import { SharedParamsForm } from './shared-params-form';
import type { ImageEditor } from './shared-params-form';
import { planSweep } from './sweep';
import type { SweepAxis } from './sweep';
import { SweepSetup } from './sweep-setup';
import { TargetsEditor } from './targets-editor';
import { defaultTargetEndpoints, newTarget, targetLabels } from './targets';
import type { CompareTarget } from './targets';
import { useComparison } from './use-comparison';
import { useCompareOpen } from './use-compare-open';
import { useRevealResults } from './use-reveal-results';
import { Button } from '../../components/ui/button';
import { updateWorkspace, useWorkspace } from '../../job-store/workspace';

function takesRole(endpointId: string, role: 'initImage' | 'mask') {
  const endpoint = getEndpoint(endpointId);
  return !!endpoint && endpointFields(endpoint).some((f) => f.role === role);
}

export default function CompareView({ ImageEditor, openId, onShown }: { ImageEditor: ImageEditor; openId?: string; onShown?(id: string | undefined): void }) {
  const [draft] = useState(loadDraft);
  const [targets, setTargets] = useState<CompareTarget[]>(() => draft?.targets ?? defaultTargetEndpoints().map((id) => newTarget(id)));
  const [form, setForm] = useState<SharedForm>(() => draft?.form ?? DEFAULT_SHARED_FORM);
  // The workspace's init image and mask: the same as the playground's, at full resolution.
  const workspace = useWorkspace();
  const images = useMemo(() => ({ initImage: workspace.image, mask: workspace.mask }), [workspace.image, workspace.mask]);
  const [x, setX] = useState<SweepAxis | undefined>(() => draft?.x ?? { param: 'seed', values: '1, 2' });
  const [y, setY] = useState<SweepAxis | undefined>(() => draft?.y);
  const [tab, setTab] = useState<CompareTab>('side');
  const [message, setMessage] = useState<string>();
  const comparison = useComparison();
  const { record, show } = comparison;
  const { ref: resultsRef, reveal: revealResults } = useRevealResults();

  const shownId = record?.id;
  const apply = useCallback((found: ComparisonRecord) => {
    setTargets(found.targets);
    setForm(sharedToForm(found.shared));
    if (found.kind === 'sweep') {
      setX(found.axes.x);
      setY(found.axes.y);
    }
    setTab(found.kind === 'sweep' ? 'sweep' : 'side');
  }, []);
  const open = useCompareOpen({ draft, openId, shownId, show, apply, onMessage: setMessage, onShown });

  useEffect(() => {
    saveDraft({ version: 1, targets, form, x, y, currentId: shownId });
  }, [targets, form, x, y, shownId]);

  const { shared, errors } = useMemo(() => parseSharedForm(form, images), [form, images]);
  const labels = useMemo(() => targetLabels(targets), [targets]);
  const sidePlan = useMemo(() => planSweep({ targets, shared }), [targets, shared]);
  const sweepPlan = useMemo(() => planSweep({ targets, shared, x, y }), [targets, shared, x, y]);
  const mappings = useMemo(() => new Map(sidePlan.cells.map((c) => [c.targetId, c.mapping])), [sidePlan]);
  const endpointIds = targets.map((t) => t.endpointId);
  const needsImage = endpointIds.some((id) => takesRole(id, 'initImage'));
  const needsMask = endpointIds.some((id) => takesRole(id, 'mask'));

  const start = (axes: { x?: SweepAxis; y?: SweepAxis }) => {
    if (Object.keys(errors).length) {
      setMessage('Fix the shared values marked in red first.');
      return;
    }
    const seeded = withSharedSeed(shared, axes, cryptoRandom);
    const plan = planSweep({ targets, shared: seeded, ...axes });
    if (plan.errors.length) return setMessage(plan.errors.join(' '));
    if (plan.requestCount === 0) return setMessage('Nothing can be sent: the mapping says why for each target.');
    setMessage(undefined);
    const fresh = buildRecord({ id: crypto.randomUUID(), createdAt: Date.now(), plan, shared: seeded, targets, axes });
    if (!axes.x && tab === 'sweep') setTab('side');
    void comparison.run(plan, fresh);
    revealResults();
  };

  const n = sidePlan.requestCount;
  return (
    <div className="flex flex-col gap-4">
      {/* The view's heading and intro line are the shell's (drawn before this module loads). */}
      <header className="flex flex-wrap items-end gap-4">
        <div className="w-full max-w-xl">
          <RecentComparisons currentId={record?.id} onOpen={(id) => void open(id, true)} onNew={() => show(undefined)} />
        </div>
      </header>
      {/* Narrow screens: setup, results, mapping. Wide: setup and mapping on the left, results on the right. */}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,32rem)_minmax(0,1fr)] xl:grid-rows-[auto_1fr]">
        <div className="flex flex-col gap-6 xl:col-start-1 xl:row-start-1">
          <TargetsEditor targets={targets} labels={labels} mappings={mappings} onChange={setTargets} />
          <SharedParamsForm
            form={form}
            errors={errors}
            endpointIds={endpointIds}
            onChange={setForm}
            needsImage={needsImage}
            ImageEditor={ImageEditor}
            needsMask={needsMask}
            initImage={images.initImage}
            onInitImage={(image) => updateWorkspace({ image, ...(image ? {} : { mask: undefined }) })}
            onMask={(mask) => updateWorkspace({ mask })}
          />
        </div>
        <div className="flex min-w-0 flex-col gap-4 xl:col-start-2 xl:row-span-2 xl:row-start-1">
          <CompareTabs tab={tab} onTab={setTab}>
            {tab === 'sweep' ? (
              <SweepSetup x={x} y={y} onX={setX} onY={setY} plan={sweepPlan} running={comparison.running} onRun={() => start({ x, y })} />
            ) : (
              <div className="flex flex-wrap items-center gap-3">
                <Button variant="primary" disabled={comparison.running || n === 0} onClick={() => start({})}>
                  {comparison.running ? 'Sending…' : `Run comparison (${n} ${n === 1 ? 'request' : 'requests'})`}
                </Button>
                {sidePlan.skipped.length > 0 && (
                  <span className="text-sm text-orange-300">
                    {sidePlan.skipped.length} {sidePlan.skipped.length === 1 ? 'target is' : 'targets are'} not sendable: see the mapping.
                  </span>
                )}
              </div>
            )}
            {message && (
              <p role="alert" className="rounded-md border border-red-800 bg-red-950/60 p-2 text-sm text-red-200">
                {message}
              </p>
            )}
            <div ref={resultsRef}>
              {record ? <ComparisonShown record={record} tab={tab} onJob={comparison.setJob} onProblem={setMessage} /> : <NoComparison />}
            </div>
          </CompareTabs>
        </div>
        <section aria-label="Parameter mapping" className="flex flex-col gap-2 xl:col-start-1 xl:row-start-2">
          <h2 className="text-sm font-semibold text-zinc-200">Mapping, per target</h2>
          {sidePlan.cells.map((c, i) => (
            <MappingTable key={c.key} mapping={c.mapping} label={labels.get(c.targetId) ?? c.targetId} index={i} />
          ))}
        </section>
      </div>
    </div>
  );
}
