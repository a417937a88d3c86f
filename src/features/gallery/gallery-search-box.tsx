/**
 * The gallery's search field: prompts and negative prompts, filtered as you type. The field keeps
 * its own text, so a key press renders this field alone; the gallery gets each new text through
 * `onQuery` (which filters in a transition, behind the typing).
 */
import { useId, useState } from 'react';

export function GallerySearchBox({ onQuery }: { onQuery(query: string): void }) {
  const id = useId();
  const [text, setText] = useState('');
  const change = (next: string) => {
    setText(next);
    onQuery(next);
  };
  return (
    <div className="flex min-w-56 flex-1 flex-col gap-0.5 text-xs text-zinc-400 sm:max-w-sm">
      <label htmlFor={id}>Search prompts</label>
      <input
        id={id}
        type="search"
        value={text}
        autoComplete="off"
        spellCheck={false}
        placeholder="words in the prompt or negative prompt"
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            change('');
          }
        }}
        className="rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1.5 text-sm text-zinc-100 placeholder:text-zinc-500 focus-visible:outline-2 focus-visible:outline-amber-400"
      />
    </div>
  );
}
