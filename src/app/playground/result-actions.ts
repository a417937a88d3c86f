/**
 * What a playground result card does with an image: send it to an img2img or inpainting endpoint,
 * reuse its parameters or seed (Download is the card's own). The gallery's detail dialog does the same
 * (`gallery-route.tsx`); both go through a preset into the playground's form.
 */
import type { ResultActions } from '../../features/jobs/job-card';
import type { JobRecord } from '../../job-store/job-record';
import { adoptDataUrls, putLocalImage } from '../../job-store/local-images';
import { galleryStore, loadParams } from '../../job-store/store';
import { describeSchema } from '../../providers/fields/describe';
import { carryOver } from '../../providers/mapping/carry-over';
import { endpointsOfKind, getEndpoint, getProvider } from '../../providers/registry';
import type { EndpointKind } from '../../providers/types';
import type { Preset } from '../preset';

type PushPreset = (p: Omit<Preset, 'nonce'>) => void;

function endpointOfKind(job: JobRecord, kind: EndpointKind) {
  return getProvider(job.provider)?.endpoints.find((e) => e.kind === kind) ?? endpointsOfKind(kind)[0];
}

function seedFieldOf(endpointId: string) {
  const ep = getEndpoint(endpointId);
  return ep ? describeSchema(ep.schema).find((f) => f.kind === 'seed') : undefined;
}

function initFieldOf(endpointId: string) {
  const ep = getEndpoint(endpointId);
  return ep ? describeSchema(ep.schema).find((f) => f.kind === 'image' && !f.mask)?.name : undefined;
}

async function blobOf(imageId: string): Promise<Blob> {
  const blob = await galleryStore().getImageBlob(imageId);
  if (!blob) throw new Error('this image is not in storage any more');
  return blob;
}

/** The actions; this module loads on the first one used (it is not needed for the first page). */
export function resultActions(push: PushPreset, onProblem: (message: string) => void): ResultActions {
  const fail = (what: string) => (e: unknown) => onProblem(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  return {
    onSendTo(job, image, kind) {
      const ep = endpointOfKind(job, kind);
      const field = ep && initFieldOf(ep.id);
      if (!ep || !field) return onProblem(`No ${kind} endpoint takes an init image.`);
      // The image goes to the form as a reference to its Blob, never as a data URL; the result's prompts follow it.
      const from = getEndpoint(job.endpointId);
      Promise.all([blobOf(image.id), loadParams(job).catch(() => ({}))]).then(
        ([blob, params]) => push({ endpointId: ep.id, values: { ...(from ? carryOver(from, params, ep) : {}), [field]: putLocalImage(blob) }, merge: true }),
        fail('The image could not be read'),
      );
    },
    onReuseParams(job) {
      loadParams(job)
        .then(adoptDataUrls)
        .then((values) => push({ endpointId: job.endpointId, values, merge: false }), fail('The parameters could not be read'));
    },
    onReuseSeed(job, seed) {
      const field = seedFieldOf(job.endpointId)?.name;
      if (field) push({ endpointId: job.endpointId, values: { [field]: seed }, merge: true });
    },
  };
}

