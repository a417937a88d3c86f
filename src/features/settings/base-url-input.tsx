/**
 * A base URL box that commits what is typed only when it is finished: on blur, on Enter, or after
 * a pause in typing (`COMMIT_PAUSE_MS`). Until then the settings store (and so every request,
 * the server lists' with their login included) keeps the last committed URL: typing
 * `https://a1111.example.com:7860` never sends anything to `https://a1`, `https://a1111.ex`, ….
 * The problem with the URL as typed is said at once (no request needs it).
 */
import { useEffect, useRef, useState } from 'react';
import { FieldShell, inputClass } from '../../components/ui/field-shell';
import { baseUrlProblem, trimSlash, withPageOrigin } from '../../api/route';
import type { ProviderDef } from '../../providers/types';

export const COMMIT_PAUSE_MS = 1200;

export function BaseUrlInput({ provider, id, value, onCommit }: { provider: ProviderDef; id: string; value: string; onCommit(url: string): void }) {
  // null: not being edited, the box shows the committed value.
  const [draft, setDraft] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef<{ draft: string | null; onCommit(url: string): void }>({ draft, onCommit });
  useEffect(() => {
    latest.current = { draft, onCommit };
  });
  const commit = () => {
    clearTimeout(timer.current);
    const { draft: d, onCommit: write } = latest.current;
    if (d === null) return;
    write(d);
    setDraft(null);
  };
  // Leaving the view while typing commits what was typed, as a blur would.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      const { draft: d, onCommit: write } = latest.current;
      if (d !== null) write(d);
    },
    [],
  );
  const shown = draft ?? value;
  const problem = shown ? baseUrlProblem(provider, trimSlash(shown)) : undefined;
  return (
    <FieldShell
      id={id}
      label={`${provider.name} base URL`}
      description={withPageOrigin(provider.baseUrlHelp)}
      error={problem && `${problem} Until it is changed, no Live request is sent.`}
    >
      <input
        id={id}
        type="url"
        aria-invalid={problem ? true : undefined}
        aria-errormessage={problem ? `${id}-error` : undefined}
        className={inputClass}
        value={shown}
        placeholder={provider.defaultBaseUrl ?? 'https://…'}
        onChange={(e) => {
          const next = e.target.value.trim();
          latest.current = { draft: next, onCommit };
          setDraft(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(commit, COMMIT_PAUSE_MS);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </FieldShell>
  );
}
