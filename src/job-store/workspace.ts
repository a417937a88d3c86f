/**
 * The workspace: one init image and one mask shared by every img2img and inpainting endpoint
 * of every provider and by Compare, and the "Inpaint area" settings. The images are Blobs in
 * IndexedDB (`local-images.ts`), kept at full resolution; this module holds their references
 * (small strings) in localStorage, so the workspace survives a reload. Each endpoint gets the
 * image through its own adapter when a request is built (`inpaint-job.ts`).
 */
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { isImageRef, parseImageRef } from '../providers/shared/image-ref';
import { pinLocalImages } from './local-images';
import { persisted } from '../lib/persisted';

const KEY = 'playground.workspace';
export const DEFAULT_PADDING = 32;
export const DEFAULT_MASK_BLUR = 4;

export const inpaintSettingsSchema = z.object({
  /** "Inpaint area": "Whole picture" or "Only masked", as A1111 names them. */
  area: z.enum(['whole', 'masked']).catch('whole'),
  /** "Only masked padding", pixels of the original. */
  padding: z.number().int().min(0).max(1024).catch(DEFAULT_PADDING),
  /** "Mask blur", pixels of the original. */
  maskBlur: z.number().min(0).max(64).catch(DEFAULT_MASK_BLUR),
});
export type InpaintSettings = z.infer<typeof inpaintSettingsSchema>;

const workspaceSchema = z.object({
  image: z.string().refine((v) => isImageRef(v)).optional().catch(undefined),
  mask: z.string().refine((v) => isImageRef(v)).optional().catch(undefined),
  inpaint: inpaintSettingsSchema.catch({ area: 'whole', padding: DEFAULT_PADDING, maskBlur: DEFAULT_MASK_BLUR }),
});
export interface Workspace {
  /** Local image references (`local-image:…`) of the full-size init image and its mask. */
  image?: string;
  mask?: string;
  inpaint: InpaintSettings;
}

const EMPTY: Workspace = { inpaint: { area: 'whole', padding: DEFAULT_PADDING, maskBlur: DEFAULT_MASK_BLUR } };

// Earlier builds stored the same object without a version (version 0).
const stored = persisted<Workspace>(KEY, workspaceSchema, 1, { 0: (old) => old }, { label: 'the init image and mask of the canvas' });

function read(): Workspace {
  return stored.load() ?? EMPTY;
}

let current: Workspace = read();
const listeners = new Set<() => void>();

function pin(w: Workspace) {
  pinLocalImages([w.image, w.mask].map((r) => (r ? parseImageRef(r)?.id : undefined)).filter((id): id is string => !!id));
}
pin(current);

export function getWorkspace(): Workspace {
  return current;
}

/** Changes the workspace; a new image (of another size) drops the mask unless one is given. */
export function updateWorkspace(patch: Partial<Workspace>) {
  const next: Workspace = { ...current, ...patch, inpaint: { ...current.inpaint, ...patch.inpaint } };
  if ('image' in patch && patch.image !== current.image && !('mask' in patch)) {
    const a = patch.image ? parseImageRef(patch.image) : undefined;
    const m = current.mask ? parseImageRef(current.mask) : undefined;
    if (!a || !m || a.width !== m.width || a.height !== m.height) next.mask = undefined;
  }
  if (next.image === current.image && next.mask === current.mask && JSON.stringify(next.inpaint) === JSON.stringify(current.inpaint)) return;
  current = next;
  pin(current);
  // Full storage: the workspace lives for this page.
  stored.save(current);
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== KEY) return;
    current = read();
    listener();
  };
  addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    removeEventListener('storage', onStorage);
  };
}

export function useWorkspace(): Workspace {
  return useSyncExternalStore(subscribe, getWorkspace);
}
