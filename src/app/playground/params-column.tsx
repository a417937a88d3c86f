/**
 * The playground's parameters column: the endpoint, reading parameters from an image, the share
 * link, the generated form with its action bar, and what went wrong.
 */
import { lazy, Suspense } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { EndpointOptions } from '../../components/ui/endpoint-options';
import { ModelsPanel } from '../../features/models/models-panel';
import { droppedImage, ReadImageControl, useImageParams } from '../../features/params/read-image-control';
import type { Recall } from '../../features/params/recall-params';
import type { EndpointDef } from '../../providers/types';
import { EndpointHeader } from '../endpoint-header';

const PngInfoPanel = lazy(() => import('../../features/params/png-info-panel'));

export function ParamsColumn(props: {
  endpoint: EndpointDef;
  mode: 'sandbox' | 'live';
  liveTarget: string | undefined;
  onSelect(id: string): void;
  onOpenSettings(): void;
  onRecall(r: Recall): void;
  onCopyLink(): void;
  note: string | undefined;
  failure: string | undefined;
  onSubmitCapture(e: FormEvent<HTMLElement>): void;
  /** The parameters to lock across endpoints. */
  locks?: ReactNode;
  /** The generated form and its autosave. */
  children: ReactNode;
}) {
  const { endpoint, note, failure } = props;
  const imageParams = useImageParams();
  return (
    <section
      aria-label="Parameters"
      className="flex flex-col gap-4"
      onSubmitCapture={props.onSubmitCapture}
      onDragOver={(e) => {
        if ([...e.dataTransfer.types].includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        const file = droppedImage(e.dataTransfer);
        if (!file) return;
        e.preventDefault();
        imageParams.readFile(file);
      }}
    >
      <EndpointHeader
        value={endpoint.id}
        onSelect={props.onSelect}
        options={<EndpointOptions />}
        about={endpoint}
        mode={props.mode}
        liveTarget={props.liveTarget}
        onOpenSettings={props.onOpenSettings}
      />
      <ModelsPanel onAdded={props.onSelect} />
      <div className="flex flex-wrap items-end gap-3">
        <ReadImageControl onFile={imageParams.readFile} />
        <button type="button" className="ml-auto rounded-md border border-zinc-700 px-2 py-1 text-xs text-zinc-200 hover:border-zinc-500" onClick={props.onCopyLink}>
          Copy link
        </button>
      </div>
      {props.locks}
      {note && (
        <p role="status" className="text-xs text-zinc-400">
          {note}
        </p>
      )}
      {imageParams.state.fileName && (
        <Suspense fallback={<p className="text-xs text-zinc-400">Reading…</p>}>
          <PngInfoPanel
            key={`${imageParams.state.fileName}-${imageParams.state.reading}`}
            state={imageParams.state}
            endpointId={endpoint.id}
            onUse={props.onRecall}
            onClose={imageParams.clear}
          />
        </Suspense>
      )}
      {props.children}
      {failure && (
        <p role="alert" className="rounded-md border border-red-800 bg-red-950/60 p-2 text-sm text-red-200">
          {failure}
        </p>
      )}
    </section>
  );
}
