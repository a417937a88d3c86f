import { afterEach, describe, expect, it, vi } from 'vitest';
import { embedMetadata, readImageMetadata } from './image-metadata';
import { createMetadataReader } from './read-client';
import type { WorkerLike } from './read-client';
import { PNG_SIGNATURE, encodePngChunk } from './png';
import { concatBytes, u32BE } from './bytes';
import { zlibSync } from 'fflate';

const PNG = embedMetadata(
  concatBytes([PNG_SIGNATURE, encodePngChunk('IHDR', concatBytes([u32BE(1), u32BE(1), new Uint8Array([8, 2, 0, 0, 0])])), encodePngChunk('IDAT', zlibSync(new Uint8Array(4))), encodePngChunk('IEND', new Uint8Array())]),
  { infotext: 'a bay\nSteps: 4, Sampler: Euler, Seed: 9' },
);

/**
 * Node has no web Workers: this stand-in runs the real reader as the Worker script does
 * (`answer: 'read'`), or never answers (a read that hangs), or fails like a crashed Worker.
 */
function standIn(answer: 'read' | 'never' | 'crash') {
  const made: { terminated: boolean }[] = [];
  const start = (): WorkerLike => {
    const listeners: Record<string, ((e: never) => void)[]> = { message: [], error: [] };
    const state = { terminated: false };
    made.push(state);
    return {
      addEventListener: (type: string, l: (e: never) => void) => listeners[type]?.push(l),
      terminate: () => void (state.terminated = true),
      postMessage: (message) => {
        const { id, bytes } = message as { id: number; bytes: Uint8Array };
        if (answer === 'read') void readImageMetadata(bytes).then((read) => listeners['message']?.forEach((l) => l({ data: { id, read } } as never)));
        if (answer === 'crash') queueMicrotask(() => listeners['error']?.forEach((l) => l({ message: 'out of memory' } as never)));
      },
    } as WorkerLike;
  };
  return { start, made };
}

afterEach(() => void vi.useRealTimers());

describe('createMetadataReader', () => {
  it('answers with what the reader in the Worker read, reusing one Worker', async () => {
    const { start, made } = standIn('read');
    const reader = createMetadataReader(start);
    expect(await reader.read(PNG)).toEqual(await readImageMetadata(PNG));
    expect((await reader.read(PNG)).prompt).toBe('a bay');
    expect(made).toHaveLength(1);
  });

  it('past the time budget: ends the Worker, says the file could not be read, and starts afresh', async () => {
    vi.useFakeTimers();
    const { start, made } = standIn('never');
    const reader = createMetadataReader(start, 2000);
    const reading = reader.read(PNG);
    vi.advanceTimersByTime(2000);
    expect(await reading).toEqual({ source: 'none', format: 'png', raw: {}, warnings: ["This file's parameters could not be read: reading took longer than 2 s."] });
    expect(made[0]?.terminated).toBe(true);
    const again = reader.read(PNG);
    expect(made).toHaveLength(2);
    vi.advanceTimersByTime(2000);
    await again;
  });

  it('a Worker that fails gives the reason, not a hang', async () => {
    const { start } = standIn('crash');
    const read = await createMetadataReader(start).read(new Uint8Array([1, 2, 3]));
    expect(read.warnings).toEqual(["This file's parameters could not be read: the reader stopped (out of memory)."]);
  });
});
