/**
 * The one button of the app: neutral, primary (Generate), danger (delete) or a toggle (aria-pressed).
 * Disabled or aria-disabled (an end of a pager, kept focusable), it is dimmed and hovering changes nothing.
 */
import type { ButtonHTMLAttributes } from 'react';

const base =
  'inline-flex items-center justify-center gap-1 rounded-md border px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 ' +
  'disabled:cursor-not-allowed disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50';

const VARIANTS = {
  neutral: 'border-zinc-700 bg-zinc-800 text-zinc-100 focus-visible:outline-amber-400 enabled:not-aria-disabled:hover:border-zinc-500 enabled:not-aria-disabled:hover:bg-zinc-700',
  primary: 'border-amber-500 bg-amber-500 font-semibold text-zinc-950 focus-visible:outline-amber-300 enabled:not-aria-disabled:hover:bg-amber-400',
  danger: 'border-red-800 bg-transparent text-red-200 focus-visible:outline-red-400 enabled:not-aria-disabled:hover:bg-red-950',
  pressed: 'border-amber-400 bg-amber-500/20 font-medium text-amber-100 focus-visible:outline-amber-400 enabled:not-aria-disabled:hover:bg-amber-500/30',
} as const;

export type ButtonVariant = 'neutral' | 'primary' | 'danger';

/** The class string, for the few places that style a non-button (a label over a file input) as one. */
export function buttonClasses(variant: ButtonVariant = 'neutral', pressed?: boolean, extra = ''): string {
  return `${base} ${pressed ? VARIANTS.pressed : VARIANTS[variant]} ${extra}`.trim();
}

export function Button({
  variant = 'neutral',
  pressed,
  className = '',
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; pressed?: boolean }) {
  return <button type={type} aria-pressed={pressed} className={buttonClasses(variant, pressed, className)} {...rest} />;
}
