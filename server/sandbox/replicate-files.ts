/**
 * Replicate's Files API in the twin (providers.md R4): `POST /v1/files` (multipart, the bytes as
 * `content`, optional `metadata` JSON) answers 201 with the file object and its `urls.get`; `GET
 * /v1/files` lists them (newest first), `GET /v1/files/{id}` gives one. A prediction input naming
 * a file's `urls.get` reads its bytes here, as Replicate reads its own files. Files expire after
 * 24 h; over 100 MB is a 413 (the sandbox reads no body over 60 MB: that 413 comes first).
 * Independent of src/.
 */
import { createHash, randomBytes } from 'node:crypto';
import { json, mediaType } from './http';
import type { Reply, TwinRequest } from './http';

export interface StoredUpload {
  id: string;
  name: string;
  contentType: string;
  bytes: Uint8Array;
  metadata: Record<string, unknown>;
  createdAt: number;
  expiresAt: number;
}

export type UploadStore = Map<string, StoredUpload>;

const PREFIX = '/sandbox/replicate';
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
const LIFETIME_MS = 24 * 60 * 60 * 1000;
/** The twin keeps this many uploads (oldest out first). */
const MAX_FILES = 100;

const problem = (status: number, title: string, detail: string) => json(status, { title, detail, status });

function fileView(f: StoredUpload, origin: string): Record<string, unknown> {
  const hash = (algo: string) => createHash(algo).update(f.bytes).digest('hex');
  return {
    id: f.id,
    name: f.name,
    content_type: f.contentType,
    size: f.bytes.byteLength,
    etag: `"${hash('md5')}"`,
    checksums: { sha256: hash('sha256'), md5: hash('md5') },
    metadata: f.metadata,
    created_at: new Date(f.createdAt).toISOString(),
    expires_at: new Date(f.expiresAt).toISOString(),
    urls: { get: `${origin}${PREFIX}/v1/files/${f.id}` },
  };
}

async function create(files: UploadStore, req: TwinRequest): Promise<Reply> {
  if (mediaType(req.headers) !== 'multipart/form-data') return problem(400, 'Bad Request', 'Send the file as multipart/form-data, its bytes in the part "content".');
  if (req.body.byteLength > MAX_FILE_BYTES) return problem(413, 'Request Entity Too Large', 'The file is larger than 100 MB.');
  let form: FormData;
  try {
    form = await new Request('http://sandbox.invalid/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body: new Uint8Array(req.body) }).formData();
  } catch {
    return problem(400, 'Bad Request', 'The multipart body could not be parsed.');
  }
  const content = form.get('content');
  if (!content || typeof content === 'string') return problem(400, 'Bad Request', 'The part "content" (the file) is missing.');
  let metadata: Record<string, unknown> = {};
  const meta = form.get('metadata');
  if (meta !== null) {
    try {
      const parsed: unknown = JSON.parse(typeof meta === 'string' ? meta : await meta.text());
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      metadata = parsed as Record<string, unknown>;
    } catch {
      return problem(400, 'Bad Request', 'metadata must be a JSON object.');
    }
  }
  const now = Date.now();
  const upload: StoredUpload = {
    id: randomBytes(12).toString('hex'),
    name: (content.name || 'file').slice(0, 200),
    contentType: content.type || 'application/octet-stream',
    bytes: new Uint8Array(await content.arrayBuffer()),
    metadata,
    createdAt: now,
    expiresAt: now + LIFETIME_MS,
  };
  files.set(upload.id, upload);
  for (const [oldest] of files) {
    if (files.size <= MAX_FILES) break;
    files.delete(oldest);
  }
  return json(201, fileView(upload, req.origin));
}

function live(files: UploadStore, id: string, now = Date.now()): StoredUpload | undefined {
  const f = files.get(id);
  if (f && f.expiresAt <= now) files.delete(id);
  return f && f.expiresAt > now ? f : undefined;
}

/** `/v1/files…` of the Replicate twin (after its key check); undefined when the path is not one of them. */
export function handleFiles(files: UploadStore, req: TwinRequest, path: string): Reply | Promise<Reply> | undefined {
  if (path === '/v1/files') {
    if (req.method === 'POST') return create(files, req);
    if (req.method === 'GET') {
      const results = [...files.values()].filter((f) => live(files, f.id)).reverse().map((f) => fileView(f, req.origin));
      return json(200, { next: null, previous: null, results });
    }
    return problem(405, 'Method Not Allowed', 'Use GET or POST.');
  }
  const m = /^\/v1\/files\/([a-z0-9]+)$/.exec(path);
  if (!m) return undefined;
  if (req.method !== 'GET') return problem(405, 'Method Not Allowed', 'Use GET.');
  const f = live(files, m[1]!);
  return f ? json(200, fileView(f, req.origin)) : problem(404, 'Not found', 'The requested file does not exist');
}

/**
 * The bytes of a prediction input that names one of this twin's files (its `urls.get`), whatever
 * host the page used; undefined when the value is not such a URL. An unknown or expired file is an
 * error, as Replicate cannot read it either.
 */
export function uploadedBytes(files: UploadStore, value: unknown): Uint8Array | undefined | Error {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const m = new RegExp(`^${PREFIX}/v1/files/([a-z0-9]+)$`).exec(url.pathname);
  if (!m || !/^https?:$/.test(url.protocol)) return undefined;
  const f = live(files, m[1]!);
  return f ? f.bytes : new Error(`the file ${m[1]} does not exist or has expired`);
}
