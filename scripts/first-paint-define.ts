// The playground's first paint data (src/providers/first-paint-snapshot.ts), derived from the
// registry when the build (or the unit tests) start, and injected as the global `__FIRST_PAINT__`.
import { firstPaintSnapshot } from '../src/providers/first-paint-snapshot';
import { DEFAULT_ENDPOINT_ID, getEndpoint, providers } from '../src/providers/registry';

export function firstPaintDefine(): Record<string, string> {
  return { __FIRST_PAINT__: JSON.stringify(firstPaintSnapshot({ providers, getEndpoint }, DEFAULT_ENDPOINT_ID)) };
}
