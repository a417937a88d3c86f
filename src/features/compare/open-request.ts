/**
 * "Open this comparison": a note from another view (the gallery) that the
 * compare view reads when it mounts. Kept apart from the comparison store so
 * the first page does not load the compare feature to leave the note.
 */
import { persisted, stringValue } from '../../lib/persisted';

// Earlier builds stored the bare id (version 0).
const note = persisted('playground.compare-open', stringValue, 1, { 0: (old) => old }, { storage: 'session', label: 'the comparison to open' });

export function requestOpenComparison(groupId: string) {
  note.save(groupId);
}

export function takeOpenRequest(): string | undefined {
  const id = note.load();
  if (id) note.remove();
  return id;
}
