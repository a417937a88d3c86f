/** Shared Tailwind class strings for the canvas panel's inputs (its buttons are components/ui/button). */

export const textInputClass =
  'min-w-0 rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm text-zinc-100 placeholder:text-zinc-500 ' +
  'focus-visible:border-amber-400 focus-visible:outline-none';

export const rangeClass = 'w-full accent-amber-500';
