/** Why a submit or retry did not go out, in plain words for the user. */
import { KeyInRecordError } from './key-guard';
import { MissingImageError } from './local-images';
import { InvalidParamsError } from './run-job';
import { StorageFullError } from './storage-errors';

export function submitFailure(error: unknown): string {
  if (error instanceof InvalidParamsError) return `Not sent: some parameters are not valid (${error.message}). Fix them and press Generate again.`;
  if (error instanceof StorageFullError) return `Not sent: ${error.message}`;
  if (error instanceof KeyInRecordError) {
    return 'Not sent: the job record would have held your API key, so it was not saved and nothing left. This is a bug in the playground; please report it.';
  }
  if (error instanceof MissingImageError) return `Not sent: ${error.message}`;
  const detail = error instanceof Error ? error.message : String(error);
  return `Not sent: something went wrong before the request left (${detail}).`;
}
