/** A job's prompt and negative prompt, found by the schema's roles (each endpoint names them its own way). */
import type { JobRecord } from '../../job-store/job-record';
import { describeSchema } from '../../providers/fields/describe';
import { getEndpoint } from '../../providers/registry';

const names = new Map<string, { prompt?: string; negative?: string }>();

function promptNames(endpointId: string) {
  let n = names.get(endpointId);
  if (!n) {
    const ep = getEndpoint(endpointId);
    const fields = ep ? describeSchema(ep.schema) : [];
    n = { prompt: fields.find((f) => f.role === 'prompt')?.name, negative: fields.find((f) => f.role === 'negativePrompt')?.name };
    names.set(endpointId, n);
  }
  return n;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function jobPrompts(job: Pick<JobRecord, 'endpointId' | 'params'>): { prompt: string; negative: string } {
  const n = promptNames(job.endpointId);
  return { prompt: n.prompt ? text(job.params[n.prompt]) : '', negative: n.negative ? text(job.params[n.negative]) : '' };
}

/** The start of a prompt, as a tile shows it. */
export function promptStart(prompt: string, max = 60): string {
  const p = prompt.trim().replace(/\s+/g, ' ');
  return p.length > max ? `${p.slice(0, max - 1)}…` : p;
}
