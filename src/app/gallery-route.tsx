/** The gallery, wired to the playground: reuse parameters, reuse a seed, use an image as init or inpaint source. */
import GalleryView from '../features/gallery/gallery-view';
import type { JobRecord } from '../features/gallery/job-record';
import { loadParams } from '../features/gallery/store';
import { describeSchema } from '../features/params/describe';
import { getEndpoint, getProvider } from '../providers/registry';
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
  return ['modelslab', 'segmind'].map((p) => getProvider(p)?.endpoints.find((e) => e.kind === kind)).find(Boolean);
}

function fieldWithRole(endpointId: string, role: 'seed' | 'initImage') {
  const ep = getEndpoint(endpointId);
  if (!ep) return undefined;
  return describeSchema(ep.schema).find((f) => (role === 'seed' ? f.kind === 'seed' : f.kind === 'image' && !f.mask))?.name;
}

export default function GalleryRoute({ onPreset }: { onPreset(p: Omit<Preset, 'nonce'>): void }) {
  const sendImage = async (blob: Blob, job: JobRecord, kind: EndpointKind) => {
    const ep = endpointOfKind(job, kind);
    const field = ep && fieldWithRole(ep.id, 'initImage');
    if (!ep || !field) return;
    onPreset({ endpointId: ep.id, values: { [field]: await blobToDataUrl(blob) }, merge: true });
  };
  return (
    <GalleryView
      onReuseParams={(job) => void loadParams(job).then((values) => onPreset({ endpointId: job.endpointId, values, merge: false }))}
      onReuseSeed={(job, seed) => {
        const field = fieldWithRole(job.endpointId, 'seed');
        if (field) onPreset({ endpointId: job.endpointId, values: { [field]: seed }, merge: true });
      }}
      onUseAsInit={({ blob, job }) => void sendImage(blob, job, 'img2img')}
      onSendToInpaint={({ blob, job }) => void sendImage(blob, job, 'inpaint')}
    />
  );
}
