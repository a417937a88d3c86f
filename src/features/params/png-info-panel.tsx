/**
 * The "PNG info" panel: what an image carries, and "Use these parameters". Loaded when an image
 * is read (it brings the role mapping with it), never with the first page.
 */
import { useMemo, useState } from 'react';
import { Button } from '../../components/ui/button';
import { UNREADABLE } from '../../lib/metadata/read-client';
import { recallParams, SOURCE_LABELS } from './recall-params';
import type { ImageParamsState } from './read-image-control';
import type { Recall } from './recall-params';

function Row({ label, value }: { label: string; value: unknown }) {
  if (value === undefined || value === '') return null;
  return (
    <div className="grid grid-cols-[8rem_minmax(0,1fr)] gap-2">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="whitespace-pre-wrap break-words text-zinc-200">{String(value)}</dd>
    </div>
  );
}

export default function PngInfoPanel(props: { state: ImageParamsState; endpointId: string; onUse(recall: Recall): void; onClose(): void }) {
  const { state, endpointId, onUse, onClose } = props;
  const [applied, setApplied] = useState(false);
  const read = state.read;
  const recall = useMemo(() => (read ? recallParams(read, endpointId) : undefined), [read, endpointId]);
  if (!state.fileName) return null;
  return (
    <section aria-label="PNG info" className="flex flex-col gap-2 rounded-lg border border-zinc-800 bg-zinc-900/60 p-3 text-xs">
      <header className="flex items-center gap-2">
        <h2 className="text-sm font-semibold text-zinc-200">PNG info</h2>
        <span className="truncate text-zinc-500">{state.fileName}</span>
        <button type="button" className="ml-auto text-zinc-400 underline hover:text-zinc-200" onClick={onClose}>
          Close
        </button>
      </header>
      {state.reading || !read ? (
        <p role="status" className="text-zinc-400">Reading…</p>
      ) : read.source === 'none' ? (
        <p role="status" className="text-zinc-300">
          {read.warnings.some((w) => w.startsWith(UNREADABLE))
            ? read.warnings.join(' ')
            : `This image carries no generation parameters${read.warnings.length ? `: ${read.warnings.join(' ')}` : '.'}`}
        </p>
      ) : (
        <>
          <dl className="flex flex-col gap-1">
            <Row label="Written by" value={read.sourceDetail ? `${SOURCE_LABELS[read.source]} (${read.sourceDetail})` : SOURCE_LABELS[read.source]} />
            {read.own && <Row label="Endpoint" value={read.own.endpoint} />}
            <Row label="Prompt" value={read.prompt} />
            <Row label="Negative prompt" value={read.negativePrompt} />
            <Row label="Steps" value={read.steps} />
            <Row label="Sampler" value={read.sampler} />
            <Row label="Scheduler" value={read.scheduler} />
            <Row label="CFG scale" value={read.cfgScale} />
            <Row label="Seed" value={read.seedText ?? read.seed} />
            <Row label="Size" value={read.width && read.height ? `${read.width}×${read.height}` : undefined} />
            <Row label="Model" value={read.model} />
            <Row label="Denoising strength" value={read.denoisingStrength} />
          </dl>
          {recall && recall.warnings.length > 0 && (
            <ul aria-label="Mapping notes" className="list-disc pl-4 text-amber-300">
              {recall.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          {read.warnings.length > 0 && <p className="text-amber-300">{read.warnings.join(' ')}</p>}
          <details>
            <summary className="cursor-pointer text-zinc-400">Raw text ({Object.keys(read.raw).length})</summary>
            {Object.entries(read.raw).map(([k, v]) => (
              <div key={k} className="mt-1">
                <p className="font-mono text-zinc-500">{k}</p>
                <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-words rounded bg-zinc-950 p-1 text-zinc-300">{v}</pre>
              </div>
            ))}
          </details>
          {recall && (
            <div className="flex items-center gap-2">
              <Button
                onClick={() => {
                  onUse(recall);
                  setApplied(true);
                }}
              >
                Use these parameters
              </Button>
              <span role="status" className="text-zinc-400">
                {applied ? (recall.exact ? `Restored ${recall.endpointId} exactly.` : `Filled ${recall.endpointId} by role.`) : recall.exact ? `Restores ${recall.endpointId} exactly.` : `Fills ${recall.endpointId} by role.`}
              </span>
            </div>
          )}
        </>
      )}
    </section>
  );
}
