/** Compare's views as tabs (← / → move between them) and the panel they control. */
import type { ReactNode } from 'react';

export type CompareTab = 'side' | 'ab' | 'sweep';
const TABS: Array<[CompareTab, string]> = [
  ['side', 'Side by side'],
  ['ab', 'A/B'],
  ['sweep', 'Sweep'],
];

export function CompareTabs({ tab, onTab, children }: { tab: CompareTab; onTab(tab: CompareTab): void; children: ReactNode }) {
  return (
    <>
      <div role="tablist" aria-label="Views" className="flex gap-1 border-b border-zinc-800">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`compare-tab-${id}`}
            aria-selected={tab === id}
            aria-controls="compare-tabpanel"
            tabIndex={tab === id ? 0 : -1}
            onClick={() => onTab(id)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = TABS[(TABS.findIndex(([t]) => t === id) + step + TABS.length) % TABS.length]![0];
              onTab(next);
              document.getElementById(`compare-tab-${next}`)?.focus();
            }}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab === id ? 'border-amber-400 text-amber-300' : 'border-transparent text-zinc-400 hover:text-zinc-200'}`}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="compare-tabpanel" aria-labelledby={`compare-tab-${tab}`} className="flex flex-col gap-4">
        {children}
      </div>
    </>
  );
}
