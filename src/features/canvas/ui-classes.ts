/** Shared Tailwind class strings for the canvas panel's controls. */

const base =
  'inline-flex items-center justify-center gap-1 rounded-md border px-3 py-1.5 text-sm ' +
  'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-amber-400 disabled:cursor-not-allowed disabled:opacity-40';

const neutral = 'border-zinc-700 bg-zinc-800 text-zinc-100 enabled:hover:border-zinc-500 enabled:hover:bg-zinc-700';

export const buttonClass = `${base} ${neutral}`;

export const primaryButtonClass = `${base} border-amber-500 bg-amber-500 font-medium text-zinc-950 enabled:hover:bg-amber-400`;

/** A toggle button (aria-pressed): amber when on. */
export const toggleClass = (pressed: boolean) =>
  `${base} ${pressed ? 'border-amber-400 bg-amber-500/20 font-medium text-amber-100 enabled:hover:bg-amber-500/30' : neutral}`;

export const textInputClass =
  'min-w-0 rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm text-zinc-100 placeholder:text-zinc-500 ' +
  'focus-visible:border-amber-400 focus-visible:outline-none';

export const rangeClass = 'w-full accent-amber-500';
