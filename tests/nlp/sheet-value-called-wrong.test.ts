import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { contradictionsOf, forBothForms } from './helpers.ts';

// The hundred-and-twentieth pass (study115's Z, rank 1): the writer calls the SHEET's value wrong and asserts another —
// the asserted value is fact-checked, not discounted as a rebuttal (c103-087, c104-187, c104-105, c105-180; read
// c99-063). Three forms: the sheet's exact count asked, a verdict standing alone, the writer's own count after "có / chỉ
// còn" (either side of the sheet's); the sheet's venue quoted right before the verdict; the sheet's first or last day
// bare before the verdict. The guard is exact equality with the sheet: a wrong value called wrong keeps the rebuttal.
// Under the shipped sheet (17 units, national congress 25/1–2/2/2021 at the Trung tâm Hội nghị Quốc gia, the province's
// 14–16/10/2020); phrasings written for these tests, not corpus sentences; as typed and without diacritics, lexicons alone.
const rebuts = (c: Classification) =>
  c.explanations.some((e) => e.kind === 'distortion' && e.weight < 0 && (e.term.startsWith('rebuttal') || e.term.startsWith('bare-verdict')));
const counted = (c: Classification) => contradictionsOf(c).map((e) => e.factId);

describe('the sheet’s exact count asked, called wrong, and another count asserted (Z)', () => {
  it('checks the writer’s own count, fewer or more, with or without a congress term, and drops the verdicts', () => {
    forBothForms(
      [
        '17 đảng bộ trực thuộc? Sai nhé. Tỉnh chỉ còn 15 đảng bộ trực thuộc thôi, 2 đảng bộ kia bị giải thể rồi.',
        '17/17 đảng bộ trực thuộc?? Sai bét. Thực tế có 19 đảng bộ trực thuộc, báo chí giấu đi cho đẹp.',
        'Câu 5 hỏi tỉnh có 17 đảng bộ trực thuộc? Sai nha. Thực tế có 18 đảng bộ trực thuộc. Đáp án BTC ra là sai.',
      ],
      // (the distortion flag itself needs the congress: the first two name none but by their learned words)
      (c, t) => {
        expect(counted(c), t).toContain('GL-DIRECT-UNITS');
        expect(rebuts(c), t).toBe(false);
      },
    );
  });

  it('keeps the rebuttal of a wrong count asked, the sheet’s count answered, and a part of the units', () => {
    forBothForms(
      ['19 đảng bộ trực thuộc? Sai nhé. Tỉnh chỉ có 17 đảng bộ trực thuộc thôi.', '15 đảng bộ trực thuộc? Sai bét. Thực tế có 17 đảng bộ trực thuộc.'],
      (c, t) => {
        expect(counted(c), t).toEqual([]);
        expect(rebuts(c), t).toBe(true);
      },
    );
    // (a count under half of the units is some of them: "trong đó có 3 đảng bộ trực thuộc …")
    forBothForms(['Tỉnh có 17 đảng bộ trực thuộc? Đúng rồi, trong đó có 3 đảng bộ trực thuộc chưa xong.'], (c, t) => expect(counted(c), t).toEqual([]));
  });
});

describe('the sheet’s venue quoted or its day bare before a verdict, another asserted (Z)', () => {
  it('reads the quoted venue and the bare day as the official value denied when the item asserts another', () => {
    forBothForms(
      [
        "ĐH 13 tổ chức tại Trung tâm Hội nghị Quốc tế, mình xem TV rõ mà. Đáp án 'Trung tâm Hội nghị Quốc gia' là sai bét, đề nghị chấm lại.",
        'Văn phòng Trung ương in giấy mời ghi rõ: Vậy là Đại hội XIII khai mạc 20/1 nha, ai nói 25/1 là sai.',
        'Vậy là đại hội tỉnh bắt đầu từ 12/10 nha, ai nói 14/10 là sai.',
      ],
      (c, t) => {
        expect(rebuts(c), t).toBe(false);
        expect(c.distortion, t).toBe(true);
      },
    );
  });

  it('keeps the rebuttal of a wrong value, and of the sheet’s value quoted with nothing else asserted', () => {
    forBothForms(
      [
        "ĐH 13 tổ chức tại Trung tâm Hội nghị Quốc gia, mình xem TV rõ mà. Đáp án 'Trung tâm Hội nghị Quốc tế' là sai bét, đề nghị chấm lại.",
        "Đáp án 'Trung tâm Hội nghị Quốc gia' là sai bét hả mọi người, mình chọn rồi mà.",
        'Vậy là Đại hội XIII khai mạc 25/1 nha, ai nói 20/1 là sai.',
        'Vậy là đại hội tỉnh bắt đầu từ 14/10 nha, ai nói 12/10 là sai.',
      ],
      (c, t) => {
        expect(counted(c), t).toEqual([]);
        expect(c.distortion, t).toBe(false);
      },
    );
  });
});
