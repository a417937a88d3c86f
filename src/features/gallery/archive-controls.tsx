/**
 * "Export gallery" and "Import gallery", with a progress bar each and a plain report. The zip
 * code (fflate) and the metadata writers load when a button is pressed, never with the page.
 */
import { useId, useState } from 'react';
import { buttonClasses } from '../../components/ui/button';
import { Button } from '../../components/ui/button';
import { downloadBlob } from '../../job-store/image-file-name';
import type { JobFilter } from '../../job-store/job-query';
import { galleryStore } from '../../job-store/store';
import type { Progress } from './gallery-export';
import type { ImportReport } from './gallery-import';

/** The comparisons live in the compare feature; the app hands them over. */
export interface ComparisonsPort {
  list(jobIds: Set<string>): unknown[];
  /** Keeps the valid ones; returns how many were new. */
  add(records: unknown[]): number;
}

function Bar({ label, progress }: { label: string; progress: Progress }) {
  return (
    <div className="flex min-w-64 flex-col gap-0.5 text-xs text-zinc-400">
      <progress aria-label={label} className="h-2 w-full overflow-hidden rounded [&::-moz-progress-bar]:bg-amber-500 [&::-webkit-progress-bar]:bg-zinc-800 [&::-webkit-progress-value]:bg-amber-500" max={progress.total} value={progress.done} />
      <span>{progress.label}</span>
    </div>
  );
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function ArchiveControls({ filter, filtered, comparisons }: { filter: JobFilter; filtered: boolean; comparisons?: ComparisonsPort }) {
  const uid = useId();
  const [exporting, setExporting] = useState<Progress>();
  const [importing, setImporting] = useState<Progress>();
  const [note, setNote] = useState<string>();
  const [report, setReport] = useState<ImportReport & { newComparisons: number }>();

  const doExport = async () => {
    setNote(undefined);
    setExporting({ done: 0, total: 1, label: 'Starting…' });
    try {
      const { exportGallery, exportFileName } = await import('./gallery-export');
      const out = await exportGallery({ store: galleryStore(), filter, comparisons: comparisons?.list, onProgress: setExporting });
      downloadBlob(new Blob([out.zip as BlobPart], { type: 'application/zip' }), exportFileName(Date.now()));
      setNote(`Exported ${out.jobs} ${out.jobs === 1 ? 'job' : 'jobs'} and ${out.images} ${out.images === 1 ? 'image' : 'images'}${filtered ? ' (the filters in force)' : ''}.`);
    } catch (e) {
      setNote(`The export failed: ${message(e)}`);
    } finally {
      setExporting(undefined);
    }
  };

  const doImport = async (files: File[]) => {
    setNote(undefined);
    setReport(undefined);
    setImporting({ done: 0, total: 1, label: 'Starting…' });
    try {
      const { importGallery } = await import('./gallery-import');
      const r = await importGallery(files, { store: galleryStore(), onProgress: setImporting });
      const newComparisons = r.comparisons.length && comparisons ? comparisons.add(r.comparisons) : 0;
      setReport({ ...r, newComparisons });
    } catch (e) {
      setNote(`The import failed: ${message(e)}`);
    } finally {
      setImporting(undefined);
    }
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={!!exporting || !!importing} onClick={() => void doExport()}>
          Export gallery
        </Button>
        <label htmlFor={`${uid}-import`} className={buttonClasses('neutral', false, importing || exporting ? 'pointer-events-none opacity-50' : 'cursor-pointer')}>
          Import gallery
        </label>
        <input
          id={`${uid}-import`}
          type="file"
          multiple
          accept=".zip,application/zip,image/png,image/jpeg,image/webp"
          className="sr-only"
          disabled={!!importing || !!exporting}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length) void doImport(files);
          }}
        />
        {exporting && <Bar label="Export progress" progress={exporting} />}
        {importing && <Bar label="Import progress" progress={importing} />}
        {note && (
          <p role="status" className="text-xs text-zinc-300">
            {note}
          </p>
        )}
      </div>
      {report && (
        <div role="status" aria-label="Import report" className="rounded-md border border-zinc-700 bg-zinc-900 px-3 py-2 text-xs text-zinc-300">
          <p>
            Imported: {report.added} added, {report.skipped} skipped (already in the gallery), {report.refused.length} refused
            {report.newComparisons ? `; ${report.newComparisons} comparisons added` : ''}.
          </p>
          {report.refused.length > 0 && (
            <ul className="mt-1 list-disc pl-4 text-amber-300">
              {report.refused.map((r, i) => (
                <li key={i}>
                  {r.what}: {r.why}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
