/**
 * A gallery export's zip, read under the caps of `zip-read.ts`: the manifest first (checked to be
 * this app's export, of a version this app reads), then only the entries it names. Pure: the
 * Worker (`zip-worker.ts`) runs it off the main thread, and tests run it in place.
 */
import { strFromU8 } from 'fflate';
import { zipReader } from './zip-read';
import type { ZipLimits } from './zip-read';

/** Kept in step with gallery-export.ts (not imported: the Worker stays small). */
const MANIFEST_NAME = 'manifest.json';
const MANIFEST_VERSION = 1;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface GalleryZip {
  /** The parsed manifest (its fields still to be checked one by one by the importer). */
  manifest: Record<string, unknown>;
  /** The entries the manifest names, inflated. */
  files: Record<string, Uint8Array>;
}

export function readGalleryZip(bytes: Uint8Array, name: string, limits?: ZipLimits): GalleryZip {
  const zip = zipReader(bytes, limits);
  const manifestBytes = zip.read((entry) => entry === MANIFEST_NAME)[MANIFEST_NAME];
  if (!manifestBytes) throw new Error(`${name} has no ${MANIFEST_NAME}: not a gallery export`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes));
  } catch {
    throw new Error(`${name}: its ${MANIFEST_NAME} is not JSON`);
  }
  if (!isObject(manifest) || manifest.app !== 'image-api-playground' || manifest.kind !== 'gallery-export') throw new Error(`${name}: not a gallery export of this app`);
  if (typeof manifest.version !== 'number' || manifest.version > MANIFEST_VERSION) {
    throw new Error(`${name} was written by a newer version of the app (manifest version ${String(manifest.version)})`);
  }
  const images = isObject(manifest.images) ? Object.values(manifest.images) : [];
  const inputs = isObject(manifest.inputs) ? Object.values(manifest.inputs) : [];
  const named = new Set<unknown>([
    ...images.flatMap((e) => (isObject(e) ? [e.file, e.original, e.thumb] : [])),
    ...inputs.map((e) => (isObject(e) ? e.file : undefined)),
  ]);
  return { manifest, files: zip.read((entry) => named.has(entry)) };
}
