import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import type { SentenceMarks } from '../../pipeline/nlp/classifier.ts';
import { bothForms, casesInBothForms, classifier, contradictionsOf } from './helpers.ts';

/**
 * "<value> chứ không phải <other>" (docs/history/judgement.md, the ninety-second pass's rank 6, built in the ninety-fourth):
 * the value before "chứ" is asserted, the one after denied. With the sheet's value first the clause confirms the sheet (a
 * rebuttal: "BCH tỉnh khóa mới là 51 người chứ không phải 53 hay 61", "ĐH13 có 1602 đbiểu chứ hk phải 1500"); with the
 * sheet's value second it contradicts it, a date inside the sheet's days included ("khai mạc ngày 26/1 chứ đâu phải 25/1").
 * Configured sheet: GL-DATE 14–16/10 (3 days), GL-VENUE Pleiku, GL-DELEGATES 350, GL-BCH 53.
 */
function read(text: string): { c: Classification; confirmed: number[]; contradicted: number[] } {
  const lexicons = classifier();
  let marks: SentenceMarks | null = null;
  lexicons.learned = {
    rescore(lexicon, _title, _body, m) {
      marks = m;
      return lexicon;
    },
  };
  try {
    const c = lexicons.classify({ title: '', text });
    const m = marks as SentenceMarks | null;
    return { c, confirmed: m ? [...m.confirmed[1]] : [], contradicted: m ? [...m.contradicted[1]] : [] };
  } finally {
    lexicons.learned = null;
  }
}

describe('the sheet\'s value before "chứ (không | đâu | hk | k | ko) phải": a confirmation, not a contradiction', () => {
  it('marks the clause confirmed and reads no contradiction (counts, days, venue, dates; teen-code negations)', () => {
    for (const text of bothForms([
      'BCH tỉnh khóa mới là 53 người chứ không phải 51 hay 61 như mấy trang kia nói đâu.',
      'fake nha mn, Đại hội tỉnh có 350 đại biểu chứ hk phải 400 đâu.',
      'Đại hội tỉnh có 350 đại biểu chứ k phải 400 người như mấy trang kia ghi.',
      'Đại hội tỉnh có 350 đại biểu chứ ko phải 400 người như mấy trang kia ghi.',
      'Đại hội tỉnh kéo dài 3 ngày chứ hk phải 4 ngày như trang kia ghi đâu.',
      'Đại hội tỉnh họp ở Pleiku chứ đâu phải An Khê.',
      'Đại hội tỉnh khai mạc ngày 14/10 chứ không phải 17/10 đâu.',
      // the day after "chứ" inside the sheet's days but not its first or last: the value before it stands
      'Đại hội tỉnh khai mạc ngày 14/10 chứ đâu phải 15/10.',
    ])) {
      const r = read(text);
      expect(contradictionsOf(r.c), text).toEqual([]);
      expect(r.confirmed.length, text).toBeGreaterThan(0);
    }
  });
});

describe('the sheet\'s value after "chứ … phải": the value before it contradicts the sheet', () => {
  it('a count, days or a venue (as before), and the probe "… là 61 người chứ không phải 53 như báo nói"', () => {
    for (const [text, fact] of casesInBothForms([
      ['BCH tỉnh khóa mới là 61 người chứ không phải 53 như báo nói.', 'GL-BCH'],
      ['Đại hội tỉnh có 400 đại biểu chứ hk phải 350 đâu nha mn.', 'GL-DELEGATES'],
      ['Đại hội tỉnh kéo dài 4 ngày chứ hk phải 3 ngày như báo ghi đâu.', 'GL-DATE'],
      ['Đại hội tỉnh họp ở An Khê chứ hk phải Pleiku đâu.', 'GL-VENUE'],
    ])) {
      const r = read(text);
      expect(
        contradictionsOf(r.c).map((e) => e.factId),
        text,
      ).toContain(fact);
      expect(r.confirmed, text).toEqual([]);
    }
  });

  it("a date inside the sheet's days set against the sheet's first or last day, the denied day not confirmed", () => {
    for (const [text, day] of casesInBothForms([
      ['Đại hội tỉnh khai mạc ngày 15/10 chứ đâu phải 14/10, báo đăng sai rồi.', '15/10'],
      ['Đại hội tỉnh bế mạc ngày 15/10 chứ không phải 16/10 đâu.', '15/10'],
      ['Đại hội tỉnh khai mạc ngày 15/10 chứ hk phải 14/10 nha.', '15/10'],
      ['Đại hội tỉnh khai mạc ngày 15/10 chứ k phải 14/10 nha.', '15/10'],
    ])) {
      const r = read(text);
      const found = contradictionsOf(r.c).filter((e) => e.factId === 'GL-DATE');
      expect(found.map((e) => e.matched).join(' '), text).toContain(day);
      expect(found[0].note, text).toContain('set against the official');
      expect(r.confirmed, text).toEqual([]);
    }
  });

  // (an opening's day is read against the start since the hundred-and-fifth pass: "họp ngày 15/10" is a day within them)
  it('leaves a date alone that is not set against another ("họp ngày 15/10" lies within the days), and a range', () => {
    for (const text of bothForms(['Đại hội tỉnh họp ngày 15/10.', 'Đại hội tỉnh diễn ra từ 14 đến 16/10 chứ không phải 4 ngày như tin đồn.'])) {
      expect(contradictionsOf(read(text).c), text).toEqual([]);
    }
  });
});
