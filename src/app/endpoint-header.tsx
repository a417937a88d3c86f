/**
 * The top of the playground's parameters: the endpoint picker, what the endpoint does and where
 * it posts, and whether the sandbox twin or the live service answers. One markup for the first
 * paint and the real playground (the hand-over swaps one for the other without a shift); light
 * enough for the first page.
 */
import type { ReactNode } from 'react';
import { inputClass } from '../components/ui/field-shell';

export function EndpointHeader(props: {
  value: string;
  onSelect(endpointId: string): void;
  /** The <option>s and <optgroup>s. */
  options: ReactNode;
  /** The endpoint's description and path; left out while not known (the first paint of another endpoint). */
  about?: { description: string; path: string };
  mode: 'sandbox' | 'live';
  /** Where a live request goes, when known. */
  liveTarget?: string;
  onOpenSettings(): void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="endpoint-select" className="text-sm font-semibold text-zinc-200">
        Endpoint
      </label>
      <select id="endpoint-select" className={inputClass} value={props.value} onChange={(e) => props.onSelect(e.target.value)}>
        {props.options}
      </select>
      {props.about && (
        <p className="text-xs text-zinc-400">
          {props.about.description}{' '}
          <span className="font-mono text-zinc-500">
            POST {props.about.path}
          </span>
        </p>
      )}
      <p className="text-xs">
        <span className={props.mode === 'sandbox' ? 'text-emerald-400' : 'text-amber-400'}>
          {props.mode === 'sandbox' ? 'Sandbox: the local twin answers, free and offline.' : `Live: sent to ${props.liveTarget || 'the provider'} with your key.`}
        </span>{' '}
        <button type="button" className="text-zinc-400 underline hover:text-zinc-200" onClick={props.onOpenSettings}>
          Change in Settings
        </button>
      </p>
    </div>
  );
}
