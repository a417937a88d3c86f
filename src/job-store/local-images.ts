/**
 * Local images (init images, masks) as Blobs, referenced by id from the form
 * and the draft (`providers/shared/image-ref.ts`). Held in memory for this page
 * and in IndexedDB so a draft survives a reload; never in localStorage or
 * sessionStorage. Encoded to base64 only when a request is built for sending.
 */
import { openDB } from 'idb';
import type { IDBPDatabase } from 'idb';
import { blobToDataUrl, dataUrlToBlob } from '../lib/data-url';
import { isImageRef, makeImageRef, parseImageRef } from '../providers/shared/image-ref';

const DB_NAME = 'playground-local-images';
const STORE = 'images';
/** Older images than the newest this many are dropped (drafts hold a handful at most). */
const KEEP = 24;

interface Stored {
  id: string;
  blob: Blob;
  at: number;
}

const memory = new Map<string, Blob>();
/** Ids never dropped by the clean-up (the workspace's image and mask). */
const pinned = new Set<string>();

export function pinLocalImages(ids: string[]) {
  pinned.clear();
  for (const id of ids) pinned.add(id);
}
const urls = new Map<string, string>();
let dbPromise: Promise<IDBPDatabase> | undefined;

function db(): Promise<IDBPDatabase> {
  dbPromise ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore(STORE, { keyPath: 'id' }).createIndex('at', 'at');
    },
  });
  return dbPromise;
}

async function persist(entry: Stored) {
  try {
    const d = await db();
    await d.put(STORE, entry);
    const all = await d.getAll(STORE);
    if (all.length <= KEEP) return;
    const oldest = [...all].filter((s: Stored) => !pinned.has(s.id)).sort((a: Stored, b: Stored) => a.at - b.at).slice(0, Math.max(0, all.length - KEEP));
    for (const old of oldest) await d.delete(STORE, old.id);
  } catch {
    // Without IndexedDB the image lives for this page only; the form still holds it.
  }
}

/**
 * Keeps `blob` and returns its reference, at once (the copy in IndexedDB is
 * written in the background). `size`: its pixel size when known, for previews.
 */
export function putLocalImage(blob: Blob, size: { width: number; height: number } = { width: 0, height: 0 }): string {
  const id = crypto.randomUUID();
  memory.set(id, blob);
  void persist({ id, blob, at: Date.now() });
  return makeImageRef({ id, mime: blob.type || 'image/png', width: size.width, height: size.height, bytes: blob.size });
}

export async function getLocalImage(ref: string): Promise<Blob | undefined> {
  const info = parseImageRef(ref);
  if (!info) return undefined;
  const held = memory.get(info.id);
  if (held) return held;
  try {
    const stored = (await (await db()).get(STORE, info.id)) as Stored | undefined;
    if (stored) memory.set(info.id, stored.blob);
    return stored?.blob;
  } catch {
    return undefined;
  }
}

/** An object URL for showing the image (kept for the page's life, one per image). */
export async function localImageUrl(ref: string): Promise<string | undefined> {
  const info = parseImageRef(ref);
  if (!info) return undefined;
  const known = urls.get(info.id);
  if (known) return known;
  const blob = await getLocalImage(ref);
  if (!blob) return undefined;
  const url = URL.createObjectURL(blob);
  urls.set(info.id, url);
  return url;
}

export class MissingImageError extends Error {}

/** The params with every local image reference replaced by its data URL: done only when a request is sent. */
export async function resolveLocalImages(params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (!isImageRef(value)) continue;
    const blob = await getLocalImage(value);
    if (!blob) throw new MissingImageError(`${name}: the local image is no longer available; choose it again.`);
    out[name] = await blobToDataUrl(blob);
  }
  return out;
}

/** A data URL made a local image (a reused job's stored input); anything else unchanged. */
export async function adoptDataUrl(value: unknown): Promise<unknown> {
  if (typeof value !== 'string' || !value.startsWith('data:image/')) return value;
  const blob = dataUrlToBlob(value);
  const size = await imageSize(blob);
  return putLocalImage(blob, size);
}

export async function imageSize(blob: Blob): Promise<{ width: number; height: number }> {
  try {
    const bitmap = await createImageBitmap(blob);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return { width: 0, height: 0 };
  }
}

/** Every data URL in `values` made a local image. */
export async function adoptDataUrls(values: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = await adoptDataUrl(v);
  return out;
}
