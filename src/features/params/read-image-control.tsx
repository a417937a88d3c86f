/**
 * "Read parameters from an image": a file control and the state behind it (`useImageParams`),
 * so a file dropped on the Parameters panel lands in the same place. The readers load on use.
 */
import { useCallback, useId, useState } from 'react';
import type { ReadResult } from '../../lib/metadata/types';

export interface ImageParamsState {
  fileName?: string;
  reading: boolean;
  read?: ReadResult;
}

export function useImageParams() {
  const [state, setState] = useState<ImageParamsState>({ reading: false });
  const readFile = useCallback((file: File) => {
    setState({ fileName: file.name, reading: true });
    void import('./read-image').then(({ readImageFile }) => readImageFile(file)).then((read) => setState({ fileName: file.name, reading: false, read }));
  }, []);
  const clear = useCallback(() => setState({ reading: false }), []);
  return { state, readFile, clear };
}

/** The first image file among dropped files, if any. */
export function droppedImage(data: DataTransfer | null): File | undefined {
  return [...(data?.files ?? [])].find((f) => f.type.startsWith('image/') || /\.(png|jpe?g|webp)$/i.test(f.name));
}

export function ReadImageControl({ onFile }: { onFile(file: File): void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs text-zinc-400">
        Read parameters from an image <span className="text-zinc-500">(or drop one on this panel)</span>
      </label>
      <input
        id={id}
        type="file"
        accept="image/png,image/jpeg,image/webp"
        className="text-xs text-zinc-300 file:mr-2 file:rounded-md file:border file:border-zinc-700 file:bg-zinc-900 file:px-2 file:py-1 file:text-zinc-200"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }}
      />
    </div>
  );
}

