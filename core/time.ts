// Calendar days in Vietnam (Asia/Ho_Chi_Minh). Vietnam keeps +07:00 all year (no DST), so a local
// day is a fixed shift of UTC and no time-zone database is needed. Every day bucket of the store,
// the dashboard trends and the digest's weeks goes through here.

export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Calendar day (YYYY-MM-DD) in Vietnam of an instant: an ISO date-time, epoch ms or a Date. */
export function vietnamDay(instant: string | number | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
