/**
 * The job layer: the store's change feed, the pollers and the queue. Loaded with the providers
 * (after the first paint on the playground, at once on the other views).
 */
import { useEffect } from 'react';
import { JobPollers, QueuePanel } from '../features/jobs/queue-panel';
import { requestPersistence } from '../job-store/store';
import { useJobStoreSync } from '../job-store/use-jobs';

export default function JobLayer({ queue = true }: { queue?: boolean }) {
  useJobStoreSync();
  useEffect(() => {
    void requestPersistence();
  }, []);
  return (
    <>
      <JobPollers />
      {queue && <QueuePanel />}
    </>
  );
}
