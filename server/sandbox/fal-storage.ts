/**
 * fal's storage in the twin (providers.md F4), two hosts as two prefixes: `fal-rest` for
 * rest.fal.ai (`POST /storage/upload/initiate?storage_type=fal-cdn-v3` with `{content_type,
 * file_name}` and the Key header answers `{upload_url, file_url}`) and `fal-cdn` for the host the
 * `upload_url` names (`PUT` the bytes there, without the key). The real upload host is not
 * documented: the twin's is a signed, single-use URL valid for an hour that refuses an
 * Authorization header (signed URLs take no second credential) and another Content-Type than the
 * one initiated. Once PUT, the file is served at its `file_url` (under /sandbox/files/, where the
 * twins' outputs are, as fal's are on fal.media) and the queue twin reads it from there.
 * `GET /sandbox/fal-rest/_control` lists the uploads. Independent of src/.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { header, json, mediaType } from './http';
import type { Reply, TwinRequest } from './http';
import { defineTwin } from './twin';
import type { Twin } from './twin';

const REST = '/sandbox/fal-rest';
const CDN = '/sandbox/fal-cdn';
const UPLOAD_TTL_MS = 60 * 60 * 1000;
const MAX_PENDING = 200;
/** What the sandbox's file store keeps: PNG and JPEG (fal takes any file; the twin's store does not). */
const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg' };

interface Pending {
  name: string;
  fileName: string;
  contentType: string;
  fileUrl: string;
  expiresAt: number;
}

interface Uploaded {
  file_name: string;
  content_type: string;
  size: number;
  file_url: string;
  uploaded_at: string;
}

interface StorageState {
  pending: Map<string, Pending>;
  uploads: Uploaded[];
}

/** One per sandbox instance, shared by both prefixes: an upload is initiated on one host and completed on the other. */
const states = new WeakMap<Twin, StorageState>();
function stateOf(twin: Twin): StorageState {
  let state = states.get(twin);
  if (!state) states.set(twin, (state = { pending: new Map(), uploads: [] }));
  return state;
}

const detail = (status: number, text: string) => json(status, { detail: text });

function initiate(shared: StorageState, req: TwinRequest): Reply {
  const m = /^Key\s+(\S+)$/i.exec(header(req.headers, 'authorization')?.trim() ?? '');
  if (!m) return detail(401, 'Missing credentials: send Authorization: Key <key_id:key_secret>.');
  if (m[1] === 'invalid') return detail(401, 'No user found for Key ID and Secret');
  const storage = new URLSearchParams(req.query ?? '').get('storage_type');
  if (storage !== null && storage !== 'fal-cdn-v3') return json(422, { detail: [{ loc: ['query', 'storage_type'], msg: `unknown storage type ${storage.slice(0, 40)}`, type: 'value_error' }] });
  if (mediaType(req.headers) !== 'application/json') return json(422, { detail: [{ loc: ['body'], msg: 'Send a JSON body with Content-Type: application/json.', type: 'type_error' }] });
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch {
    return json(422, { detail: [{ loc: ['body'], msg: 'The body is not JSON.', type: 'value_error.jsondecode' }] });
  }
  const b = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  if (typeof b.content_type !== 'string') return json(422, { detail: [{ loc: ['body', 'content_type'], msg: 'field required', type: 'value_error.missing' }] });
  const ext = EXTENSIONS[b.content_type.toLowerCase()];
  if (!ext) return json(422, { detail: [{ loc: ['body', 'content_type'], msg: 'the sandbox stores PNG and JPEG files only', type: 'value_error' }] });
  const token = randomBytes(18).toString('base64url');
  const name = `${randomUUID()}.${ext}`;
  const fileUrl = `${req.origin}/sandbox/files/${name}`;
  shared.pending.set(token, { name, fileName: typeof b.file_name === 'string' ? b.file_name.slice(0, 200) : name, contentType: b.content_type.toLowerCase(), fileUrl, expiresAt: Date.now() + UPLOAD_TTL_MS });
  for (const [oldest] of shared.pending) {
    if (shared.pending.size <= MAX_PENDING) break;
    shared.pending.delete(oldest);
  }
  return json(200, { upload_url: `${req.origin}${CDN}/files/upload/${token}`, file_url: fileUrl });
}

function control(shared: StorageState, req: TwinRequest, path: string): Reply {
  if (path === '/_control/reset' && req.method === 'POST') reset(shared);
  else if (path !== '/_control' || req.method !== 'GET') return json(405, { error: 'Use GET /sandbox/fal-rest/_control, POST …/_control/reset.' });
  return json(200, { uploads: shared.uploads }, { 'cache-control': 'no-store' });
}

function reset(shared: StorageState) {
  shared.pending.clear();
  shared.uploads.length = 0;
}

function handleRest(twin: Twin, req: TwinRequest): Reply {
  const shared = stateOf(twin);
  const path = req.path.slice(REST.length).replace(/\/+$/, '');
  if (path.startsWith('/_control')) return control(shared, req, path);
  if (path === '/storage/upload/initiate') return req.method === 'POST' ? initiate(shared, req) : detail(405, 'Use POST.');
  return detail(404, `Not found: ${path || '/'}`);
}

/** A signed URL's refusals are XML in the clouds fal uses; the twin says the same in JSON. */
function handleCdn(twin: Twin, req: TwinRequest): Reply {
  const m = /^\/files\/upload\/([\w-]{20,40})$/.exec(req.path.slice(CDN.length));
  if (!m) return detail(404, 'Not found');
  if (req.method !== 'PUT') return detail(405, 'Use PUT to upload.');
  const shared = stateOf(twin);
  const pending = shared.pending.get(m[1]!);
  if (!pending || pending.expiresAt <= Date.now()) return detail(403, 'The upload URL is unknown, used or expired.');
  if (header(req.headers, 'authorization') !== undefined) return detail(400, 'The upload URL is signed: send no Authorization header.');
  if (mediaType(req.headers) !== pending.contentType) return detail(403, `The Content-Type must be ${pending.contentType}, as initiated.`);
  if (req.body.byteLength === 0) return detail(400, 'The body is empty.');
  shared.pending.delete(m[1]!);
  twin.files.put(pending.name, new Uint8Array(req.body));
  shared.uploads.push({ file_name: pending.fileName, content_type: pending.contentType, size: req.body.byteLength, file_url: pending.fileUrl, uploaded_at: new Date().toISOString() });
  if (shared.uploads.length > MAX_PENDING) shared.uploads.shift();
  return { status: 200, headers: {}, body: new Uint8Array(0) };
}

export const falRestTwin = defineTwin({
  id: 'fal-rest',
  endpoints: ['POST /sandbox/fal-rest/storage/upload/initiate?storage_type=fal-cdn-v3', 'GET /sandbox/fal-rest/_control', 'POST /sandbox/fal-rest/_control/reset'],
  handle: handleRest,
  reset: (_state: undefined, twin: Twin) => reset(stateOf(twin)),
});

export const falCdnTwin = defineTwin({ id: 'fal-cdn', endpoints: ['PUT /sandbox/fal-cdn/files/upload/{token}'], handle: handleCdn });
