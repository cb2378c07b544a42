// The one check of dates that come from outside (query parameters, request bodies, config files):
// the shape, and that the day exists.
import { z } from 'zod';

/** A calendar day, written YYYY-MM-DD. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Date.parse rolls 2020-02-30 over to March; a real date survives the round trip. */
export function isRealDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && !Number.isNaN(Date.parse(value));
}

/** A real calendar day, YYYY-MM-DD. */
export const daySchema = z.string().regex(DAY_PATTERN, 'use YYYY-MM-DD').refine(isRealDate, 'is not a real date');

/** A real day, YYYY-MM-DD, or an ISO 8601 date-time on a real day. */
export const dateOrDateTimeSchema = z.string().regex(DATE_OR_DATE_TIME, 'use YYYY-MM-DD or an ISO 8601 date-time').refine(isRealDate, 'is not a real date');
