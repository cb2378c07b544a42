/** Bounds of a suggested poll interval, in ms. */
export interface PollBounds {
  minMs: number;
  maxMs: number;
}

/**
 * When a source is next worth polling, in ms from now. Like Media Cloud's feed scheduler, a source
 * is polled about as often as it has been seen to change: a quarter of the time since its last
 * change (a source that just changed is polled at the minimum, one quiet for days at the maximum).
 * The server's own freshness lifetime (Cache-Control/Expires) is honoured as a floor, within the maximum.
 */
export function pollAfterMs(lastChangeAt: number | undefined, now: number, bounds: PollBounds, serverFreshnessMs?: number): number {
  const sinceChange = lastChangeAt === undefined ? 0 : Math.max(0, now - lastChangeAt);
  const adaptive = Math.min(bounds.maxMs, Math.max(bounds.minMs, sinceChange / 4));
  return Math.round(Math.max(adaptive, Math.min(bounds.maxMs, serverFreshnessMs ?? 0)));
}
