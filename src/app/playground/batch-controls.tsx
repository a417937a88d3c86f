/** The batch count and seed mode beside Generate, and the batch's progress (loaded after the first page). */
import { inputClass } from '../../components/ui/field-shell';
import { Button } from '../../components/ui/button';
import { MAX_BATCH } from './batch-settings';
import type { BatchSettings, SeedMode } from './batch-settings';

export default function BatchControls(props: {
  value: BatchSettings;
  onChange(v: BatchSettings): void;
  progress?: { run: number; count: number };
  onStop(): void;
}) {
  const { value, onChange, progress, onStop } = props;
  return (
    <>
      <label className="flex items-center gap-1 text-xs text-zinc-300">
        Batch count
        <input
          type="number"
          min={1}
          max={MAX_BATCH}
          value={value.count}
          onChange={(e) => onChange({ ...value, count: Math.min(MAX_BATCH, Math.max(1, Math.round(Number(e.target.value) || 1))) })}
          className={`${inputClass} !w-16 !py-1`}
        />
      </label>
      {value.count > 1 && (
        <label className="flex items-center gap-1 text-xs text-zinc-300">
          Seeds
          <select value={value.seeds} onChange={(e) => onChange({ ...value, seeds: e.target.value as SeedMode })} className={`${inputClass} !w-auto !py-1`}>
            <option value="consecutive">consecutive</option>
            <option value="drawn">drawn</option>
          </select>
        </label>
      )}
      {progress && (
        <span role="status" className="flex items-center gap-2 text-xs text-zinc-300">
          Batch: run {progress.run} of {progress.count}
          <Button className="!px-2 !py-0.5 text-xs" onClick={onStop}>
            Stop batch
          </Button>
        </span>
      )}
    </>
  );
}

