/** What this tab's session has cost, per provider, where the provider says (Segmind `x-cost`), and the credits left. */
import { useQuery } from '@tanstack/react-query';
import { galleryHeadQuery } from '../job-store/queries';
import { getProvider } from '../providers/registry';
import { persisted } from '../lib/persisted';
import type { Validator } from '../lib/persisted';

const startValue: Validator<number> = {
  safeParse: (value) => {
    const n = Number(value);
    return Number.isFinite(n) && n > 0 ? { success: true, data: n } : { success: false };
  },
};
// Earlier builds stored the bare number as a string (version 0), which `startValue` reads.
const storedStart = persisted('playground.session-start', startValue, 1, { 0: (old) => old }, { storage: 'session', label: 'the start of this session' });

/** The session is the tab's: it survives reloads and ends with the tab. */
function sessionStart(): number {
  const stored = storedStart.load();
  if (stored) return stored;
  const now = Date.now();
  storedStart.save(now);
  return now;
}

const START = sessionStart();

export function SessionCosts() {
  // The newest jobs are enough: a session's jobs are the newest ones.
  const jobs = useQuery(galleryHeadQuery({})).data?.jobs ?? [];
  const byProvider = new Map<string, { cost: number; jobs: number; credits?: number }>();
  for (const j of jobs) {
    if (j.createdAt < START || (j.cost === undefined && j.credits === undefined)) continue;
    const row = byProvider.get(j.provider) ?? { cost: 0, jobs: 0 };
    if (j.cost !== undefined) {
      row.cost += j.cost;
      row.jobs += 1;
    }
    // Newest first: the first credits seen are the latest.
    if (row.credits === undefined && j.credits !== undefined) row.credits = j.credits;
    byProvider.set(j.provider, row);
  }
  if (!byProvider.size) return null;
  return (
    <section aria-label="Session cost" className="flex flex-wrap gap-x-4 gap-y-1 rounded-md border border-zinc-800 px-3 py-1.5 text-xs text-zinc-400">
      <span className="font-semibold text-zinc-300">This session</span>
      {[...byProvider].map(([id, row]) => (
        <span key={id}>
          {getProvider(id)?.name ?? id}: cost <span className="font-mono text-zinc-100">{Math.round(row.cost * 1e4) / 1e4}</span> over {row.jobs}{' '}
          {row.jobs === 1 ? 'job' : 'jobs'}
          {row.credits !== undefined && (
            <>
              {' '}
              · credits left <span className="font-mono text-zinc-100">{row.credits}</span>
            </>
          )}
        </span>
      ))}
    </section>
  );
}
