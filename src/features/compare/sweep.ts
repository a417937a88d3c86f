/**
 * Sweeps, as AUTOMATIC1111's X/Y plot, across hosted endpoints: an X and an
 * optional Y axis over any shared parameter or over the targets themselves.
 * Planning is pure: it expands every cell, maps it onto its endpoint and
 * counts the requests before anything is sent.
 */
import { formatNumber } from '../../providers/mapping/fit-value';
import { mapTarget } from '../../providers/mapping/map-params';
import type { TargetMapping } from '../../providers/mapping/map-params';
import { isNumericKey, SHARED_LABELS } from '../../providers/mapping/shared-params';
import type { SharedKey, SharedParams } from '../../providers/mapping/shared-params';
import { targetLabels } from './targets';
import type { CompareTarget } from './targets';

export const AXIS_PARAMS = ['target', 'seed', 'guidance', 'steps', 'scheduler', 'width', 'height', 'strength', 'samples', 'prompt', 'negativePrompt'] as const;
export type AxisParam = (typeof AXIS_PARAMS)[number];

export const AXIS_LABELS: Record<AxisParam, string> = {
  target: 'target (provider / endpoint)',
  seed: SHARED_LABELS.seed,
  guidance: SHARED_LABELS.guidance,
  steps: SHARED_LABELS.steps,
  scheduler: SHARED_LABELS.scheduler,
  width: SHARED_LABELS.width,
  height: SHARED_LABELS.height,
  strength: SHARED_LABELS.strength,
  samples: SHARED_LABELS.samples,
  prompt: SHARED_LABELS.prompt,
  negativePrompt: SHARED_LABELS.negativePrompt,
};

export interface SweepAxis {
  param: AxisParam;
  /** As typed: comma-separated; numbers also as ranges `10-30 (+10)`; text values may be "quoted, with commas". Target axis: target numbers, empty for all. */
  values: string;
}

export interface AxisValue {
  /** Shown on the grid's header and in the job's label. */
  label: string;
  /** A number or text for parameters; a target id for the target axis. */
  value: number | string;
}

/** Most values one axis may have, and most requests one sweep may send. */
export const MAX_AXIS_VALUES = 50;
export const MAX_REQUESTS = 100;

/** Splits on commas outside double quotes; trims; drops empty items. */
export function splitValues(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

const NUM = String.raw`-?\d+(?:\.\d+)?`;
const RANGE = new RegExp(String.raw`^(${NUM})\s*-\s*(${NUM})(?:\s*\(\s*\+?\s*(${NUM})\s*\))?$`);

function expandNumber(token: string): number[] | string {
  const n = Number(token);
  if (token !== '' && Number.isFinite(n)) return [n];
  const m = RANGE.exec(token);
  if (!m) return `"${token}" is not a number or a range like 10-30 (+10)`;
  const from = Number(m[1]);
  const to = Number(m[2]);
  const step = m[3] === undefined ? 1 : Math.abs(Number(m[3]));
  if (step === 0) return `"${token}": the step cannot be 0`;
  const count = Math.floor(Math.abs(to - from) / step + 1e-9) + 1;
  if (count > MAX_AXIS_VALUES) return `"${token}" gives ${count} values; at most ${MAX_AXIS_VALUES}`;
  const dir = to >= from ? 1 : -1;
  return Array.from({ length: count }, (_, i) => Number(formatNumber(from + dir * i * step)));
}

export function parseAxis(axis: SweepAxis, targets: CompareTarget[]): { values: AxisValue[]; errors: string[] } {
  const errors: string[] = [];
  const tokens = splitValues(axis.values);
  let values: AxisValue[] = [];
  if (axis.param === 'target') {
    const labels = targetLabels(targets);
    const picked = tokens.length === 0 ? targets.map((_, i) => i + 1) : tokens.map(Number);
    for (const [i, n] of picked.entries()) {
      const t = Number.isInteger(n) ? targets[n - 1] : undefined;
      if (!t) errors.push(`"${tokens[i]}" is not a target number (1 to ${targets.length})`);
      else values.push({ label: labels.get(t.id) ?? t.endpointId, value: t.id });
    }
  } else if (isNumericKey(axis.param)) {
    for (const token of tokens) {
      const got = expandNumber(token);
      if (typeof got === 'string') errors.push(got);
      else values.push(...got.map((n) => ({ label: `${AXIS_LABELS[axis.param]} ${formatNumber(n)}`, value: n })));
    }
  } else {
    values = tokens.map((t) => ({ label: `${AXIS_LABELS[axis.param]} ${t.length > 24 ? `${t.slice(0, 23)}…` : t}`, value: t }));
  }
  if (tokens.length === 0 && axis.param !== 'target') errors.push(`Give the ${AXIS_LABELS[axis.param]} values, separated by commas`);
  if (values.length > MAX_AXIS_VALUES) errors.push(`${values.length} values; at most ${MAX_AXIS_VALUES} per axis`);
  return { values, errors };
}

export interface SweepCell {
  /** Stable within the plan: `y:x:target`. */
  key: string;
  xIndex: number;
  yIndex: number;
  targetId: string;
  /** The job's label in the gallery: the axis values, and the target when it is not on an axis. */
  label: string;
  mapping: TargetMapping;
}

export interface SweepPlan {
  xs: AxisValue[];
  ys: AxisValue[];
  /** The targets each cell runs (all of them, unless the targets are on an axis). */
  cellTargets: CompareTarget[];
  cells: SweepCell[];
  /** Requests that will be sent: the sendable cells. */
  requestCount: number;
  /** Cells that will not be sent, with why. */
  skipped: SweepCell[];
  errors: string[];
}

function applyAxis(shared: SharedParams, param: AxisParam | undefined, v: AxisValue | undefined): SharedParams {
  if (!param || !v || param === 'target') return shared;
  return { ...shared, [param as SharedKey]: v.value };
}

/**
 * Every cell of the plot. Without axes it is the plain side-by-side: one cell per target.
 * `shared.seed` should already be concrete (drawn once) unless the seed is on an axis.
 */
export function planSweep(input: { targets: CompareTarget[]; shared: SharedParams; x?: SweepAxis; y?: SweepAxis }): SweepPlan {
  const { targets, shared, x, y } = input;
  const errors: string[] = [];
  if (targets.length === 0) errors.push('Add at least one target.');
  if (x && y && x.param === y.param) errors.push('The X and Y axes must be different parameters.');
  const px = x ? parseAxis(x, targets) : { values: [], errors: [] };
  const py = y ? parseAxis(y, targets) : { values: [], errors: [] };
  errors.push(...px.errors.map((e) => `X axis: ${e}`), ...py.errors.map((e) => `Y axis: ${e}`));
  const xs = x ? px.values : [];
  const ys = y ? py.values : [];
  const targetAxis = x?.param === 'target' ? 'x' : y?.param === 'target' ? 'y' : undefined;
  const cellTargets = targetAxis ? [] : targets;
  const labels = targetLabels(targets);
  const byId = new Map(targets.map((t) => [t.id, t]));
  const cells: SweepCell[] = [];
  if (errors.length === 0) {
    const xList: Array<AxisValue | undefined> = xs.length ? xs : [undefined];
    const yList: Array<AxisValue | undefined> = ys.length ? ys : [undefined];
    for (const [yi, yv] of yList.entries()) {
      for (const [xi, xv] of xList.entries()) {
        const cellShared = applyAxis(applyAxis(shared, x?.param, xv), y?.param, yv);
        const axisTarget = targetAxis === 'x' ? xv : targetAxis === 'y' ? yv : undefined;
        const runs = axisTarget ? [byId.get(String(axisTarget.value))!] : cellTargets;
        for (const t of runs) {
          const parts = [xv?.label, yv?.label].filter((s): s is string => !!s);
          if (!axisTarget && (targets.length > 1 || parts.length === 0)) parts.push(labels.get(t.id) ?? t.endpointId);
          cells.push({ key: `${yi}:${xi}:${t.id}`, xIndex: xi, yIndex: yi, targetId: t.id, label: parts.join(' · '), mapping: mapTarget(t, cellShared) });
        }
      }
    }
  }
  const requestCount = cells.filter((c) => c.mapping.sendable).length;
  if (requestCount > MAX_REQUESTS) errors.push(`${requestCount} requests: at most ${MAX_REQUESTS} per run. Use fewer values.`);
  return { xs, ys, cellTargets, cells, requestCount, skipped: cells.filter((c) => !c.mapping.sendable), errors };
}
