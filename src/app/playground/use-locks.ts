/** The parameters the user locked (they follow across endpoints like the prompt), kept in localStorage. */
import { useCallback, useState } from 'react';
import { persisted } from '../../lib/persisted';
import type { Validator } from '../../lib/persisted';
import { isLockId } from '../../providers/mapping/locks';
import type { LockId } from '../../providers/mapping/locks';

/** A list of known lock ids; unknown ones (from a newer build) are left out rather than failing the whole list. */
const lockList: Validator<LockId[]> = {
  safeParse: (value) => (Array.isArray(value) ? { success: true, data: value.filter(isLockId) } : { success: false }),
};

const stored = persisted('playground.locks', lockList, 1, {}, { label: 'the parameters you locked' });

export function useLocks() {
  const [locked, setLocked] = useState<LockId[]>(() => stored.load() ?? []);
  const toggle = useCallback((id: LockId) => {
    setLocked((was) => {
      const next = was.includes(id) ? was.filter((l) => l !== id) : [...was, id];
      stored.save(next);
      return next;
    });
  }, []);
  return { locked, toggle };
}
