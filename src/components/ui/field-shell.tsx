import type { ReactNode } from 'react';

/** Label (the API name), range, description and inline error around one control. */
export function FieldShell(props: {
  id: string;
  label: string;
  description?: string;
  range?: string;
  required?: boolean;
  error?: string;
  children: ReactNode;
  after?: ReactNode;
}) {
  const { id, label, description, range, required, error, children, after } = props;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-baseline justify-between gap-2">
        <span>
          <label htmlFor={id} className="font-mono text-sm text-zinc-100">
            {label}
          </label>
          {required && (
            <span className="ml-1 text-amber-400" title="required" aria-hidden="true">
              *
            </span>
          )}
        </span>
        {range && <span className="text-xs text-zinc-500">{range}</span>}
      </div>
      {children}
      {description && (
        <p id={`${id}-desc`} className="text-xs text-zinc-400">
          {description}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-400">
          {error}
        </p>
      )}
      {after}
    </div>
  );
}

export const inputClass =
  'w-full rounded-md border border-zinc-700 bg-zinc-900 px-2 py-1.5 text-sm text-zinc-100 placeholder:text-zinc-500 focus:border-amber-500 focus:outline-none focus:ring-1 focus:ring-amber-500 aria-[invalid=true]:border-red-500';
