/**
 * The comparison on screen: open a saved one, run a new one (every cell's job
 * written into the record as it is created), point a cell at a retried job.
 * Every change is saved, so the comparison reopens after a reload.
 */
import { useCallback, useRef, useState } from 'react';
import { getEndpoint } from '../../providers/registry';
import { getProviderSettings } from '../../api/settings-store';
import { getJob, listJobs, loadParams } from '../../job-store/store';
import { currentRoute } from '../../api/current-route';
import { submitJob } from '../../job-store/run-job';
import { adoptDataUrl } from '../../job-store/local-images';
import { comparisonFromJobs, setCell } from './comparison-record';
import type { ComparisonRecord } from './comparison-record';
import { getComparison, saveComparison } from './comparison-store';
import { endpointFields } from '../../providers/mapping/map-params';
import { runPlan } from './run-comparison';
import type { SweepPlan } from './sweep';

export function useComparison() {
  const [record, setRecord] = useState<ComparisonRecord>();
  const [running, setRunning] = useState(false);
  const current = useRef<ComparisonRecord>(undefined);

  const show = useCallback((r: ComparisonRecord | undefined) => {
    current.current = r;
    setRecord(r);
  }, []);

  /** Changes one record, whether it is on screen or not. */
  const change = useCallback(
    (id: string, f: (r: ComparisonRecord) => ComparisonRecord) => {
      const onScreen = current.current?.id === id;
      const base = onScreen ? current.current : getComparison(id);
      if (!base) return;
      const next = f(base);
      saveComparison(next);
      if (onScreen) show(next);
    },
    [show],
  );

  const run = useCallback(
    async (plan: SweepPlan, fresh: ComparisonRecord) => {
      saveComparison(fresh);
      show(fresh);
      setRunning(true);
      try {
        await runPlan(plan, fresh.id, {
          submit: (args) => submitJob(args),
          routeFor: currentRoute,
          modeFor: (p) => getProviderSettings(p).mode,
          onCell: (key, patch) => change(fresh.id, (r) => setCell(r, key, patch)),
          // Side by side: every target at once. A sweep: a few at a time, gentler on rate limits.
          concurrency: fresh.kind === 'sweep' ? 4 : Math.max(1, plan.cells.length),
        });
      } finally {
        setRunning(false);
      }
    },
    [change, show],
  );

  const setJob = useCallback(
    (key: string, jobId: string) => record && change(record.id, (r) => setCell(r, key, { jobId, skipped: undefined })),
    [change, record],
  );

  return { record, running, show, run, setJob };
}

/** A saved comparison, or one rebuilt from its jobs in the gallery when the saved record is gone. */
export async function findComparison(id: string): Promise<ComparisonRecord | undefined> {
  const saved = getComparison(id);
  if (saved) return saved;
  const rebuilt = comparisonFromJobs(id, await listJobs({ compareGroupId: id }));
  if (rebuilt) saveComparison(rebuilt);
  return rebuilt;
}

/** The init image and mask a comparison sent, read back from its jobs' stored inputs. */
export async function restoreImages(record: ComparisonRecord): Promise<{ initImage?: string; mask?: string }> {
  if (!record.shared.hasInitImage && !record.shared.hasMask) return {};
  for (const cell of record.cells) {
    const job = cell.jobId ? await getJob(cell.jobId) : undefined;
    const endpoint = job && getEndpoint(job.endpointId);
    if (!job || !endpoint) continue;
    const fields = endpointFields(endpoint);
    const init = fields.find((f) => f.role === 'initImage');
    if (!init) continue;
    const mask = fields.find((f) => f.role === 'mask');
    const params = await loadParams(job);
    // Stored inputs come back as data URLs: the form holds local images as references to their Blobs.
    const pick = async (name: string | undefined) =>
      name && typeof params[name] === 'string' ? ((await adoptDataUrl(params[name])) as string) : undefined;
    const found = { initImage: await pick(init.name), mask: await pick(mask?.name) };
    if (found.initImage && (found.mask || !record.shared.hasMask)) return found;
  }
  return {};
}
