/** The gallery's data for React: jobs from the store through TanStack Query, re-read on every store change. */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { normalizeFilter } from '../../job-store/job-query';
import type { JobFilter } from '../../job-store/job-query';
import { galleryStore } from '../../job-store/store';

/** The gallery's query keys (all under ['gallery'], which a store change invalidates). */
export const galleryKeys = {
  all: ['gallery'] as const,
  jobs: (filter: JobFilter) => ['gallery', normalizeFilter(filter)] as const,
  /** The newest few, shown while the whole list loads. */
  head: (filter: JobFilter) => ['gallery', normalizeFilter(filter), 'head'] as const,
  facets: ['gallery', 'facets'] as const,
  estimate: ['gallery', 'estimate'] as const,
};

/** Re-reads the gallery's queries when the store changes (here or in another tab); bursts are coalesced. */
export function useGalleryChanges(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = galleryStore().subscribe((change) => {
      if (change.type === 'storage') return;
      clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: galleryKeys.all }), 40);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [queryClient]);
}

/** Jobs read first, newest first, so the first screen does not wait for thousands of records. */
export const HEAD_JOBS = 60;

/**
 * Jobs matching `filter`, newest first, and how many stored records could not
 * be read. Until the whole list is in, `data` holds the newest HEAD_JOBS and
 * `complete` is false.
 */
export function useGalleryJobs(filter: JobFilter) {
  useGalleryChanges();
  const key = normalizeFilter(filter);
  // The head first, then everything: read together, the big read would hold up the small one.
  const head = useQuery({
    queryKey: galleryKeys.head(key),
    queryFn: () => galleryStore().scanJobs({ ...key, limit: HEAD_JOBS }),
    structuralSharing: false,
    staleTime: Infinity,
  });
  const full = useQuery({
    queryKey: galleryKeys.jobs(key),
    queryFn: () => galleryStore().scanJobs(key),
    enabled: head.isFetched,
    // Thousands of records: comparing them deeply on every re-read costs more than it saves.
    structuralSharing: false,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
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
  return useQuery({ queryKey: galleryKeys.facets, queryFn: () => galleryStore().listFacets(), staleTime: Infinity });
}

export function useStorageEstimate() {
  return useQuery({ queryKey: galleryKeys.estimate, queryFn: async () => (await galleryStore().storageEstimate()) ?? null });
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
