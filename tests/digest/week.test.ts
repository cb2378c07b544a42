import { describe, expect, it } from 'vitest';
import { isoWeekOf, lastCompleteIsoWeek, parseIsoWeek, previousIsoWeek, weekRange, weeksInIsoYear } from '../../features/digest/week.ts';

describe('ISO weeks in Vietnam time', () => {
  it('parses a week label into Monday 00:00 to the next Monday 00:00, +07:00', () => {
    const week = parseIsoWeek('2020-W42');
    expect(week.label).toBe('2020-W42');
    expect(week.start.toISOString()).toBe('2020-10-11T17:00:00.000Z'); // Mon 12/10 00:00 +07:00
    expect(week.end.toISOString()).toBe('2020-10-18T17:00:00.000Z');
    expect(week.days).toEqual(['2020-10-12', '2020-10-13', '2020-10-14', '2020-10-15', '2020-10-16', '2020-10-17', '2020-10-18']);
    expect(weekRange(week)).toEqual({ from: '2020-10-11T17:00:00.000Z', to: '2020-10-18T16:59:59.999Z' });
    expect(parseIsoWeek('2020w7').label).toBe('2020-W07');
  });

  it('knows 53-week years and rejects weeks that do not exist', () => {
    expect(weeksInIsoYear(2020)).toBe(53);
    expect(weeksInIsoYear(2021)).toBe(52);
    expect(parseIsoWeek('2020-W53').days[0]).toBe('2020-12-28');
    expect(() => parseIsoWeek('2021-W53')).toThrow(/2021 has ISO weeks 1 to 52/);
    expect(() => parseIsoWeek('2021-W00')).toThrow(/ISO weeks 1 to 52/);
    expect(() => parseIsoWeek('tuần 42')).toThrow(/use the form 2020-W42/);
  });

  it('assigns days around New Year to the right ISO year', () => {
    expect(isoWeekOf(new Date('2021-01-01T12:00:00+07:00')).label).toBe('2020-W53');
    expect(isoWeekOf(new Date('2019-12-30T12:00:00+07:00')).label).toBe('2020-W01');
    expect(previousIsoWeek(parseIsoWeek('2021-W01')).label).toBe('2020-W53');
  });

  it('defaults to the last complete week as seen in Ho Chi Minh City, not UTC', () => {
    // Monday 00:30 in Vietnam is still Sunday in UTC: week 42 has just ended.
    expect(lastCompleteIsoWeek(new Date('2020-10-19T00:30:00+07:00')).label).toBe('2020-W42');
    // Sunday 23:30 in Vietnam: week 42 is still running, so the last complete one is 41.
    expect(lastCompleteIsoWeek(new Date('2020-10-18T23:30:00+07:00')).label).toBe('2020-W41');
    // 18/10 17:00 UTC is already Monday in Vietnam (a UTC-based default would still say W41).
    expect(lastCompleteIsoWeek(new Date('2020-10-18T17:00:00Z')).label).toBe('2020-W42');
    expect(lastCompleteIsoWeek(new Date('2021-01-04T08:00:00+07:00')).label).toBe('2020-W53');
  });
});
