/**
 * The mask's operations from a blank mask to the one on screen, as the mask Worker redraws them at
 * the image's full size (`mask-export.ts`). Pure bookkeeping beside the display history
 * (`mask-history.ts`), which may forget old steps: this log keeps every operation still in effect,
 * and drops the ones before a clear or a whole new mask that undo can no longer reach.
 */

/** An operation as the log holds it: `seq` is unique for the page, so the Worker can tell what it has drawn. */
export interface LogEntry<Op> {
  seq: number;
  op: Op;
}

let lastSeq = 0;

export class MaskLog<Op> {
  private list: LogEntry<Op>[] = [];

  constructor(
    /** Whether an operation sets the whole mask (a clear, a whole new mask): what comes before it no longer matters. */
    private readonly absolute: (op: Op) => boolean,
  ) {}

  get entries(): readonly LogEntry<Op>[] {
    return this.list;
  }

  /** An operation applied on top. */
  push(op: Op): void {
    this.list.push({ seq: ++lastSeq, op });
  }

  /** The newest operation undone. */
  pop(): LogEntry<Op> | undefined {
    return this.list.pop();
  }

  /** A fresh start (a new or loaded mask); returns what was held. */
  reset(first?: Op): LogEntry<Op>[] {
    const dropped = this.list;
    this.list = [];
    if (first) this.push(first);
    return dropped;
  }

  /**
   * Drops what precedes the newest absolute operation that stays applied whatever is undone
   * (`undoDepth`: how many steps undo can still take back). Returns the dropped entries.
   */
  compact(undoDepth: number): LogEntry<Op>[] {
    const fixed = this.list.length - Math.max(0, undoDepth);
    for (let i = Math.min(fixed, this.list.length) - 1; i > 0; i--) {
      if (this.absolute(this.list[i]!.op)) return this.list.splice(0, i);
    }
    return [];
  }
}

/**
 * How the Worker gets from what it drew (`drawn`, the seqs in order) to `wanted`: apply the entries
 * from index `from` on, or start again from a blank mask when `drawn` is not where `wanted` begins.
 */
export function replayFrom(drawn: readonly number[], wanted: readonly number[]): number | 'restart' {
  if (drawn.length > wanted.length) return 'restart';
  for (let i = 0; i < drawn.length; i++) if (drawn[i] !== wanted[i]) return 'restart';
  return drawn.length;
}
