/**
 * "Open this comparison": a note from another view (the gallery) that the
 * compare view reads when it mounts. Kept apart from the comparison store so
 * the first page does not load the compare feature to leave the note.
 */
const OPEN_KEY = 'playground.compare-open';

function session(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function requestOpenComparison(groupId: string) {
  session()?.setItem(OPEN_KEY, groupId);
}

export function takeOpenRequest(): string | undefined {
  const s = session();
  const id = s?.getItem(OPEN_KEY) ?? undefined;
  if (id) s?.removeItem(OPEN_KEY);
  return id;
}
