/** Per target: each shared value, the endpoint's own name for it, what is sent, and why it changed. */
import type { MappingRow, Severity, TargetMapping } from '../../providers/mapping/map-params';
import { showValue } from '../../providers/mapping/map-params';
import { SHARED_LABELS } from '../../providers/mapping/shared-params';
import type { SharedKey } from '../../providers/mapping/shared-params';

const ROW_STYLE: Record<Severity, string> = {
  ok: '',
  info: 'text-zinc-400',
  warning: 'bg-amber-950/40',
  error: 'bg-red-950/50',
};

const NOTE_STYLE: Record<Severity, string> = {
  ok: 'text-zinc-500',
  info: 'text-zinc-500',
  warning: 'text-amber-300',
  error: 'text-red-300',
};

function Row({ row }: { row: MappingRow }) {
  const role = row.key === 'override' ? 'override' : SHARED_LABELS[row.key as SharedKey | 'model' | 'size'];
  const changed = row.status === 'adjusted' || row.status === 'omitted' || (row.status === 'override' && row.key !== 'override');
  return (
    <tr className={`border-t border-zinc-800/70 ${ROW_STYLE[row.severity]}`}>
      <th scope="row" className="w-[42%] py-1 pr-2 text-left align-top font-normal">
        <span className="block font-mono break-all text-zinc-100">{row.field ?? <span className="text-zinc-500">—</span>}</span>
        {role !== row.field && <span className="block text-[11px] text-zinc-500">{role}</span>}
      </th>
      <td className="py-1 align-top">
        <span className="font-mono break-all text-zinc-100">
          {changed && row.key !== 'override' && <span className="text-zinc-500 line-through">{showValue(row.shared)}</span>}
          {changed && row.key !== 'override' && <span aria-label="becomes"> → </span>}
          {row.status === 'not-taken' ? <span className="text-zinc-500">not sent</span> : row.status === 'omitted' && row.value === undefined ? <span className="text-zinc-500">not sent</span> : showValue(row.value)}
        </span>
        {row.note && (
          <span className={`block text-xs ${NOTE_STYLE[row.severity]}`}>
            {row.severity === 'warning' && <span aria-hidden="true">⚠ </span>}
            {row.severity === 'error' && <span aria-hidden="true">✕ </span>}
            {row.note}
          </span>
        )}
      </td>
    </tr>
  );
}

export function MappingTable({ mapping, label, index }: { mapping: TargetMapping; label: string; index: number }) {
  const warnings = mapping.rows.filter((r) => r.severity === 'warning').length;
  const summary = !mapping.sendable
    ? 'not sendable'
    : warnings
      ? `${warnings} ${warnings === 1 ? 'value adjusted' : 'values adjusted'}`
      : 'sent as shared';
  return (
    <details open={!mapping.sendable || warnings > 0} className="rounded-md border border-zinc-800 bg-zinc-900/40">
      <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2 text-sm">
        <span className="font-mono text-xs text-zinc-500">#{index + 1}</span>
        <span className="text-zinc-100">{label}</span>
        <span className={`ml-auto rounded px-1.5 py-0.5 text-xs ${!mapping.sendable ? 'bg-red-900 text-red-100' : warnings ? 'bg-amber-900 text-amber-100' : 'bg-emerald-950 text-emerald-200'}`}>
          {summary}
        </span>
      </summary>
      <div className="overflow-x-auto px-3 pb-3">
        {!mapping.sendable && (
          <ul role="alert" aria-label={`Why ${label} cannot be sent`} className="mb-2 list-disc pl-5 text-sm text-red-300">
            {mapping.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <table aria-label={`Mapping for ${label}`} className="w-full table-fixed text-left text-sm">
          <thead className="text-xs text-zinc-500">
            <tr>
              <th scope="col" className="pb-1 font-normal">parameter (shared name)</th>
              <th scope="col" className="pb-1 font-normal">value sent</th>
            </tr>
          </thead>
          <tbody>
            {mapping.rows.map((row, i) => (
              <Row key={`${row.key}-${row.field ?? i}`} row={row} />
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
