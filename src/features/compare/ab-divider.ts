/** Where the A/B divider goes for a pointer at `clientX` over a box: a whole percent, 0–100. */
export function dividerAt(clientX: number, box: { left: number; width: number }): number {
  if (!(box.width > 0) || !Number.isFinite(clientX)) return 50;
  const pct = ((clientX - box.left) / box.width) * 100;
  return Math.round(Math.min(100, Math.max(0, pct)));
}
