import type { FirstPaintSnapshot } from './providers/first-paint-snapshot';

declare global {
  /** Injected at build time (vite.config.ts `define`); see src/providers/first-paint-snapshot.ts. */
  const __FIRST_PAINT__: FirstPaintSnapshot;
}
