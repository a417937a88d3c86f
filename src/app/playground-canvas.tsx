/**
 * The playground's canvas and its tie to the workspace, loaded with the first image endpoint
 * (not on the first page).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { MutableRefObject } from 'react';
import { useWatch } from 'react-hook-form';
import type { Control, FieldValues } from 'react-hook-form';
import { getWorkspace, updateWorkspace, useWorkspace } from '../job-store/workspace';
import { MAX_ORIGINAL_SIDE } from '../lib/inpaint/size-rules';
import { releaseKeptPictures } from '../lib/inpaint/blob-client';
import type { Workspace } from '../job-store/workspace';
import { describeSchema } from '../providers/fields/describe';
import { isImageRef } from '../providers/shared/image-ref';
import type { EndpointDef } from '../providers/types';
import type { CanvasFlush } from './canvas-flush';
import { LazyImageEditor } from './lazy-canvas';

/** The largest side of a kept original (the canvas feature's limit). */

/** Exports a pending mask now and gives the values Generate must send (the mask on screen). */

/**
 * The canvas, bound to the form's image and mask fields and to the workspace: the one init
 * image and mask every img2img and inpainting endpoint shares (`job-store/workspace.ts`).
 * On mount the workspace's image and mask go into this endpoint's form; afterwards whatever
 * the canvas or the form (a reuse) puts there becomes the workspace's.
 */
export default function PlaygroundCanvas(props: {
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
    // A mask put into the form from elsewhere is the one on screen now, not the last one exported.
    if (maskField && reported.current && mask !== before.mask && mask !== reported.current[maskField]) reported.current = undefined;
    const patch: Partial<Workspace> = {};
    if (image !== before.image && (isImageRef(image) || image === undefined || image === '')) patch.image = isImageRef(image) ? image : undefined;
    if (maskField && mask !== before.mask && (isImageRef(mask) || !mask)) patch.mask = isImageRef(mask) ? mask : undefined;
    if (Object.keys(patch).length) updateWorkspace(patch);
    // The picture is gone: the image Worker frees the decoded copy it kept for the jobs.
    if ('image' in patch && !patch.image) void releaseKeptPictures();
  }, [image, mask, imageField, maskField, onChange]);

  const onFlushReady = useCallback((f: () => Promise<void>) => {
    panelFlush.current = f;
  }, []);
  useEffect(() => {
    if (!flushRef) return;
    flushRef.current = async () => {
      await panelFlush.current?.();
      // The mask on screen, whether this flush exported it or an export just before did (its value
      // may not have reached the form yet): Generate writes it into the form before validating.
      return { values: reported.current ?? {}, inpaint: getWorkspace().inpaint };
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

/** Images a preset (gallery and result cards' "Send to img2img", "Send to inpaint", "Reuse") brings become the workspace's. */
export function adoptPresetImages(endpoint: EndpointDef, values: Record<string, unknown>) {
  const fields = describeSchema(endpoint.schema);
  const image = fields.find((f) => f.role === 'initImage')?.name;
  const mask = fields.find((f) => f.role === 'mask')?.name;
  const patch: Partial<Workspace> = {};
  if (image && isImageRef(values[image])) patch.image = values[image];
  if (mask && isImageRef(values[mask])) patch.mask = values[mask];
  if (Object.keys(patch).length) updateWorkspace(patch);
}

