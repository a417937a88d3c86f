/**
 * Bounded undo history for the mask, as pure bookkeeping: a list of committed operations
 * (plain data) plus raster snapshots at regular checkpoints. Any state is rebuilt by
 * restoring the nearest snapshot at or before it and replaying the operations after it,
 * so undo replays at most `checkpointEvery - 1` operations. The caller owns the pixels:
 * the history only stores the snapshot handles it is given and hands back the ones it drops.
 */

export interface HistoryLimits {
  /** Undo always reaches at least this many steps back. */
  maxSteps: number;
  /** A snapshot is kept every this many operations. */
  checkpointEvery: number;
  /** The most snapshots alive at once (including the base). */
  maxSnapshots: number;
  /**
   * Bytes the kept operations may hold together (see `MaskHistory`'s `opBytes`): an operation
   * that holds a whole mask (feather, grow, a mask file) is as big as a snapshot. Past it, the
   * oldest steps go, so undo reaches less far back but memory stays bounded.
   */
  maxOpBytes?: number;
}

export interface HistoryBudget {
  maxSteps?: number;
  /** Bytes the snapshots may use together (4 bytes per pixel each). */
  snapshotBytes?: number;
  /** Bytes the kept operations may hold together (default 256 MiB). */
  opBytes?: number;
}

const MIB = 1024 * 1024;

/**
 * Limits for an image size: as many checkpoints as fit the memory budget (at least two:
 * the base and one more, at most one per step), spaced evenly over the step limit.
 */
export function historyLimits(width: number, height: number, budget: HistoryBudget = {}): HistoryLimits {
  const maxSteps = Math.max(1, Math.floor(budget.maxSteps ?? 50));
  const bytes = budget.snapshotBytes ?? 96 * MIB;
  const perSnapshot = Math.max(1, width * height * 4);
  const affordable = Math.max(2, Math.floor(bytes / perSnapshot));
  // Snapshots alive = base + ceil((maxSteps + every - 1) / every) at most; solve for `every`.
  let every = 1;
  while (every < maxSteps && 1 + Math.ceil((maxSteps + every - 1) / every) > affordable) every++;
  return {
    maxSteps,
    checkpointEvery: every,
    maxSnapshots: 1 + Math.ceil((maxSteps + every - 1) / every),
    maxOpBytes: budget.opBytes ?? 256 * MIB,
  };
}

/** What to do to show a given history position: restore `snapshot`, then replay `replay`. */
export interface RestorePlan<Op, Snap> {
  snapshot: Snap;
  replay: Op[];
}

export class MaskHistory<Op, Snap> {
  /** ops[i] takes the mask from position base + i to base + i + 1. */
  private ops: Op[] = [];
  /** Snapshots by absolute position; the base position always has one. */
  private snapshots = new Map<number, Snap>();
  private base = 0;
  private position = 0;

  constructor(
    readonly limits: HistoryLimits,
    initial: Snap,
    /** Bytes an operation holds (for `limits.maxOpBytes`); none by default. */
    private readonly opBytes: (op: Op) => number = () => 0,
  ) {
    this.snapshots.set(0, initial);
  }

  get canUndo(): boolean {
    return this.position > this.base;
  }

  get canRedo(): boolean {
    return this.position < this.base + this.ops.length;
  }

  /** Steps that can be undone right now. */
  get undoDepth(): number {
    return this.position - this.base;
  }

  get snapshotCount(): number {
    return this.snapshots.size;
  }

  /** Committed operations from the base up to the current position (for coverage tracking). */
  appliedOps(): readonly Op[] {
    return this.ops.slice(0, this.position - this.base);
  }

  /** The snapshot at the base, which `appliedOps` start from. */
  baseSnapshot(): Snap {
    return this.snapshots.get(this.base)!;
  }

  /**
   * Records an operation already applied to the raster. `snapshot` is called when this
   * position is a checkpoint. Returns the snapshots no longer needed (the redo branch, and
   * old ones beyond the step limit) for the caller to recycle.
   */
  push(op: Op, snapshot: () => Snap): Snap[] {
    const released: Snap[] = [];
    // A new operation discards the redo branch.
    this.ops.length = this.position - this.base;
    for (const [pos, snap] of this.snapshots) {
      if (pos > this.position) {
        this.snapshots.delete(pos);
        released.push(snap);
      }
    }
    this.ops.push(op);
    this.position++;
    if (this.position % this.limits.checkpointEvery === 0) this.snapshots.set(this.position, snapshot());
    // Move the base forward to the newest checkpoint that still leaves maxSteps to undo.
    let newBase = this.base;
    for (const pos of this.snapshots.keys()) {
      if (pos > newBase && this.position - pos >= this.limits.maxSteps) newBase = pos;
    }
    if (newBase !== this.base) {
      for (const [pos, snap] of this.snapshots) {
        if (pos < newBase) {
          this.snapshots.delete(pos);
          released.push(snap);
        }
      }
      this.ops.splice(0, newBase - this.base);
      this.base = newBase;
    }
    this.boundOpBytes(snapshot, released);
    return released;
  }

  /**
   * While the kept operations hold more than `maxOpBytes`, moves the base forward to the next
   * snapshot (the steps before it can no longer be undone); with none left before the current
   * position, takes one there and keeps no step to undo.
   */
  private boundOpBytes(snapshot: () => Snap, released: Snap[]): void {
    const limit = this.limits.maxOpBytes;
    if (limit === undefined) return;
    let total = this.ops.reduce((sum, op) => sum + this.opBytes(op), 0);
    if (total <= limit) return;
    const moveBaseTo = (pos: number) => {
      for (const op of this.ops.splice(0, pos - this.base)) total -= this.opBytes(op);
      for (const [at, snap] of this.snapshots) {
        if (at < pos) {
          this.snapshots.delete(at);
          released.push(snap);
        }
      }
      this.base = pos;
    };
    for (const pos of [...this.snapshots.keys()].sort((a, b) => a - b)) {
      if (total <= limit) return;
      if (pos > this.base && pos <= this.position) moveBaseTo(pos);
    }
    if (total <= limit) return;
    if (!this.snapshots.has(this.position)) this.snapshots.set(this.position, snapshot());
    moveBaseTo(this.position);
  }

  /** Steps back one position; returns how to rebuild it, or undefined at the limit. */
  undo(): RestorePlan<Op, Snap> | undefined {
    if (!this.canUndo) return undefined;
    this.position--;
    return this.planFor(this.position);
  }

  /** Steps forward one position; returns the operation to apply on top of the current raster. */
  redo(): Op | undefined {
    if (!this.canRedo) return undefined;
    const op = this.ops[this.position - this.base]!;
    this.position++;
    return op;
  }

  /** How to rebuild the current position (after an aborted stroke dirtied the raster). */
  current(): RestorePlan<Op, Snap> {
    return this.planFor(this.position);
  }

  /** Every snapshot held, for the caller to recycle when the history is thrown away. */
  dispose(): Snap[] {
    const all = [...this.snapshots.values()];
    this.snapshots.clear();
    this.ops = [];
    return all;
  }

  private planFor(position: number): RestorePlan<Op, Snap> {
    let at = this.base;
    for (const pos of this.snapshots.keys()) if (pos <= position && pos > at) at = pos;
    return {
      snapshot: this.snapshots.get(at)!,
      replay: this.ops.slice(at - this.base, position - this.base),
    };
  }
}
