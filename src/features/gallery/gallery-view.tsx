/**
 * The gallery: every job and image, kept in the browser with its parameters
 * and seed, in a virtualized grid with filters and a detail dialog.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { GalleryGrid } from './gallery-grid';
import type { GalleryGridHandle } from './gallery-grid';
import { GalleryToolbar } from './gallery-toolbar';
import { ArchiveControls } from './archive-controls';
import type { ComparisonsPort } from './archive-controls';
import { countSummary, toTiles } from './gallery-tiles';
import type { GalleryTile as GalleryTileData } from './gallery-tiles';
import { queryWords, searchJobs, warmSearch } from './gallery-search';
import { GallerySearchBox } from './gallery-search-box';
import { ImageDetailDialog } from './image-detail-dialog';
import type { DetailActions } from './image-detail-dialog';
import type { JobFilter } from '../../job-store/job-query';
import { galleryStore } from '../../job-store/store';
import { useGalleryFacets, useGalleryJobs, useStorageEstimate, useStorageFull } from './use-gallery-jobs';

export type GalleryViewProps = DetailActions & { comparisons?: ComparisonsPort };

/** Stars or unstars a job; a failed write (storage full) is said by the store's own notice. */
function setStarred(jobId: string, starred: boolean) {
  galleryStore()
    .updateJob(jobId, { starred })
    .catch((error: unknown) => console.warn('The star was not saved:', error));
}

const EMPTY_TEXT = 'No images yet. Generate one and it will appear here, with its seed and parameters.';

export default function GalleryView(props: GalleryViewProps) {
  const [filter, setFilter] = useState<JobFilter>({});
  // The query the grid shows. The search field keeps the text as typed and hands each change
  // over in a transition: a key press renders the field alone, and the filtering render behind it
  // is dropped when a newer key arrives.
  const [shownQuery, setShownQuery] = useState('');
  const [, startSearch] = useTransition();
  const onQuery = useCallback((query: string) => startSearch(() => setShownQuery(query)), []);
  // Bumped to empty the search field from outside it ("Show everything").
  const [searchReset, setSearchReset] = useState(0);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const gridRef = useRef<GalleryGridHandle | null>(null);
  const jobs = useGalleryJobs(filter);
  const facets = useGalleryFacets();
  const estimate = useStorageEstimate();
  const storageFull = useStorageFull();

  const all = jobs.data?.jobs;
  const searching = queryWords(shownQuery).length > 0;
  const list = useMemo(() => (all ? searchJobs(all, shownQuery) : undefined), [all, shownQuery]);
  // The search text is built while the person looks, not on their first key.
  useEffect(() => (all ? warmSearch(all) : undefined), [all]);
  const tiles = useMemo(() => toTiles(list ?? []), [list]);
  const summary = useMemo(
    () => (!jobs.complete ? 'Counting…' : searching ? `${countSummary(list ?? [])} match, of ${all?.length ?? 0}` : countSummary(list ?? [])),
    [all, list, jobs.complete, searching],
  );
  const openIndex = openKey === null ? -1 : tiles.findIndex((t) => t.key === openKey);
  const openTile = openIndex >= 0 ? tiles[openIndex] : undefined;
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const narrowed = filtered || searching;
  const skipped = jobs.data?.skipped;
  const unreadable = (skipped?.futureVersion ?? 0) + (skipped?.invalid ?? 0);

  // Stable: the grid's rows and tiles are memoised.
  const showTile = useCallback((tile: GalleryTileData) => setOpenKey(tile.key), []);

  const close = () => {
    const index = openIndex;
    setOpenKey(null);
    if (index >= 0) gridRef.current?.focusTile(Math.min(index, tiles.length - 1));
  };

  return (
    <section aria-label="Gallery" className="flex flex-col gap-3">
      <GalleryToolbar
        filter={filter}
        onFilter={setFilter}
        endpointIds={facets.data?.endpointIds ?? []}
        summary={summary}
        usage={estimate.data}
        canClear={(facets.data?.statuses.length ?? 0) > 0}
        onClearAll={() => galleryStore().clearAll()}
        search={<GallerySearchBox key={searchReset} onQuery={onQuery} />}
      />
      <ArchiveControls filter={filter} filtered={filtered} comparisons={props.comparisons} />
      {storageFull && (
        <div role="alert" className="rounded-md border border-amber-600 bg-amber-950/60 px-3 py-2 text-sm text-amber-100">
          <p className="font-medium">Browser storage is full: the last image or job was not saved.</p>
          <p className="text-amber-200/80">
            Download the images you want to keep, then delete old jobs (or Clear all) to make room. Everything saved before is still here.
          </p>
        </div>
      )}
      {unreadable > 0 && (
        <p role="status" className="rounded-md border border-zinc-700 bg-zinc-900 px-3 py-2 text-xs text-zinc-400">
          {unreadable} saved {unreadable === 1 ? 'record' : 'records'} could not be read
          {skipped?.futureVersion ? ` (${skipped.futureVersion} made by a newer version of the app)` : ''}. They are kept untouched.
        </p>
      )}
      {jobs.isError ? (
        <p role="alert" className="rounded-md border border-red-800 bg-red-950/60 px-3 py-2 text-sm text-red-200">
          The gallery could not be read from browser storage: {jobs.error instanceof Error ? jobs.error.message : String(jobs.error)}
        </p>
      ) : jobs.isPending ? (
        <p className="py-16 text-center text-sm text-zinc-500">Loading the gallery…</p>
      ) : tiles.length === 0 ? (
        <div className="flex flex-col items-center gap-3 rounded-lg border border-dashed border-zinc-800 px-6 py-16 text-center">
          <p className="max-w-sm text-sm text-zinc-300">{searching ? `No prompt matches “${shownQuery.trim()}”${filtered ? ' with these filters' : ''}.` : filter.starred && Object.values(filter).filter((v) => v !== undefined).length === 1 ? 'No starred jobs yet: star a job with ☆ on its tile.' : filtered ? 'No jobs match these filters.' : EMPTY_TEXT}</p>
          {narrowed && (
            <button
              type="button"
              onClick={() => {
                setFilter({});
                setShownQuery('');
                setSearchReset((n) => n + 1);
              }}
              className="rounded-md border border-zinc-700 px-3 py-1.5 text-sm text-zinc-200 hover:border-amber-500"
            >
              Show everything
            </button>
          )}
        </div>
      ) : (
        <GalleryGrid tiles={tiles} onOpen={showTile} onStar={setStarred} handleRef={gridRef} />
      )}
      {openTile && (
        <ImageDetailDialog
          key="detail"
          tile={openTile}
          position={{ index: openIndex, total: tiles.length }}
          actions={props}
          onClose={close}
          onMove={(delta) => setOpenKey(tiles[openIndex + delta]?.key ?? openKey)}
        />
      )}
    </section>
  );
}
