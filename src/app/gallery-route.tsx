/** The gallery, wired to the playground: reuse parameters, reuse a seed, use an image as init or inpaint source. */
import { useState } from 'react';
import GalleryView from '../features/gallery/gallery-view';
import { currentRoute } from '../api/current-route';
import { retryJob } from '../job-store/run-job';
import type { JobRecord } from '../job-store/job-record';
import { loadParams } from '../job-store/store';
import { describeSchema } from '../providers/fields/describe';
import { endpointsOfKind, getEndpoint, getProvider } from '../providers/registry';
import type { EndpointKind } from '../providers/types';
import type { Preset } from './preset';

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('The image could not be read.'));
    r.readAsDataURL(blob);
  });
}

/** The endpoint of `kind` on the job's own provider, else the first provider that has one. */
function endpointOfKind(job: JobRecord, kind: EndpointKind) {
  const own = getProvider(job.provider)?.endpoints.find((e) => e.kind === kind);
  if (own) return own;
  return endpointsOfKind(kind)[0];
}

function fieldWithRole(endpointId: string, role: 'seed' | 'initImage') {
  const ep = getEndpoint(endpointId);
  if (!ep) return undefined;
  return describeSchema(ep.schema).find((f) => (role === 'seed' ? f.kind === 'seed' : f.kind === 'image' && !f.mask))?.name;
}

export default function GalleryRoute({ onPreset, onOpenComparison }: { onPreset(p: Omit<Preset, 'nonce'>): void; onOpenComparison(groupId: string): void }) {
  const [problem, setProblem] = useState<string>();
  const sendImage = async (blob: Blob, job: JobRecord, kind: EndpointKind) => {
    const ep = endpointOfKind(job, kind);
    const field = ep && fieldWithRole(ep.id, 'initImage');
    if (!ep || !field) return;
    onPreset({ endpointId: ep.id, values: { [field]: await blobToDataUrl(blob) }, merge: true });
  };
  return (
    <>
      {problem && (
        <p role="alert" className="rounded-md border border-red-800 bg-red-950/60 p-2 text-sm text-red-200">
          {problem}
        </p>
      )}
      <GalleryView
        onReuseParams={(job) => void loadParams(job).then((values) => onPreset({ endpointId: job.endpointId, values, merge: false }))}
        onReuseSeed={(job, seed) => {
          const field = fieldWithRole(job.endpointId, 'seed');
          if (field) onPreset({ endpointId: job.endpointId, values: { [field]: seed }, merge: true });
        }}
        onUseAsInit={({ blob, job }) => void sendImage(blob, job, 'img2img')}
        onSendToInpaint={({ blob, job }) => void sendImage(blob, job, 'inpaint')}
        onRetry={(job) => {
          const provider = getProvider(job.provider);
          const endpoint = getEndpoint(job.endpointId);
          if (!provider || !endpoint) return;
          // The new job appears in the gallery by itself.
          void currentRoute(provider).then((route) =>
            route.problem ? setProblem(route.problem) : void retryJob(job, route, provider, endpoint),
          );
        }}
        onOpenComparison={onOpenComparison}
      />
    </>
  );
}
