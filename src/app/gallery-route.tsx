/** The gallery, wired to the playground: reuse parameters, reuse a seed, use an image as init or inpaint source, retry. */
import { useState } from 'react';
import GalleryView from '../features/gallery/gallery-view';
import { useRetryJob } from '../job-store/use-job-actions';
import type { JobRecord } from '../job-store/job-record';
import { adoptDataUrls, putLocalImage } from '../job-store/local-images';
import { loadParams } from '../job-store/store';
import { carryOver } from '../providers/mapping/carry-over';
import { describeSchema } from '../providers/fields/describe';
import { endpointsOfKind, getEndpoint, getProvider } from '../providers/registry';
import type { EndpointKind } from '../providers/types';
import type { Preset } from './preset';
import { comparisonRecordSchema } from '../features/compare/comparison-record';
import { loadComparisons, saveComparison } from '../features/compare/comparison-store';
import type { ComparisonsPort } from '../features/gallery/archive-controls';

/** The compare feature's saved comparisons, for the gallery's export and import. */
const comparisonsPort: ComparisonsPort = {
  // Those with a cell among the exported jobs (all of them when nothing is filtered out).
  list: (jobIds) => loadComparisons().filter((c) => c.cells.some((cell) => cell.jobId && jobIds.has(cell.jobId))),
  add(records) {
    const known = new Set(loadComparisons().map((c) => c.id));
    let added = 0;
    for (const raw of records) {
      const parsed = comparisonRecordSchema.safeParse(raw);
      if (!parsed.success || known.has(parsed.data.id)) continue;
      saveComparison(parsed.data);
      known.add(parsed.data.id);
      added++;
    }
    return added;
  },
};

/** The endpoint of `kind` on the job's own provider, else the first in the registry that has one. */
function endpointOfKind(job: JobRecord, kind: EndpointKind) {
  return getProvider(job.provider)?.endpoints.find((e) => e.kind === kind) ?? endpointsOfKind(kind)[0];
}

function fieldWithRole(endpointId: string, role: 'seed' | 'initImage') {
  const ep = getEndpoint(endpointId);
  if (!ep) return undefined;
  return describeSchema(ep.schema).find((f) => (role === 'seed' ? f.kind === 'seed' : f.kind === 'image' && !f.mask))?.name;
}

export default function GalleryRoute({ onPreset, onOpenComparison }: { onPreset(p: Omit<Preset, 'nonce'>): void; onOpenComparison(groupId: string): void }) {
  const [problem, setProblem] = useState<string>();
  // The new job appears in the gallery by itself.
  const retry = useRetryJob();
  const fail = (what: string) => (e: unknown) => setProblem(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  const sendImage = (blob: Blob, job: JobRecord, kind: EndpointKind) => {
    const ep = endpointOfKind(job, kind);
    const field = ep && fieldWithRole(ep.id, 'initImage');
    if (!ep || !field) return;
    // The image goes to the form as a reference to its Blob, never as a data URL; its prompts follow it.
    const from = getEndpoint(job.endpointId);
    const image = putLocalImage(blob);
    void loadParams(job)
      .catch(() => ({}))
      .then((params) => onPreset({ endpointId: ep.id, values: { ...(from ? carryOver(from, params, ep) : {}), [field]: image }, merge: true }));
  };
  const shown = problem ?? retry.error;
  return (
    <>
      {shown && (
        <p role="alert" className="rounded-md border border-red-800 bg-red-950/60 p-2 text-sm text-red-200">
          {shown}
        </p>
      )}
      <GalleryView
        comparisons={comparisonsPort}
        onReuseParams={(job) =>
          void loadParams(job)
            .then(adoptDataUrls)
            .then((values) => onPreset({ endpointId: job.endpointId, values, merge: false }), fail('The parameters could not be read'))
        }
        onReuseSeed={(job, seed) => {
          const field = fieldWithRole(job.endpointId, 'seed');
          if (field) onPreset({ endpointId: job.endpointId, values: { [field]: seed }, merge: true });
        }}
        onUseAsInit={({ blob, job }) => sendImage(blob, job, 'img2img')}
        onSendToInpaint={({ blob, job }) => sendImage(blob, job, 'inpaint')}
        onRetry={(job) => {
          setProblem(undefined);
          retry.retry(job);
        }}
        onOpenComparison={onOpenComparison}
      />
    </>
  );
}
