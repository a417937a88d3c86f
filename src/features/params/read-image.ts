/** Reads the parameters a dropped or chosen image carries, in a Worker under a time budget. Never throws. */
import { readImageMetadataSafely } from '../../lib/metadata/read-client';
import type { ReadResult } from '../../lib/metadata/types';

export async function readImageFile(file: Blob): Promise<ReadResult> {
  return readImageMetadataSafely(new Uint8Array(await file.arrayBuffer()));
}
