/**
 * The canvas, speaking the form's language: the form holds a local image as a
 * reference to a Blob (`job-store/local-images.ts`), or an http(s) link; the
 * canvas works on image sources it can decode. This bridge turns what the
 * canvas produces into references (once per image or stroke, not per key) and
 * references back into sources the canvas knows, its own when it made them.
 * Loaded lazily with the canvas (`lazy-canvas.tsx`).
 */
import { useEffect, useRef, useState } from 'react';
import type { CanvasPanelProps } from '../features/canvas/canvas-panel';
import { dataUrlToBlob } from '../lib/data-url';
import { localImageUrl, putLocalImage } from '../job-store/local-images';
import { rememberMaskBox } from '../lib/inpaint/mask-hints';
import { readMaskAhead } from '../lib/inpaint/blob-client';
import { isImageRef, parseImageRef } from '../providers/shared/image-ref';
import CanvasPanel from '../features/canvas/canvas-panel';

/** How many canvas sources are remembered against their references. */
const REMEMBER = 16;

export type ImageEditorBridgeProps = Omit<CanvasPanelProps, 'onInitImageChange' | 'onMaskChange'> & {
  onInitImageChange(value: string | undefined): void;
  onMaskChange(value: string | undefined): void;
};

/** A reference's source for the canvas: the one it made, or an object URL of the stored Blob (async). */
function useCanvasSource(value: string | undefined, known: Map<string, string>): string | undefined {
  const [loaded, setLoaded] = useState<{ ref: string; src: string }>();
  const own = value && isImageRef(value) ? known.get(value) : undefined;
  useEffect(() => {
    if (!value || !isImageRef(value) || known.has(value)) return;
    let cancelled = false;
    void localImageUrl(value).then((src) => {
      if (!cancelled && src) setLoaded({ ref: value, src });
    });
    return () => {
      cancelled = true;
    };
  }, [value, known]);
  if (!value) return undefined;
  if (!isImageRef(value)) return value;
  return own ?? (loaded?.ref === value ? loaded.src : undefined);
}

export default function ImageEditorBridge(props: ImageEditorBridgeProps) {
  const [known] = useState(() => new Map<string, string>());
  /** Object URLs made here for masks: revoked once forgotten (a mask is exported after every stroke). */
  const [maskUrls] = useState(() => new Set<string>());
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  const remember = (ref: string, src: string) => {
    known.set(ref, src);
    if (known.size <= REMEMBER) return;
    const oldest = known.keys().next().value!;
    const url = known.get(oldest)!;
    known.delete(oldest);
    // Forgotten, it is never handed back: a reference the form gives again is read from the store.
    if (maskUrls.delete(url)) URL.revokeObjectURL(url);
  };
  /** A Blob or data URL from the canvas becomes a stored Blob and its reference; links pass through. */
  const toFormValue = (src: string | Blob | undefined, size?: { width: number; height: number }) => {
    if (src instanceof Blob) {
      const ref = putLocalImage(src, size ?? { width: 0, height: 0 });
      remember(ref, URL.createObjectURL(src));
      return ref;
    }
    if (!src || !src.startsWith('data:')) return src;
    const blob = dataUrlToBlob(src);
    const ref = putLocalImage(blob, size ?? { width: 0, height: 0 });
    remember(ref, src);
    return ref;
  };
  const initImage = useCanvasSource(props.initImage, known);
  const mask = useCanvasSource(props.mask, known);
  const maskSize = useRef<{ width: number; height: number }>(undefined);
  return (
    <CanvasPanel
      initImage={initImage}
      maskEnabled={props.maskEnabled}
      mask={mask}
      maxSide={props.maxSide}
      multipleOf={props.multipleOf}
      onFlushReady={props.onFlushReady}
      inpaintControls={props.inpaintControls}
      onInitImageChange={(src, info) => {
        if (info) maskSize.current = { width: info.width, height: info.height };
        const value = toFormValue(src, info);
        latest.current.onInitImageChange(value);
        // What the canvas gets back as initImage: its own source for a reference it made.
        return value && isImageRef(value) ? known.get(value) : value;
      }}
      onMaskChange={(blob, box, pixels) => {
        if (!blob) {
          latest.current.onMaskChange(undefined);
          return;
        }
        // The mask is at the init image's size.
        const size = maskSize.current ?? parseImageRef(latest.current.initImage ?? '');
        const ref = putLocalImage(blob, size ?? { width: 0, height: 0 });
        const url = URL.createObjectURL(blob);
        maskUrls.add(url);
        remember(ref, url);
        // The form holds the stored mask's reference: prepare finds the painted box by it, read ahead by the image Worker.
        if (box !== undefined) {
          rememberMaskBox(ref, box);
          if (size) readMaskAhead(blob, size, box, pixels);
        }
        latest.current.onMaskChange(ref);
        return url;
      }}
    />
  );
}
