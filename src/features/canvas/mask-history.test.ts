import { describe, expect, it } from 'vitest';
import { MaskHistory, historyLimits } from './mask-history';

/** A fake raster: the list of ops applied, so snapshots and replays can be checked by value. */
function harness(maxSteps: number, checkpointEvery: number) {
  let raster: number[] = [];
  const history = new MaskHistory<number, number[]>(
    { maxSteps, checkpointEvery, maxSnapshots: 1 + Math.ceil((maxSteps + checkpointEvery - 1) / checkpointEvery) },
    [],
  );
  const released: number[][] = [];
  let next = 1;
  return {
    history,
    released,
    get raster() {
      return raster;
    },
    commit() {
      const op = next++;
      raster = [...raster, op];
      released.push(...history.push(op, () => [...raster]));
    },
    undo() {
      const plan = history.undo();
      if (plan) raster = [...plan.snapshot, ...plan.replay];
      return plan;
    },
    redo() {
      const op = history.redo();
      if (op !== undefined) raster = [...raster, op];
      return op;
    },
  };
}

describe('historyLimits', () => {
  it('fits the snapshots into the memory budget', () => {
    const big = historyLimits(2048, 2048, { maxSteps: 50, snapshotBytes: 96 * 1024 * 1024 });
    expect(big.maxSnapshots * 2048 * 2048 * 4).toBeLessThanOrEqual(96 * 1024 * 1024);
    expect(big.checkpointEvery).toBe(13);
    const small = historyLimits(256, 256, { maxSteps: 50 });
    expect(small.checkpointEvery).toBe(1);
    expect(small.maxSnapshots).toBe(51);
  });

  it('keeps at least two snapshots even when one image is over budget', () => {
    const huge = historyLimits(8192, 8192, { maxSteps: 50, snapshotBytes: 1 });
    expect(huge.checkpointEvery).toBe(50);
    expect(huge.maxSnapshots).toBe(3);
  });
});

describe('MaskHistory', () => {
  it('undoes and redoes by restoring the nearest snapshot and replaying', () => {
    const h = harness(50, 4);
    for (let i = 0; i < 10; i++) h.commit();
    expect(h.raster).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const plan = h.undo()!;
    expect(plan.snapshot).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(plan.replay).toEqual([9]);
    expect(h.raster).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    h.undo();
    h.undo();
    expect(h.raster).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.redo()).toBe(8);
    expect(h.raster).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(h.history.current().replay).toEqual([]);
  });

  it('never replays more than checkpointEvery - 1 operations', () => {
    const h = harness(50, 5);
    for (let i = 0; i < 40; i++) h.commit();
    while (h.history.canUndo) expect(h.undo()!.replay.length).toBeLessThan(5);
    expect(h.raster).toEqual([]);
  });

  it('drops the redo branch, and its snapshots, on a new operation', () => {
    const h = harness(50, 2);
    for (let i = 0; i < 6; i++) h.commit();
    h.undo();
    h.undo();
    h.undo();
    expect(h.history.canRedo).toBe(true);
    h.commit();
    expect(h.history.canRedo).toBe(false);
    expect(h.raster).toEqual([1, 2, 3, 7]);
    expect(h.released).toEqual([
      [1, 2, 3, 4],
      [1, 2, 3, 4, 5, 6],
    ]);
    h.undo();
    expect(h.raster).toEqual([1, 2, 3]);
  });

  it('bounds the steps and the snapshots, and hands old snapshots back', () => {
    const h = harness(10, 3);
    for (let i = 0; i < 100; i++) {
      h.commit();
      expect(h.history.snapshotCount).toBeLessThanOrEqual(h.history.limits.maxSnapshots);
    }
    expect(h.history.undoDepth).toBeGreaterThanOrEqual(10);
    expect(h.history.undoDepth).toBeLessThan(10 + 3);
    let steps = 0;
    while (h.undo()) steps++;
    expect(steps).toBeGreaterThanOrEqual(10);
    // The oldest reachable state is a checkpoint, rebuilt without replay.
    expect(h.raster.length % 3).toBe(0);
    expect(h.released.length).toBeGreaterThan(20);
  });

  it('reports nothing to undo or redo at the ends', () => {
    const h = harness(5, 1);
    expect(h.undo()).toBeUndefined();
    expect(h.redo()).toBeUndefined();
    h.commit();
    expect(h.history.appliedOps()).toEqual([1]);
    expect(h.history.baseSnapshot()).toEqual([]);
    expect(h.history.dispose()).toEqual([[], [1]]);
  });
});

describe('MaskHistory: bytes held by operations', () => {
  /** Ops are their own size in bytes; the raster is the list of ops applied. */
  function sized(maxOpBytes: number, checkpointEvery = 100) {
    let raster: number[] = [];
    const released: number[][] = [];
    const history = new MaskHistory<number, number[]>({ maxSteps: 50, checkpointEvery, maxSnapshots: 3, maxOpBytes }, [], (op) => op);
    const commit = (op: number) => {
      raster = [...raster, op];
      released.push(...history.push(op, () => [...raster]));
    };
    const undoAll = () => {
      let plan;
      while ((plan = history.undo())) raster = [...plan.snapshot, ...plan.replay];
      return raster;
    };
    return { history, released, commit, undoAll, raster: () => raster };
  }

  it('keeps every step while the operations fit', () => {
    const h = sized(100);
    for (const op of [10, 20, 30]) h.commit(op);
    expect(h.history.undoDepth).toBe(3);
    expect(h.undoAll()).toEqual([]);
  });

  it('past the limit, the oldest steps go, and the current state is still exact', () => {
    const h = sized(100);
    h.commit(1);
    h.commit(2);
    h.commit(90); // 93 bytes: fits
    h.commit(60); // 153: over, and no checkpoint before: a snapshot here, nothing left to undo
    expect(h.history.undoDepth).toBe(0);
    expect(h.history.current()).toEqual({ snapshot: [1, 2, 90, 60], replay: [] });
    expect(h.released).toContainEqual([]); // the old base snapshot was handed back
    h.commit(5);
    expect(h.history.undoDepth).toBe(1);
    expect(h.undoAll()).toEqual([1, 2, 90, 60]);
  });

  it('moves the base to a checkpoint first, keeping the newer steps', () => {
    const h = sized(100, 2);
    h.commit(1);
    h.commit(2); // checkpoint at 2
    h.commit(50);
    h.commit(4); // checkpoint at 4
    h.commit(60); // 117 bytes: drop ops before 2 (-3 → 114), before 4 (-54 → 60)
    expect(h.history.undoDepth).toBe(1);
    expect(h.undoAll()).toEqual([1, 2, 50, 4]);
  });
});
