import { describe, expect, it } from 'vitest';
import { dateOrDateTimeSchema, daySchema } from '../../core/date-params.ts';

const ok = (schema: typeof daySchema, value: string) => schema.safeParse(value).success;

describe('date parameters', () => {
  it('takes real YYYY-MM-DD days only', () => {
    expect(ok(daySchema, '2020-02-29')).toBe(true);
    expect(ok(daySchema, '2021-02-29')).toBe(false); // Date.parse would roll it over to March
    expect(ok(daySchema, '2020-13-01')).toBe(false);
    expect(ok(daySchema, '2020-2-1')).toBe(false);
    expect(ok(daySchema, '2020-10-12T03:00:00Z')).toBe(false);
  });

  it('takes a day or an ISO 8601 date-time on a real day', () => {
    expect(ok(dateOrDateTimeSchema, '2020-10-12')).toBe(true);
    expect(ok(dateOrDateTimeSchema, '2020-10-12T03:00:00Z')).toBe(true);
    expect(ok(dateOrDateTimeSchema, '2020-10-12T10:00+07:00')).toBe(true);
    expect(ok(dateOrDateTimeSchema, '2020-02-30T00:00:00Z')).toBe(false);
    expect(ok(dateOrDateTimeSchema, '12/10/2020')).toBe(false);
  });
});
