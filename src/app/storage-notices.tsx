/** Says, once, what saved data this page could not read and started afresh (`lib/persisted.ts`). */
import { useSyncExternalStore } from 'react';
import { Button } from '../components/ui/button';
import { clearStorageNotices, storageNotices, subscribeStorageNotices } from '../lib/persisted';

export function StorageNotices() {
  const notices = useSyncExternalStore(subscribeStorageNotices, storageNotices, storageNotices);
  if (!notices.length) return null;
  return (
    <div role="status" className="flex flex-wrap items-start gap-2 rounded-md border border-amber-700/60 bg-amber-950/40 px-3 py-2 text-sm text-amber-100">
      <ul className="min-w-0 flex-1 list-none space-y-1">
        {notices.map((n) => (
          <li key={n.key}>
            Some saved data could not be read and was reset: {n.label} ({n.reason}).
          </li>
        ))}
      </ul>
      <Button onClick={clearStorageNotices}>Dismiss</Button>
    </div>
  );
}
