// ISO weeks as seen in Asia/Ho_Chi_Minh (core/time.ts: a fixed +07:00 shift of UTC).
import { DAY_MS, VIETNAM_OFFSET_MS, vietnamDay } from '../../core/time.ts';

export interface IsoWeek {
  /** ISO week-numbering year (may differ from the calendar year around New Year). */
  year: number;
  week: number;
  /** "2020-W42". */
  label: string;
  /** Monday 00:00 +07:00, as a UTC instant. */
  start: Date;
  /** The following Monday 00:00 +07:00 (exclusive). */
  end: Date;
  /** The seven local days, "YYYY-MM-DD", Monday first. */
  days: string[];
}

/** A local (Vietnam) calendar day as a UTC-midnight Date, for day arithmetic. */
function localDay(instant: Date): Date {
  return new Date(`${vietnamDay(instant)}T00:00:00Z`);
}

/** ISO day of week, Monday = 1 .. Sunday = 7, of a UTC-midnight day. */
function isoDayOfWeek(day: Date): number {
  return day.getUTCDay() === 0 ? 7 : day.getUTCDay();
}

/** Monday of ISO week 1 of `year`: the week holding 4 January. */
function week1Monday(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  return new Date(jan4.getTime() - (isoDayOfWeek(jan4) - 1) * DAY_MS);
}

/** 52 or 53. */
export function weeksInIsoYear(year: number): number {
  return Math.round((week1Monday(year + 1).getTime() - week1Monday(year).getTime()) / (7 * DAY_MS));
}

function build(year: number, week: number): IsoWeek {
  const monday = new Date(week1Monday(year).getTime() + (week - 1) * 7 * DAY_MS);
  const days = Array.from({ length: 7 }, (_, i) => new Date(monday.getTime() + i * DAY_MS).toISOString().slice(0, 10));
  return {
    year,
    week,
    label: `${year}-W${String(week).padStart(2, '0')}`,
    start: new Date(monday.getTime() - VIETNAM_OFFSET_MS),
    end: new Date(monday.getTime() + 7 * DAY_MS - VIETNAM_OFFSET_MS),
    days,
  };
}

/** The ISO week containing an instant, in Vietnam time. */
export function isoWeekOf(instant: Date): IsoWeek {
  const day = localDay(instant);
  // The Thursday of this week decides the ISO year.
  const thursday = new Date(day.getTime() + (4 - isoDayOfWeek(day)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - week1Monday(year).getTime()) / (7 * DAY_MS)) + 1;
  return build(year, week);
}

/** Parses "2020-W42" (also "2020W42", "2020-w42"); throws a readable error otherwise. */
export function parseIsoWeek(value: string): IsoWeek {
  const match = /^(\d{4})-?[Ww](\d{1,2})$/.exec(value.trim());
  if (!match) throw new Error(`"${value}" is not an ISO week; use the form 2020-W42`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  const max = weeksInIsoYear(year);
  if (week < 1 || week > max) throw new Error(`"${value}": ${year} has ISO weeks 1 to ${max}`);
  return build(year, week);
}

/** The week before (or `n` weeks before). */
export function previousIsoWeek(week: IsoWeek, n = 1): IsoWeek {
  return isoWeekOf(new Date(week.start.getTime() - (n - 1) * 7 * DAY_MS - 1));
}

/** The last ISO week that has fully ended at `now`, in Vietnam time. */
export function lastCompleteIsoWeek(now: Date = new Date()): IsoWeek {
  return previousIsoWeek(isoWeekOf(now));
}

/** Inclusive store filter bounds for the week (the store's `to` is inclusive). */
export function weekRange(week: IsoWeek): { from: string; to: string } {
  return { from: week.start.toISOString(), to: new Date(week.end.getTime() - 1).toISOString() };
}
