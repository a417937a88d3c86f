/**
 * Compare providers side by side: one prompt, seed, init image and mask sent
 * to several endpoints at once, each mapped onto its own parameters, results
 * as columns, an A/B slider, and X/Y sweeps. Where targets, shared values,
 * mapping, running and the saved comparison meet.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { cryptoRandom } from '../../lib/random';
import { getEndpoint } from '../../providers/registry';
import { ABView } from './ab-view';
import { loadDraft, saveDraft } from './comparison-store';
import type { ComparisonRecord } from './comparison-record';
import { takeOpenRequest } from './open-request';
import { endpointFields } from '../../providers/mapping/map-params';
import { MappingTable } from './mapping-table';
import { RecentComparisons } from './recent-comparisons';
import { buildRecord, withSharedSeed } from './run-comparison';
import { DEFAULT_SHARED_FORM, parseSharedForm, sharedToForm } from '../../providers/mapping/shared-params';
import type { SharedForm } from '../../providers/mapping/shared-params';
import { SharedParamsForm } from './shared-params-form';
import type { ImageEditor } from './shared-params-form';
import { SideBySide } from './side-by-side';
import { planSweep } from './sweep';
import type { SweepAxis } from './sweep';
import { SweepGrid } from './sweep-grid';
import { SweepSetup } from './sweep-setup';
import { TargetsEditor } from './targets-editor';
import { defaultTargetEndpoints, newTarget, targetLabels } from './targets';
import type { CompareTarget } from './targets';
import { findComparison, restoreImages, useComparison } from './use-comparison';
import { Button } from '../../components/ui/button';
import { updateWorkspace, useWorkspace } from '../../job-store/workspace';

type Tab = 'side' | 'ab' | 'sweep';
const TABS: Array<[Tab, string]> = [
  ['side', 'Side by side'],
  ['ab', 'A/B'],
  ['sweep', 'Sweep'],
];

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
  const [tab, setTab] = useState<Tab>('side');
  const [message, setMessage] = useState<string>();
  const comparison = useComparison();
  const { record, show } = comparison;

  // Shows a comparison found (or says it is gone); `apply` puts its targets and parameters in the form.
  const showFound = useCallback(
    (found: ComparisonRecord | undefined, apply: boolean) => {
      if (!found) {
        setMessage('That comparison is no longer saved, and the gallery has none of its jobs.');
        return;
      }
      setMessage(undefined);
      show(found);
      if (apply) {
        setTargets(found.targets);
        setForm(sharedToForm(found.shared));
        if (found.kind === 'sweep') {
          setX(found.axes.x);
          setY(found.axes.y);
        }
        setTab(found.kind === 'sweep' ? 'sweep' : 'side');
      }
      void restoreImages(found).then((restored) => {
        if (restored.initImage) updateWorkspace({ image: restored.initImage, mask: restored.mask });
      });
    },
    [show],
  );
  const open = useCallback((id: string, apply: boolean) => findComparison(id).then((found) => showFound(found, apply)), [showFound]);

  // After a reload: the comparison that was on screen, or the one another view asked to open.
  const reopened = useRef(false);
  useEffect(() => {
    if (reopened.current) return; // once, even when effects run twice (StrictMode)
    reopened.current = true;
    const asked = takeOpenRequest() ?? openId;
    if (asked) void open(asked, true);
    else if (draft?.currentId) void open(draft.currentId, false);
  }, [draft, open, openId]);

  useEffect(() => {
    saveDraft({ version: 1, targets, form, x, y, currentId: record?.id });
  }, [targets, form, x, y, record?.id]);

  // The URL names the open comparison: Back and Forward open the one it names; opening one here updates it.
  const shownId = record?.id;
  useEffect(() => {
    if (openId && reopened.current && openId !== shownId) void open(openId, true);
    // Only a change of the URL opens a comparison.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openId]);
  const lastShown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (shownId === lastShown.current) return;
    if (shownId || lastShown.current) onShown?.(shownId);
    lastShown.current = shownId;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownId]);

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
          <div role="tablist" aria-label="Views" className="flex gap-1 border-b border-zinc-800">
            {TABS.map(([id, label]) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`compare-tab-${id}`}
                aria-selected={tab === id}
                aria-controls="compare-tabpanel"
                tabIndex={tab === id ? 0 : -1}
                onClick={() => setTab(id)}
                onKeyDown={(e) => {
                  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                  if (!step) return;
                  const next = TABS[(TABS.findIndex(([t]) => t === id) + step + TABS.length) % TABS.length]![0];
                  setTab(next);
                  document.getElementById(`compare-tab-${next}`)?.focus();
                }}
                className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab === id ? 'border-amber-400 text-amber-300' : 'border-transparent text-zinc-400 hover:text-zinc-200'}`}
              >
                {label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id="compare-tabpanel" aria-labelledby={`compare-tab-${tab}`} className="flex flex-col gap-4">
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
            {record && (
              <p className="text-sm text-zinc-300">
                <span className="text-zinc-100">{record.title}</span>
                {record.seed !== undefined && (
                  <>
                    {' '}
                    · seed <span className="font-mono text-amber-300">{record.seed}</span> for every target
                  </>
                )}
                <span className="text-zinc-500"> · saved with its results in the gallery</span>
              </p>
            )}
            {!record ? (
              <p className="rounded-lg border border-dashed border-zinc-700 p-8 text-center text-sm text-zinc-400">
                No comparison yet. Choose targets, write a prompt, and Run: every result appears here side by side.
              </p>
            ) : tab === 'side' ? (
              <SideBySide record={record} onJob={comparison.setJob} onProblem={setMessage} />
            ) : tab === 'ab' ? (
              <ABView key={record.id} record={record} />
            ) : record.kind === 'sweep' ? (
              <SweepGrid record={record} />
            ) : (
              <p className="text-sm text-zinc-400">This comparison is not a sweep: set the axes above and Run sweep.</p>
            )}
          </div>
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
