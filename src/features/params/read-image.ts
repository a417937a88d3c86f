/** Reads the parameters a dropped or chosen image carries; loaded on use. Never throws. */
import { readImageMetadata } from '../../lib/metadata/image-metadata';
import type { ReadResult } from '../../lib/metadata/types';

export async function readImageFile(file: Blob): Promise<ReadResult> {
  return readImageMetadata(new Uint8Array(await file.arrayBuffer()));
}
