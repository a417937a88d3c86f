/**
 * The ways an image comes in: the file picker, a URL, the sample, a paste anywhere on the
 * page while the panel is mounted, and a drop onto the panel. Newest request wins.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { ImageInputError, imageFromFile, imageFromUrl, splitFiles } from './image-source';
import type { FitOptions, LoadedImage } from './image-source';
import { isTextEntry } from './dom-targets';

export const SAMPLE_IMAGE_PATH = 'samples/init-512.png';

export interface ImageInputHandlers {
  onLoaded(image: LoadedImage, how: string): void;
  onError(message: string): void;
}

function message(e: unknown): string {
  if (e instanceof ImageInputError) return e.message;
  return 'Something went wrong while reading the image. Try another file.';
}

export function useImageInput(fit: FitOptions, handlers: ImageInputHandlers) {
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const request = useRef(0);
  const dragDepth = useRef(0);
  const latest = useRef({ fit, handlers });
  useEffect(() => {
    latest.current = { fit, handlers };
  });

  const run = useCallback(async (how: string, load: (fit: FitOptions) => Promise<LoadedImage>) => {
    const id = ++request.current;
    setBusy(true);
    try {
      const loaded = await load(latest.current.fit);
      if (id === request.current) latest.current.handlers.onLoaded(loaded, how);
    } catch (e) {
      if (id === request.current) latest.current.handlers.onError(message(e));
    } finally {
      if (id === request.current) setBusy(false);
    }
  }, []);

  const loadFiles = useCallback(
    (files: Iterable<File>, how: string) => {
      const list = [...files];
      const { images, others } = splitFiles(list);
      const first = images[0] ?? list.find((f) => !f.type);
      if (first) return void run(how, (f) => imageFromFile(first, f));
      const other = others[0];
      latest.current.handlers.onError(
        other ? `“${other.name}” isn't an image${other.type ? ` (${other.type})` : ''}. Choose a PNG, JPEG, WebP or GIF file.` : 'Nothing to load.',
      );
    },
    [run],
  );

  const loadUrl = useCallback((text: string, how = 'Loaded from URL') => void run(how, (f) => imageFromUrl(text, f)), [run]);

  const loadSample = useCallback(
    () => void run('Loaded the sample image', (f) => imageFromUrl(`${import.meta.env.BASE_URL}${SAMPLE_IMAGE_PATH}`, f)),
    [run],
  );

  // Paste anywhere while the panel is mounted: image files win; a pasted http(s) URL loads
  // too unless it is being pasted into a text field.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const data = e.clipboardData;
      if (!data) return;
      const files = [...data.items].filter((i) => i.kind === 'file').map((i) => i.getAsFile()).filter((f): f is File => !!f);
      if (files.length) {
        const { images } = splitFiles(files);
        if (!images.length && isTextEntry(e.target)) return;
        e.preventDefault();
        loadFiles(files, 'Pasted from the clipboard');
        return;
      }
      if (isTextEntry(e.target)) return;
      const text = data.getData('text/plain').trim();
      if (/^https?:\/\/\S+$/i.test(text)) {
        e.preventDefault();
        loadUrl(text, 'Pasted URL loaded');
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [loadFiles, loadUrl]);

  const accepts = (e: DragEvent) => e.dataTransfer.types.includes('Files') || e.dataTransfer.types.includes('text/uri-list');

  const dropHandlers = {
    onDragEnter(e: DragEvent) {
      if (!accepts(e)) return;
      e.preventDefault();
      dragDepth.current++;
      setDragging(true);
    },
    onDragOver(e: DragEvent) {
      if (!accepts(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(e: DragEvent) {
      if (!accepts(e)) return;
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDragging(false);
    },
    onDrop(e: DragEvent) {
      e.preventDefault();
      dragDepth.current = 0;
      setDragging(false);
      if (e.dataTransfer.files.length) return loadFiles(e.dataTransfer.files, 'Dropped image loaded');
      const uri = e.dataTransfer.getData('text/uri-list').split(/\r?\n/).find((l) => l && !l.startsWith('#'));
      if (uri) return loadUrl(uri, 'Dropped image loaded');
      latest.current.handlers.onError('Drop an image file, or an image dragged from another page.');
    },
  };

  return { busy, dragging, loadFiles, loadUrl, loadSample, dropHandlers };
}
