import { describe, expect, it } from 'vitest';
import { dateWithin, extractDates, extractNumbers } from '../../pipeline/nlp/extract.ts';
import { prepareText } from '../../pipeline/nlp/text.ts';

const dates = (text: string) => extractDates(prepareText(text)).map((m) => m.dates);
const numbers = (text: string) => extractNumbers(prepareText(text)).map((m) => m.value);

describe('date extraction', () => {
  it('reads d/m/yyyy, d/m and d-m with a date word', () => {
    expect(dates('khai mạc ngày 14/10/2020')).toEqual([[{ day: 14, month: 10, year: 2020 }]]);
    expect(dates('Sáng 14/10, đại hội khai mạc')).toEqual([[{ day: 14, month: 10 }]]);
    expect(dates('khai mạc ngày 14-10')).toEqual([[{ day: 14, month: 10 }]]);
    expect(dates('ngày 14.10.2020')).toEqual([[{ day: 14, month: 10, year: 2020 }]]);
  });

  it('reads ranges: từ ngày ... đến (hết) ngày ..., d/m đến d/m/yyyy, d-d/m', () => {
    expect(dates('từ ngày 14 đến hết ngày 16/10/2020')).toEqual([
      [
        { day: 14, month: 10, year: 2020 },
        { day: 16, month: 10, year: 2020 },
      ],
    ]);
    expect(dates('từ ngày 25/1 đến ngày 2/2/2021')).toEqual([
      [
        { day: 25, month: 1, year: 2021 },
        { day: 2, month: 2, year: 2021 },
      ],
    ]);
    expect(dates('hạn chế xe từ 14 - 16/10')).toEqual([
      [
        { day: 14, month: 10, year: undefined },
        { day: 16, month: 10 },
      ],
    ]);
  });

  it('reads "ngày D tháng M năm Y", month-only mentions and months in words', () => {
    expect(dates('ngày 14 tháng 10 năm 2020')).toEqual([[{ day: 14, month: 10, year: 2020 }]]);
    expect(dates('bị hoãn sang tháng 12')).toEqual([[{ month: 12 }]]);
    expect(dates('dời sang tháng 6/2021')).toEqual([[{ month: 6, year: 2021 }]]);
    expect(dates('ngày mười bốn tháng mười')).toEqual([[{ day: 14, month: 10 }]]);
    expect(dates('vào tháng mười hai')).toEqual([[{ month: 12 }]]);
  });

  it('reads text typed without diacritics and NFD text', () => {
    expect(dates('khai mac ngay 20/10 nhe')).toEqual([[{ day: 20, month: 10 }]]);
    expect(dates('Đại hội khai mạc ngày 20 tháng 10'.normalize('NFD'))).toEqual([[{ day: 20, month: 10 }]]);
  });

  it('ignores scores, ratios, ranges of numbers and invalid dates', () => {
    expect(dates('thắng 2-1 trên sân nhà')).toEqual([]);
    expect(dates('17/17 đảng bộ trực thuộc')).toEqual([]);
    expect(dates('nhiệt độ 17-19 độ C')).toEqual([]);
    expect(dates('nhiệm kỳ 2020-2025')).toEqual([]);
    expect(dates('ngày 32/13')).toEqual([]);
  });

  it('compares dates with an official period', () => {
    expect(dateWithin({ day: 15, month: 10 }, '2020-10-14', '2020-10-16')).toBe(true);
    expect(dateWithin({ day: 20, month: 10 }, '2020-10-14', '2020-10-16')).toBe(false);
    expect(dateWithin({ month: 12 }, '2020-10-14', '2020-10-16')).toBe(false);
    expect(dateWithin({ month: 10, year: 2021 }, '2020-10-14', '2020-10-16')).toBe(false);
    expect(dateWithin({ day: 1, month: 2 }, '2021-01-25', '2021-02-02')).toBe(true);
    expect(dateWithin({ month: 6, year: 2021 }, '2021-01-25', '2021-02-02')).toBe(false);
  });
});

describe('number extraction', () => {
  it('reads digits with Vietnamese separators', () => {
    expect(numbers('1.587 đại biểu, hơn 66.000 đảng viên, 8,5% và 5,1 triệu')).toEqual([1587, 66000, 8.5, 5_100_000]);
  });
  it('reads numbers in words', () => {
    expect(numbers('ba trăm năm mươi đại biểu')).toEqual([350]);
    expect(numbers('năm mươi ba đồng chí')).toEqual([53]);
    expect(numbers('mười lăm người')).toEqual([15]);
    expect(numbers('hai mươi mốt')).toEqual([21]);
    expect(numbers('một nghìn năm trăm tám mươi bảy')).toEqual([1587]);
    expect(numbers('ba tram nam muoi dai bieu')).toEqual([350]);
    expect(numbers('một trăm linh năm')).toEqual([105]);
  });
});
