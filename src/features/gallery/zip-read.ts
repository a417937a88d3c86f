/**
 * Reads chosen entries of a zip with caps on what inflation makes: each entry is counted while it
 * inflates (fed in small slices, so one step makes at most ~16 MB), and inflation stops the moment
 * an entry or the archive as a whole passes its cap. Entries not asked for are never inflated.
 */
import { Unzip, UnzipInflate } from 'fflate';
import { concatBytes } from '../../lib/metadata/bytes';

export interface ZipLimits {
  /** Inflated bytes one entry may make. */
  entryBytes: number;
  /** Inflated bytes all entries read from one archive may make together (over every call). */
  archiveBytes: number;
}

export const ZIP_LIMITS: ZipLimits = { entryBytes: 256 * 1024 * 1024, archiveBytes: 1024 * 1024 * 1024 };

/** Compressed bytes fed per step: deflate makes at most ~1,032 bytes of one. */
const SLICE = 16 * 1024;

export class ZipLimitError extends Error {}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** A reader of one archive; `used` counts what every read so far inflated. */
export function zipReader(zip: Uint8Array, limits: ZipLimits = ZIP_LIMITS) {
  let used = 0;
  return {
    /** The entries `wanted` accepts, inflated; throws ZipLimitError past a cap. */
    read(wanted: (name: string) => boolean): Record<string, Uint8Array> {
      const out: Record<string, Uint8Array> = {};
      let failure: Error | undefined;
      const unzip = new Unzip((file) => {
        if (failure || !wanted(file.name)) return;
        const chunks: Uint8Array[] = [];
        let size = 0;
        file.ondata = (err, chunk, final) => {
          if (failure) return;
          if (err) {
            failure = err;
            return;
          }
          size += chunk.length;
          used += chunk.length;
          if (size > limits.entryBytes) failure = new ZipLimitError(`${file.name} inflates to more than ${mb(limits.entryBytes)}`);
          else if (used > limits.archiveBytes) failure = new ZipLimitError(`the archive inflates to more than ${mb(limits.archiveBytes)} in all`);
          if (failure) {
            file.terminate();
            return;
          }
          chunks.push(chunk);
          if (final) out[file.name] = chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
        };
        file.start();
      });
      unzip.register(UnzipInflate);
      for (let at = 0; at < zip.length && !failure; at += SLICE) unzip.push(zip.subarray(at, at + SLICE), at + SLICE >= zip.length);
      if (failure) throw failure;
      return out;
    },
  };
}
