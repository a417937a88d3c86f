/**
 * What a batch is, without running one: the settings the form shows and a link carries. Kept apart
 * from `batch.ts` (loaded when a batch starts) so the first page does not carry the runner.
 */
export type SeedMode = 'consecutive' | 'drawn';
export interface BatchSettings {
  count: number;
  seeds: SeedMode;
}

export const MAX_BATCH = 16;
