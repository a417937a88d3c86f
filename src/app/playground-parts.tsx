/**
 * The playground's parts that read form values: each subscribes with
 * `useWatch` to what it needs, so typing re-renders only them.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import type { MutableRefObject } from 'react';
import { useWatch } from 'react-hook-form';
import type { Control, FieldValues } from 'react-hook-form';
import type { Route } from '../api/route';
import { RequestPanel } from '../features/jobs/request-panel';
import type { EndpointDef, HttpRequest, KeyLocation } from '../providers/types';
import { createDraftSaver } from './drafts';
import { LazyImageEditor } from './lazy-canvas';
import { getWorkspace, updateWorkspace, useWorkspace } from '../job-store/workspace';
import type { Workspace } from '../job-store/workspace';
import { isImageRef } from '../providers/shared/image-ref';
import { describeSchema } from '../providers/fields/describe';

/** The largest side of a kept original (the canvas feature's limit; repeated so the first page need not load the canvas). */
const MAX_ORIGINAL_SIDE = 8192;
import { useRequestPreview } from './use-request-preview';

/** Saves the endpoint's draft when typing pauses; flushes when the form goes. */
export function DraftAutosave({ control, endpointId }: { control: Control<FieldValues>; endpointId: string }) {
  const values = useWatch({ control }) as Record<string, unknown>;
  const saver = useRef(createDraftSaver());
  useEffect(() => saver.current.schedule(endpointId, values), [endpointId, values]);
  useEffect(() => {
    const s = saver.current;
    addEventListener('pagehide', s.flush);
    return () => {
      removeEventListener('pagehide', s.flush);
      s.flush();
    };
  }, []);
  return null;
}

/** Exports a pending mask now and gives the values Generate must send (the mask on screen). */
export type CanvasFlush = () => Promise<Record<string, unknown>>;

/**
 * The canvas, bound to the form's image and mask fields and to the workspace: the one init
 * image and mask every img2img and inpainting endpoint shares (`job-store/workspace.ts`).
 * On mount the workspace's image and mask go into this endpoint's form; afterwards whatever
 * the canvas or the form (a reuse) puts there becomes the workspace's.
 */
export function PlaygroundCanvas(props: {
  control: Control<FieldValues>;
  imageField: string;
  maskField?: string;
  onChange(values: Record<string, unknown>): void;
  flushRef?: MutableRefObject<CanvasFlush | undefined>;
}) {
  const { control, imageField, maskField, onChange, flushRef } = props;
  const [image, mask] = useWatch({ control, name: [imageField, maskField ?? imageField] }) as unknown[];
  const workspace = useWorkspace();
  const seen = useRef<{ image: unknown; mask: unknown }>(undefined);
  const reported = useRef<Record<string, unknown>>(undefined);
  const panelFlush = useRef<() => Promise<void>>(undefined);

  useEffect(() => {
    const ws = getWorkspace();
    if (!seen.current) {
      // Mount: the workspace wins over what this endpoint's draft held.
      seen.current = { image, mask };
      // A local image or mask in the form that is not the workspace's is a stale draft's; a link typed in stays.
      const values: Record<string, unknown> = {};
      if (image !== ws.image && (ws.image || isImageRef(image))) values[imageField] = ws.image;
      if (maskField && mask !== ws.mask && (ws.mask || isImageRef(mask))) values[maskField] = ws.mask;
      if (Object.keys(values).length) onChange(values);
      return;
    }
    const before = seen.current;
    seen.current = { image, mask };
    const patch: Partial<Workspace> = {};
    if (image !== before.image && (isImageRef(image) || image === undefined || image === '')) patch.image = isImageRef(image) ? image : undefined;
    if (maskField && mask !== before.mask && (isImageRef(mask) || !mask)) patch.mask = isImageRef(mask) ? mask : undefined;
    if (Object.keys(patch).length) updateWorkspace(patch);
  }, [image, mask, imageField, maskField, onChange]);

  const onFlushReady = useCallback((f: () => Promise<void>) => {
    panelFlush.current = f;
  }, []);
  useEffect(() => {
    if (!flushRef) return;
    flushRef.current = async () => {
      reported.current = undefined;
      await panelFlush.current?.();
      return reported.current ?? {};
    };
    return () => {
      flushRef.current = undefined;
    };
  }, [flushRef]);

  const shownImage = typeof image === 'string' && image ? image : workspace.image;
  return (
    <LazyImageEditor
      initImage={shownImage}
      onInitImageChange={(img) => onChange({ [imageField]: img })}
      maskEnabled={!!maskField}
      inpaintControls={!!maskField}
      mask={maskField && typeof mask === 'string' ? mask : undefined}
      onMaskChange={(m) => {
        if (!maskField) return;
        reported.current = { [maskField]: m };
        onChange({ [maskField]: m });
      }}
      onFlushReady={onFlushReady}
      maxSide={MAX_ORIGINAL_SIDE}
    />
  );
}

/** Images a preset (gallery "Use as init", "Send to inpaint", "Reuse") brings become the workspace's. */
export function adoptPresetImages(endpoint: EndpointDef, values: Record<string, unknown>) {
  const fields = describeSchema(endpoint.schema);
  const image = fields.find((f) => f.role === 'initImage')?.name;
  const mask = fields.find((f) => f.role === 'mask')?.name;
  const patch: Partial<Workspace> = {};
  if (image && isImageRef(values[image])) patch.image = values[image];
  if (mask && isImageRef(values[mask])) patch.mask = values[mask];
  if (Object.keys(patch).length) updateWorkspace(patch);
}

/** The request the form would send (or the one the shown job sent), with copy as code. */
export function PlaygroundRequest(props: {
  control: Control<FieldValues>;
  endpoint: EndpointDef;
  route: Route | undefined;
  sentRequest: HttpRequest | undefined;
  keyLocation: KeyLocation;
}) {
  const { control, endpoint, route, sentRequest, keyLocation } = props;
  const watched = useWatch({ control }) as Record<string, unknown>;
  // The preview may lag a key behind the field: typing stays first.
  const values = useDeferredValue(watched);
  const valuesCopy = useMemo(() => ({ ...values }), [values]);
  const preview = useRequestPreview(endpoint, valuesCopy, route);
  const shown = sentRequest ?? preview.request;
  return (
    <>
      <RequestPanel request={shown} keyLocation={keyLocation} title={sentRequest ? 'Request as sent' : 'Request preview'} />
      {preview.invalid && !sentRequest && <p className="text-xs text-zinc-500">The preview waits for valid parameters.</p>}
    </>
  );
}
