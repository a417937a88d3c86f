/**
 * In-browser checks of what the unit tests cannot reach without a canvas: live strokes and
 * their replay give identical pixels, the mask as sent (drawn at full size from the operations in
 * the mask Worker) equals black + the display raster at scale 1 and is strictly black/white,
 * undo/redo/abort/invert/clear restore exactly, the history stays bounded, and a document whose
 * display raster is scaled down sends exactly what an unscaled one sends.
 * `window.runRasterChecks()` returns a list of failures (empty when all pass).
 */
import { MaskDocument } from '../../src/features/canvas/mask-document';
import { isBinaryMask } from '../../src/features/canvas/mask-binarize';
import { exportFullMask } from '../../src/features/canvas/mask-export';
import { composeMask } from '../../src/features/canvas/mask-png';
import { MaskRaster } from '../../src/features/canvas/mask-raster';
import type { StrokeMode } from '../../src/features/canvas/mask-ops';

const W = 640;
const H = 480;

function pixels(canvas: HTMLCanvasElement): Uint8ClampedArray {
  return canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
}

/** The mask as sent, decoded: the Worker's PNG. */
async function sent(doc: MaskDocument, checkPaint = false): Promise<Uint8ClampedArray | undefined> {
  const { blob } = await exportFullMask(doc, checkPaint);
  if (!blob) return undefined;
  const bmp = await createImageBitmap(blob, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const c = new OffscreenCanvas(bmp.width, bmp.height);
  const ctx = c.getContext('2d')!;
  ctx.drawImage(bmp, 0, 0);
  return ctx.getImageData(0, 0, bmp.width, bmp.height).data;
}

function same(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function stroke(doc: MaskDocument, mode: StrokeMode, size: number, seed: number, pen = false) {
  let x = 50 + ((seed * 97) % (W - 100));
  let y = 50 + ((seed * 61) % (H - 100));
  doc.beginStroke(mode, size, x, y, pen ? 0.3 : 1);
  for (let i = 0; i < 60; i++) {
    x += Math.sin(i / 5 + seed) * 7.3;
    y += Math.cos(i / 7 + seed) * 5.1;
    doc.extendStroke(x, y, pen ? 0.2 + 0.8 * Math.abs(Math.sin(i / 9)) : 1);
  }
  doc.endStroke();
}

async function run(): Promise<string[]> {
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) failures.push(what);
  };
  const state = async (doc: MaskDocument) => ({ raster: pixels(doc.raster.toCanvas()), sent: (await sent(doc))! });
  const inStep = async (doc: MaskDocument, what: string) => {
    const scratch = document.createElement('canvas');
    composeMask(doc.raster.toCanvas(), scratch);
    const asSent = (await sent(doc))!;
    check(same(asSent, pixels(scratch)), `${what}: the mask as sent equals black + raster`);
    check(isBinaryMask(asSent), `${what}: the mask as sent is strictly black and white`);
    const raster = pixels(doc.raster.toCanvas());
    let binaryAlpha = true;
    for (let i = 3; i < raster.length; i += 4) if (raster[i] !== 0 && raster[i] !== 255) binaryAlpha = false;
    check(binaryAlpha, `${what}: the raster's alpha is 0 or 255`);
  };

  const doc = new MaskDocument(W, H, { maxSteps: 10, snapshotBytes: W * H * 4 * 4 });
  const states = [await state(doc)];
  const modes: StrokeMode[] = ['paint', 'paint', 'erase', 'paint', 'erase'];
  for (let i = 0; i < 5; i++) {
    stroke(doc, modes[i]!, 12 + i * 9, i + 1, i % 2 === 1);
    states.push(await state(doc));
  }
  await inStep(doc, 'after live strokes');
  for (let i = 4; i >= 0; i--) {
    doc.undo();
    const s = await state(doc);
    check(same(s.raster, states[i]!.raster) && same(s.sent, states[i]!.sent), `undo to step ${i} restores it exactly`);
  }
  for (let i = 1; i <= 5; i++) {
    doc.redo();
    const s = await state(doc);
    check(same(s.raster, states[i]!.raster) && same(s.sent, states[i]!.sent), `redo to step ${i} replays it exactly`);
  }

  // A dropped stroke leaves nothing behind.
  const before = await state(doc);
  doc.beginStroke('paint', 40, 10, 10, 1);
  doc.extendStroke(300, 300, 1);
  doc.abortStroke();
  const after = await state(doc);
  check(same(after.raster, before.raster) && same(after.sent, before.sent), 'an aborted stroke leaves the mask as it was');

  doc.invert();
  await inStep(doc, 'after invert');
  doc.invert();
  const twice = await state(doc);
  check(same(twice.raster, before.raster) && same(twice.sent, before.sent), 'inverting twice is the identity');
  doc.clear();
  check(doc.coverage() === 'empty', 'clear makes the mask known empty');
  const cleared = (await sent(doc))!;
  check(isBinaryMask(cleared) && !cleared.some((v, i) => i % 4 !== 3 && v !== 0), 'clear sends all black');

  // Erasing everything by hand: coverage is unknown, the scan finds nothing.
  stroke(doc, 'paint', 20, 3);
  check(doc.coverage() === 'some', 'painting makes the mask known non-empty');
  doc.beginStroke('erase', 400, W / 2, H / 2, 1);
  doc.extendStroke(W / 2 + 1, H / 2, 1);
  doc.endStroke();
  check(doc.coverage() === 'unknown', 'erasing makes coverage unknown');
  check((await sent(doc, true)) === undefined, 'the Worker finds an erased mask empty');
  stroke(doc, 'paint', 10, 7);
  check((await sent(doc, true)) !== undefined, 'the Worker finds paint');

  // Bounded history: far more operations than steps, then undo as far as it goes, checking
  // every state against a document that only ever went forward.
  const long = new MaskDocument(W, H, { maxSteps: 10, snapshotBytes: W * H * 4 * 4 });
  const reference = new MaskDocument(W, H, { maxSteps: 1000, snapshotBytes: W * H * 4 * 1000 });
  // refStates[n]: the mask after n operations.
  const refStates: Uint8ClampedArray[] = [pixels(reference.raster.toCanvas())];
  for (let i = 0; i < 40; i++) {
    const mode: StrokeMode = i % 4 === 3 ? 'erase' : 'paint';
    stroke(long, mode, 8 + (i % 5) * 6, 10 + i, i % 3 === 0);
    stroke(reference, mode, 8 + (i % 5) * 6, 10 + i, i % 3 === 0);
    refStates.push(pixels(reference.raster.toCanvas()));
    if (i === 30) {
      long.invert();
      reference.invert();
      refStates.push(pixels(reference.raster.toCanvas()));
    }
  }
  const total = refStates.length - 1;
  let undos = 0;
  while (long.undo()) {
    undos++;
    if (!same(pixels(long.raster.toCanvas()), refStates[total - undos]!)) failures.push(`undo ${undos} of a bounded history restores the state after ${total - undos} operations`);
    if (undos > 60) break;
  }
  check(undos >= 10 && undos < 10 + long.limits.checkpointEvery, `undo reaches back between 10 and ${10 + long.limits.checkpointEvery - 1} steps (got ${undos})`);
  for (let i = 0; i < undos; i++) long.redo();
  check(same(pixels(long.raster.toCanvas()), pixels(reference.raster.toCanvas())), 'after undoing and redoing everything, the bounded history matches the reference');
  await inStep(long, 'bounded history after redo');

  // A display raster at half size: what is sent is drawn at full size, the same as unscaled.
  const scaled = new MaskDocument(W, H, undefined, W / 2);
  const full = new MaskDocument(W, H);
  check(scaled.raster.width === W / 2 && scaled.raster.scale === 0.5, 'the display raster is scaled to the display side');
  const both = (f: (d: MaskDocument) => void) => [scaled, full].forEach(f);
  const sentStates: Uint8ClampedArray[] = [];
  for (let i = 0; i < 6; i++) {
    both((d) => stroke(d, i % 3 === 2 ? 'erase' : 'paint', 9 + i * 7, 20 + i, i % 2 === 0));
    if (i === 2) both((d) => d.fillShape('paint', { kind: 'rect', rect: { x: 33, y: 41, width: 101, height: 57 } }));
    if (i === 4) both((d) => d.invert());
    const a = (await sent(scaled))!;
    sentStates.push(a);
    check(same(a, (await sent(full))!), `scaled display, step ${i}: the mask sent equals the unscaled document's`);
  }
  scaled.undo();
  check(same((await sent(scaled))!, sentStates[4]!), 'scaled display: undo sends the state before the last stroke');
  scaled.dispose();
  full.dispose();
  doc.dispose();
  long.dispose();
  reference.dispose();
  await tileChecks(check);
  await largeMaskChecks(check);
  await boxPixelChecks(check);
  return failures;
}

/**
 * A mask over 16 megapixels is not kept in the Worker between exports: the next export draws it
 * again from the operations. It must send the same PNG as a document exported once at the end.
 */
async function largeMaskChecks(check: (ok: boolean, what: string) => void) {
  const [w, h] = [4200, 4000];
  const bytes = async (d: MaskDocument) => new Uint8Array(await (await exportFullMask(d, false)).blob!.arrayBuffer());
  const twice = new MaskDocument(w, h);
  const once = new MaskDocument(w, h);
  const both = (f: (d: MaskDocument) => void) => [twice, once].forEach(f);
  both((d) => d.fillShape('paint', { kind: 'rect', rect: { x: 1000, y: 900, width: 700, height: 500 } }));
  await bytes(twice);
  both((d) => {
    d.beginStroke('erase', 120, 1100, 1000, 1);
    d.extendStroke(1600, 1300, 1);
    d.endStroke();
  });
  await bytes(twice);
  both((d) => {
    d.beginStroke('paint', 60, 3000, 3000, 1);
    d.extendStroke(4100, 3900, 1);
    d.endStroke();
  });
  const a = await bytes(twice);
  const b = await bytes(once);
  check(a.length === b.length && a.every((v, i) => v === b[i]), 'a large mask drawn again for each export sends what one export of the same operations sends');
  twice.dispose();
  once.dispose();
}

/**
 * The display raster in small tiles (48 px: every stroke crosses edges) holds exactly the pixels of
 * one tile as large as the raster, through strokes, erasing, shapes, invert, a whole mask and
 * undo's rebuild from tile snapshots.
 */
async function tileChecks(check: (ok: boolean, what: string) => void) {
  const tiled = new MaskRaster(W, H, 1, 48);
  const whole = new MaskRaster(W, H, 1, 4096);
  check(tiled.drawnTiles().length === 0, 'a blank tiled raster has made no tile');
  const both = (f: (r: MaskRaster) => void) => [tiled, whole].forEach(f);
  const steps: [string, (r: MaskRaster) => void][] = [
    ['a stroke', (r) => r.apply({ kind: 'stroke', mode: 'paint', size: 31, points: path(1) })],
    ['a thin stroke', (r) => r.apply({ kind: 'stroke', mode: 'paint', size: 3, points: path(2) })],
    ['erasing', (r) => r.apply({ kind: 'stroke', mode: 'erase', size: 17, points: path(3) })],
    ['a rectangle', (r) => r.fillShape('paint', { kind: 'rect', rect: { x: 40, y: 45, width: 101, height: 57 } })],
    ['a lasso cut out', (r) => r.fillShape('erase', { kind: 'polygon', points: new Float32Array([60, 50, 200, 70, 90, 160]) })],
    ['invert', (r) => r.invert()],
    ['a stroke after invert', (r) => r.apply({ kind: 'stroke', mode: 'erase', size: 25, points: path(4) })],
  ];
  for (const [what, step] of steps) {
    both(step);
    check(same(pixels(tiled.toCanvas()), pixels(whole.toCanvas())), `tiles: ${what} gives the pixels of one canvas`);
  }
  const snap = await tiled.snapshot();
  const before = pixels(tiled.toCanvas());
  tiled.clear();
  check(tiled.drawnTiles().length === 0, 'tiles: clear frees every tile');
  tiled.rebuild(snap);
  check(same(pixels(tiled.toCanvas()), before), 'tiles: a rebuild from tile snapshots restores every pixel');
  const grey = document.createElement('canvas');
  grey.width = W;
  grey.height = H;
  const g = grey.getContext('2d')!;
  g.fillStyle = 'rgba(255, 255, 255, 0.5)';
  g.fillRect(100, 100, 300, 200);
  both((r) => r.replaceWith(grey));
  check(same(pixels(tiled.toCanvas()), pixels(whole.toCanvas())), 'tiles: a whole (grey) mask gives the pixels of one canvas');
  tiled.dispose();
  whole.dispose();
  const erasedOnly = new MaskRaster(W, H, 1, 48);
  erasedOnly.apply({ kind: 'stroke', mode: 'erase', size: 40, points: path(5) });
  check(erasedOnly.drawnTiles().length === 0, 'tiles: erasing a blank raster makes no tile');
  erasedOnly.dispose();
}

/** The painted box's pixels that come back with an export are the PNG's pixels there. */
async function boxPixelChecks(check: (ok: boolean, what: string) => void) {
  const d = new MaskDocument(W, H);
  stroke(d, 'paint', 30, 11);
  d.fillShape('paint', { kind: 'rect', rect: { x: 500, y: 300, width: 90, height: 70 } });
  const rect = { x: 37, y: 21, width: 563, height: 401 };
  const answer = await exportFullMask(d, false, 'png', rect);
  const all = (await sent(d))!;
  const crop = new Uint8ClampedArray(rect.width * rect.height * 4);
  for (let y = 0; y < rect.height; y++) crop.set(all.subarray(((rect.y + y) * W + rect.x) * 4, ((rect.y + y) * W + rect.x + rect.width) * 4), y * rect.width * 4);
  check(!!answer.boxPixels && same(answer.boxPixels, crop), "the box's pixels sent with an export equal the PNG's there");
  d.dispose();
}

/** A wandering stroke's samples ([x, y, pressure, …]) across the raster. */
function path(seed: number): Float32Array {
  const out: number[] = [];
  let x = 30 + ((seed * 97) % (W - 60));
  let y = 30 + ((seed * 61) % (H - 60));
  for (let i = 0; i < 80; i++) {
    x += Math.sin(i / 5 + seed) * 9.1;
    y += Math.cos(i / 7 + seed) * 6.3;
    out.push(x, y, i % 3 === 0 ? 0.4 : 1);
  }
  return new Float32Array(out);
}

declare global {
  interface Window {
    runRasterChecks(): Promise<string[]>;
  }
}

window.runRasterChecks = run;
