/**
 * The jobs the results column shows: the last run (one job, or every job of a batch) or a job
 * picked in History. The last one's id survives a reload of this tab (sessionStorage).
 */
import { useCallback, useState } from 'react';
import { loadCurrentJobId, saveCurrentJobId as remember } from '../drafts';

export function useCurrentRun() {
  const [ids, setIds] = useState<string[]>(() => {
    const id = loadCurrentJobId();
    return id ? [id] : [];
  });
  /** Shows one job alone (History, Retry). */
  const show = useCallback((id: string) => {
    setIds([id]);
    remember(id);
  }, []);
  /** A new run begins: nothing shown until its first job is written. */
  const start = useCallback(() => {
    setIds([]);
    remember(undefined);
  }, []);
  /** A job of the run in progress is written. */
  const add = useCallback((id: string) => {
    setIds((prev) => (prev.includes(id) ? prev : [...prev, id]));
    remember(id);
  }, []);
  return { ids, currentId: ids.at(-1), show, start, add };
}
