import { describe, expect, it } from 'vitest';
import { MaskLog, replayFrom } from './mask-log';

type Op = { kind: 'stroke' | 'clear' | 'replace'; n: number };
const absolute = (op: Op) => op.kind !== 'stroke';
const kinds = (log: MaskLog<Op>) => log.entries.map((e) => `${e.op.kind}${e.op.n}`);

describe('MaskLog', () => {
  it('pushes and pops as undo and redo do, with a new seq each time', () => {
    const log = new MaskLog<Op>(absolute);
    log.push({ kind: 'stroke', n: 1 });
    log.push({ kind: 'stroke', n: 2 });
    const seq2 = log.entries[1]!.seq;
    const popped = log.pop()!;
    expect(popped.op.n).toBe(2);
    log.push(popped.op);
    expect(log.entries[1]!.seq).toBeGreaterThan(seq2);
    expect(kinds(log)).toEqual(['stroke1', 'stroke2']);
  });

  it('drops what comes before a clear or a whole mask only once undo cannot reach it', () => {
    const log = new MaskLog<Op>(absolute);
    log.push({ kind: 'stroke', n: 1 });
    log.push({ kind: 'stroke', n: 2 });
    log.push({ kind: 'clear', n: 3 });
    log.push({ kind: 'stroke', n: 4 });
    // Undo can still take the clear back: nothing goes.
    expect(log.compact(2)).toEqual([]);
    expect(kinds(log)).toEqual(['stroke1', 'stroke2', 'clear3', 'stroke4']);
    // Undo reaches only the last stroke: the clear stays for good, what precedes it goes.
    expect(log.compact(1).map((e) => e.op.n)).toEqual([1, 2]);
    expect(kinds(log)).toEqual(['clear3', 'stroke4']);
  });

  it('keeps the newest whole mask that stays, and everything after it', () => {
    const log = new MaskLog<Op>(absolute);
    log.push({ kind: 'replace', n: 1 });
    log.push({ kind: 'stroke', n: 2 });
    log.push({ kind: 'replace', n: 3 });
    log.push({ kind: 'stroke', n: 4 });
    log.push({ kind: 'stroke', n: 5 });
    expect(log.compact(0).map((e) => e.op.n)).toEqual([1, 2]);
    expect(kinds(log)).toEqual(['replace3', 'stroke4', 'stroke5']);
  });

  it('starts again from a loaded mask, handing back what it held', () => {
    const log = new MaskLog<Op>(absolute);
    log.push({ kind: 'stroke', n: 1 });
    expect(log.reset({ kind: 'replace', n: 2 }).map((e) => e.op.n)).toEqual([1]);
    expect(kinds(log)).toEqual(['replace2']);
    expect(log.reset().map((e) => e.op.n)).toEqual([2]);
    expect(log.entries).toEqual([]);
  });
});

describe('replayFrom', () => {
  it('continues where the Worker stopped when what it drew begins the wanted list', () => {
    expect(replayFrom([], [1, 2])).toBe(0);
    expect(replayFrom([1, 2], [1, 2, 5])).toBe(2);
    expect(replayFrom([1, 2], [1, 2])).toBe(2);
  });

  it('starts again after an undo or a different history', () => {
    expect(replayFrom([1, 2, 3], [1, 2])).toBe('restart');
    expect(replayFrom([1, 2], [1, 4, 5])).toBe('restart');
  });
});
