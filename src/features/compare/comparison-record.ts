/**
 * A saved comparison: which targets, which shared values, which axes, and the
 * job behind each cell. Small, versioned, validated on load; records this
 * version cannot read are skipped, never fatal. The images and inputs live
 * with the jobs in the gallery (IndexedDB), linked by `compareGroupId`.
 */
import { z } from 'zod';
import { getEndpoint } from '../../providers/registry';
import type { JobRecord } from '../../job-store/job-record';
import { endpointFields } from '../../providers/mapping/map-params';
import { storedSharedSchema } from '../../providers/mapping/shared-params';
import { AXIS_PARAMS } from './sweep';
import { compareTargetSchema } from './targets';

export const COMPARISON_VERSION = 1;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

export const sweepAxisSchema = z.object({ param: z.enum(AXIS_PARAMS), values: z.string() });

export const comparisonCellSchema = z.object({
  key: z.string().min(1),
  label: z.string(),
  targetId: z.string().min(1),
  endpointId: z.string().min(1),
  xIndex: z.number().int().min(0),
  yIndex: z.number().int().min(0),
  /** The job in the gallery; absent until its record is written, or when the cell was not sent. */
  jobId: z.string().optional(),
  /** Why the cell was not sent (schema, missing key…). */
  skipped: z.string().optional(),
});

export const comparisonRecordSchema = z.object({
  version: z.literal(COMPARISON_VERSION),
  id: z.string().min(1),
  createdAt: finite,
  kind: z.enum(['side-by-side', 'sweep']),
  title: z.string(),
  /** The one seed every target got (absent when the seed was on an axis). */
  seed: finite.optional(),
  shared: storedSharedSchema,
  targets: z.array(compareTargetSchema).min(1),
  axes: z.object({ x: sweepAxisSchema.optional(), y: sweepAxisSchema.optional() }),
  /** Axis value labels, in order, as they were when it ran. */
  xLabels: z.array(z.string()),
  yLabels: z.array(z.string()),
  cells: z.array(comparisonCellSchema),
});

export type ComparisonRecord = z.infer<typeof comparisonRecordSchema>;
export type ComparisonCell = z.infer<typeof comparisonCellSchema>;

/** Reads a stored list: each valid record kept, each invalid one counted and skipped. */
export function parseComparisons(raw: string | null | undefined): { records: ComparisonRecord[]; skipped: number } {
  if (!raw) return { records: [], skipped: 0 };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { records: [], skipped: 1 };
  }
  return Array.isArray(data) ? validComparisons(data) : { records: [], skipped: 1 };
}

/** The readable records of a stored list; the others are counted and skipped. */
export function validComparisons(data: readonly unknown[]): { records: ComparisonRecord[]; skipped: number } {
  const records: ComparisonRecord[] = [];
  let skipped = 0;
  for (const item of data) {
    const parsed = comparisonRecordSchema.safeParse(item);
    if (parsed.success) records.push(parsed.data);
    else skipped++;
  }
  return { records, skipped };
}

/** Adds or replaces one record; newest first; at most `max` kept. */
export function upsertComparison(list: ComparisonRecord[], record: ComparisonRecord, max = 30): ComparisonRecord[] {
  const rest = list.filter((r) => r.id !== record.id);
  return [record, ...rest].sort((a, b) => b.createdAt - a.createdAt).slice(0, max);
}

export function setCell(record: ComparisonRecord, key: string, patch: Partial<Pick<ComparisonCell, 'jobId' | 'skipped'>>): ComparisonRecord {
  return { ...record, cells: record.cells.map((c) => (c.key === key ? { ...c, ...patch } : c)) };
}

export function comparisonTitle(prompt: string, kind: ComparisonRecord['kind']): string {
  const p = prompt.trim() || '(no prompt)';
  const short = p.length > 48 ? `${p.slice(0, 47)}…` : p;
  return kind === 'sweep' ? `Sweep: ${short}` : short;
}

/**
 * A comparison rebuilt from its jobs alone (the saved record is gone, e.g. local
 * storage was cleared): one cell per job, in the order they were made.
 */
export function comparisonFromJobs(groupId: string, jobs: JobRecord[]): ComparisonRecord | undefined {
  const own = jobs.filter((j) => j.compareGroupId === groupId).sort((a, b) => a.createdAt - b.createdAt);
  const first = own[0];
  if (!first) return undefined;
  const targets = own.map((j) => ({ id: j.id, endpointId: j.endpointId }));
  const endpoint = getEndpoint(first.endpointId);
  const promptField = endpoint && endpointFields(endpoint).find((f) => f.role === 'prompt');
  const promptValue = promptField ? first.params[promptField.name] : undefined;
  const prompt = typeof promptValue === 'string' ? promptValue : '';
  return {
    version: COMPARISON_VERSION,
    id: groupId,
    createdAt: first.createdAt,
    kind: 'side-by-side',
    title: comparisonTitle(prompt, 'side-by-side'),
    seed: first.seed,
    shared: { prompt, negativePrompt: '' },
    targets,
    axes: {},
    xLabels: [],
    yLabels: [],
    cells: own.map((j, i) => ({
      key: `0:${i}:${j.id}`,
      label: j.compareLabel ?? j.endpointId,
      targetId: j.id,
      endpointId: j.endpointId,
      xIndex: i,
      yIndex: 0,
      jobId: j.id,
    })),
  };
}
