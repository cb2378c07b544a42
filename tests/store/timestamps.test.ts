import { describe, expect, it } from 'vitest';
import { vietnamDay } from '../../core/time.ts';
import { dayOfTimestamp, itemTimestamp } from '../../pipeline/store/common.ts';

describe('dayOfTimestamp', () => {
  it('gives the Vietnamese day of every stored timestamp, on both sides of 17:00 UTC', () => {
    const instants = [
      '2020-10-15T16:59:59.999Z',
      '2020-10-15T17:00:00.000Z',
      '2020-12-31T16:59:59.999Z',
      '2020-12-31T17:00:00.000Z',
      '2020-02-28T17:30:00.000Z',
      '2021-02-28T17:30:00.000Z',
      '1999-12-31T23:59:59.999Z',
    ].map(Date.parse);
    // Every 7 minutes and 13 seconds over four days, so each hour of the day is crossed.
    for (let ms = Date.parse('2020-10-14T00:00:00Z'); ms < Date.parse('2020-10-18T00:00:00Z'); ms += 433_000) instants.push(ms);
    for (const ms of instants) {
      const ts = itemTimestamp({ publishedAt: new Date(ms).toISOString(), fetchedAt: '2021-01-01T00:00:00Z' });
      expect(dayOfTimestamp(ts), ts).toBe(vietnamDay(ms));
    }
  });

  it('parses timestamps outside the four-digit years instead of slicing them', () => {
    const ts = new Date(Date.UTC(10_000, 0, 1, 3)).toISOString();
    expect(ts).toBe('+010000-01-01T03:00:00.000Z');
    expect(dayOfTimestamp(ts)).toBe(vietnamDay(ts));
  });
});
