/** Whether the page is served by the project's own server, which carries the live proxy. */
let probe: Promise<boolean> | undefined;

export function proxyAvailable(): Promise<boolean> {
  probe ??= fetch('/proxy/_ping', { credentials: 'omit' })
    .then((r) => r.ok)
    .catch(() => false);
  return probe;
}
