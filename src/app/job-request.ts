import type { JobRecord } from '../features/gallery/job-record';
import { redactRequest } from '../providers/redact';
import type { HttpRequest, KeyLocation, RequestBody } from '../providers/types';

/** The stored (redacted) request of a job as an HttpRequest; with `key`, the key put back for "include my key". */
export function jobToRequest(job: JobRecord, loc: KeyLocation, key?: string): HttpRequest | undefined {
  const r = job.request;
  if (!r) return undefined;
  const req: HttpRequest = { method: r.method === 'GET' ? 'GET' : 'POST', url: r.url, headers: r.headers, body: r.body as RequestBody };
  return key ? redactRequest(req, loc, key) : req;
}
