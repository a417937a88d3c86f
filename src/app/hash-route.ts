/**
 * The URL fragment: `#/<view>` and, after `?`, what the view shows (`c`: an open comparison,
 * `setup`: a shared playground setup). Every view change is a history entry, so Back and Forward
 * move between views and comparisons.
 */
export const VIEWS = ['playground', 'compare', 'gallery', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface HashRoute {
  view: View;
  params: URLSearchParams;
}

export function parseHash(hash: string): HashRoute {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q < 0 ? body : body.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : body.slice(q + 1));
  return { view: (VIEWS as readonly string[]).includes(path) ? (path as View) : 'playground', params };
}

export function formatHash(view: View, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return `#/${view}${query ? `?${query}` : ''}`;
}
