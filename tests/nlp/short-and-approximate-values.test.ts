import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundsTo } from '../../pipeline/nlp/facts.ts';
import { loadOfficialFacts } from '../../pipeline/nlp/facts-sheet.ts';
import { bothForms, classifier, contradictionsOf, REPO } from './helpers.ts';

// The hundred-and-tenth pass (#14, study107's family B): values stated plainly in short or approximate forms — a date
// between the congress named and its verb ("ĐH tỉnh 18/10 khai mạc"), an approximate round count read to its last
// non-zero place ("khoảng 1.500 đại biểu" of 1.602), the grassroots finished only then ("Đến cuối tháng 7/2020, Gia Lai
// mới cơ bản hoàn thành …"). Each as typed and without diacritics, on the lexicons alone; every value is the
// configured sheet's.

const sheet = loadOfficialFacts(join(REPO, 'config/official-facts.yaml'));
const values = (id: string) => sheet.find((f) => f.id === id)!.values;
const day = (iso: string, shift = 0) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + shift);
  return { d: d.getUTCDate(), m: d.getUTCMonth() + 1, y: d.getUTCFullYear() };
};
const provincialStart = day(values('GL-DATE').start as string);
const early = day(values('GL-DATE').start as string, -4);
const delegates = values('NC-DELEGATES').delegates as number;
const hundred = Math.round(delegates / 100) * 100;
const dotted = (n: number) => n.toLocaleString('de-DE');
const grassroots = day(values('GL-GRASSROOTS').completed_by as string);
const read = (text: string) => classifier().classify({ title: '', text });
const facts = (text: string) => contradictionsOf(read(text)).map((e) => e.factId);

describe('a date between the congress named and its verb', () => {
  it('reads "ĐH tỉnh <date> khai mạc" against the sheet', () => {
    for (const t of bothForms([
      `ĐH tỉnh ${early.d}/${early.m} khai mạc nhé, đài nói rồi. Mấy bác chạy tuyến 19 né ngày đó ra.`,
      `Đại hội tỉnh ngày ${early.d}/${early.m} sẽ khai mạc, bà con chú ý.`,
    ]))
      expect(facts(t), t).toEqual(['GL-DATE']);
  });

  it('keeps the sheet’s own day, a district’s congress and a date after a clause break unread as a contradiction', () => {
    for (const t of bothForms([
      `ĐH tỉnh ${provincialStart.d}/${provincialStart.m} khai mạc nhé, đài nói rồi.`,
      `Đại hội Đảng bộ huyện Chư Păh ${early.d}/${early.m} khai mạc.`,
      `Ai dự Đại hội tỉnh thì nhớ, ${early.d}/${early.m} khai mạc hội chợ ở An Khê.`,
    ]))
      expect(facts(t), t).toEqual([]);
  });
});

describe('an approximate round count read to its last non-zero place', () => {
  it('reads "khoảng <the sheet’s count rounded, one place off>" as a contradiction', () => {
    for (const t of bothForms([`Một nhà nghiên cứu cho rằng Đại hội XIII sẽ có khoảng ${dotted(hundred - 100)} đại biểu, ít hơn kỳ trước.`]))
      expect(facts(t), t).toEqual(['NC-DELEGATES']);
  });

  it('keeps the sheet’s count rounded ("khoảng 1.600" of 1.587) and a floor unread as a contradiction', () => {
    for (const t of bothForms([
      `Đại hội XIII có khoảng ${dotted(hundred)} đại biểu chính thức.`,
      `Đại hội XIII có hơn ${dotted(hundred - 100)} đại biểu chính thức.`,
    ]))
      expect(facts(t), t).toEqual([]);
  });

  it('rounds to the stated number’s last non-zero place, from the hundreds up', () => {
    expect(roundsTo(1587, 1600)).toBe(true);
    expect(roundsTo(1587, 1500)).toBe(false);
    expect(roundsTo(1587, 2000)).toBe(true);
    expect(roundsTo(372, 400)).toBe(true);
    expect(roundsTo(320, 400)).toBe(false);
    // fewer trailing zeros: no rounding read (the tolerance decides)
    expect(roundsTo(350, 370)).toBe(true);
    expect(roundsTo(53, 60)).toBe(true);
  });
});

describe('the grassroots finished only then', () => {
  const late = day(values('GL-GRASSROOTS').completed_by as string, 45);
  it('reads "Đến <a later month>, … mới (cơ bản) hoàn thành" as the completion’s date', () => {
    for (const t of bothForms([
      `Đến cuối tháng ${late.m}/${late.y}, Gia Lai mới cơ bản hoàn thành đại hội các tổ chức cơ sở đảng, chậm so với kế hoạch.`,
      `Đến ngày ${late.d}/${late.m}/${late.y}, tỉnh Gia Lai mới hoàn thành đại hội tổ chức cơ sở đảng.`,
    ]))
      expect(facts(t), t).toEqual(['GL-GRASSROOTS']);
  });

  it('keeps a day on or before the sheet’s, and a bound without "mới", unread as a contradiction', () => {
    for (const t of bothForms([
      `Đến ngày ${grassroots.d}/${grassroots.m}/${grassroots.y}, Gia Lai mới hoàn thành đại hội các tổ chức cơ sở đảng.`,
      `Đến cuối tháng ${late.m}/${late.y}, Gia Lai đã hoàn thành đại hội các tổ chức cơ sở đảng.`,
    ]))
      expect(facts(t), t).toEqual([]);
  });
});
