/** The gallery's data for React: jobs from the store through TanStack Query; a store change patches them by job id. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { normalizeFilter } from '../../job-store/job-query';
import type { JobFilter } from '../../job-store/job-query';
import { facetsQuery, galleryHeadQuery, galleryJobsQuery, storageEstimateQuery } from '../../job-store/queries';
import { galleryStore } from '../../job-store/store';
import { useJobStoreSync } from '../../job-store/use-jobs';


/**
 * Jobs matching `filter`, newest first, and how many stored records could not
 * be read. Until the whole list is in, `data` holds the newest HEAD_JOBS and
 * `complete` is false.
 */
export function useGalleryJobs(filter: JobFilter) {
  useJobStoreSync();
  const key = normalizeFilter(filter);
  // The head first, then everything: read together, the big read would hold up the small one.
  const head = useQuery(galleryHeadQuery(key));
  const full = useQuery({ ...galleryJobsQuery(key), enabled: head.isFetched, placeholderData: keepPreviousData });
  const data = full.data && !full.isPlaceholderData ? full.data : (head.data ?? full.data);
  return {
    data,
    complete: full.data !== undefined && !full.isPlaceholderData,
    isPending: data === undefined && !full.isError,
    isError: full.isError,
    error: full.error,
  };
}

export function useGalleryFacets() {
  return useQuery(facetsQuery());
}

export function useStorageEstimate() {
  return useQuery(storageEstimateQuery());
}

const subscribeStorage = (onChange: () => void) =>
  galleryStore().subscribe((change) => {
    if (change.type === 'storage') onChange();
  });
const storageSnapshot = () => galleryStore().storageFull();

/** The last write's storage-full error, until a write or a delete succeeds. */
export function useStorageFull() {
  return useSyncExternalStore(subscribeStorage, storageSnapshot, storageSnapshot);
}
