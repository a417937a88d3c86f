import type { JobRecord } from '../job-store/job-record';
import { redactRequest } from '../providers/redact';
import { basicAuth } from '../providers/shared/request';
import type { HttpRequest, KeyLocation, RequestBody } from '../providers/types';

/** The stored (redacted) request of a job as an HttpRequest; with `key`, the key put back for "include my key". */
export function jobToRequest(job: JobRecord, loc: KeyLocation, key?: string): HttpRequest | undefined {
  const r = job.request;
  if (!r) return undefined;
  const req: HttpRequest = { method: r.method === 'GET' ? 'GET' : 'POST', url: r.url, headers: r.headers, body: r.body as RequestBody };
  // Basic auth carries base64(user:password), not the key as typed.
  return key ? redactRequest(req, loc, loc.in === 'basic' ? basicAuth(key).slice('Basic '.length) : key) : req;
}
