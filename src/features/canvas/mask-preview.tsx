/** "Mask as sent": the exported PNG itself, at a glance, with its pixel size. */
import type { ExportedMaskFile } from './mask-export-scheduler';

export function MaskPreview({ mask }: { mask: ExportedMaskFile | undefined }) {
  return (
    <section aria-label="Mask as sent" className="flex flex-col gap-1.5">
      <h3 className="text-xs font-semibold tracking-wide text-zinc-400 uppercase">Mask as sent</h3>
      {mask ? (
        <>
          <img
            src={mask.url}
            alt="Mask as sent"
            width={mask.width}
            height={mask.height}
            className="h-auto max-h-48 w-auto max-w-full self-start rounded-sm border border-zinc-700"
          />
          <p className="text-xs text-zinc-400">
            <span className="font-mono text-zinc-300">
              {mask.width}×{mask.height}
            </span>{' '}
            px PNG, {formatBytes(mask.bytes)}. White is repainted, black is kept.
          </p>
        </>
      ) : (
        <p className="rounded border border-dashed border-zinc-700 p-3 text-xs text-zinc-400">
          No mask yet: paint over what should change. Nothing is sent until you do.
        </p>
      )}
    </section>
  );
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`;
}
