/**
 * "Lock across endpoints": toggles for the parameters of this endpoint whose role Compare's
 * mapping knows (seed, size, steps, guidance). A locked value follows to the next endpoint, fitted
 * to it; what had to change is said below.
 */
import { LOCKS } from '../../providers/mapping/locks';
import type { LockId } from '../../providers/mapping/locks';

export function LockControls({ available, locked, onToggle, notes }: { available: readonly LockId[]; locked: readonly LockId[]; onToggle(id: LockId): void; notes: readonly string[] }) {
  if (available.length === 0) return null;
  return (
    <div className="flex flex-col gap-1">
      <div role="group" aria-label="Lock parameters" className="flex flex-wrap items-center gap-1.5 text-xs">
        <span aria-hidden="true" className="text-zinc-400">
          Lock across endpoints:
        </span>
        {LOCKS.filter((l) => available.includes(l.id)).map((l) => {
          const on = locked.includes(l.id);
          return (
            <button
              key={l.id}
              type="button"
              aria-pressed={on}
              title={on ? `${l.label} follows you to other endpoints: click to unlock` : `Lock ${l.label.toLowerCase()}: it follows you to other endpoints, like the prompt`}
              onClick={() => onToggle(l.id)}
              className={`rounded-md border px-2 py-0.5 focus-visible:outline-2 focus-visible:outline-amber-400 ${
                on ? 'border-amber-400 bg-amber-500/20 font-medium text-amber-100' : 'border-zinc-700 text-zinc-300 hover:border-zinc-500'
              }`}
            >
              {l.label}
            </button>
          );
        })}
      </div>
      {notes.length > 0 && (
        <p role="status" className="text-xs text-amber-200/90">
          Locked values changed to fit: {notes.join(' ')}
        </p>
      )}
    </div>
  );
}
