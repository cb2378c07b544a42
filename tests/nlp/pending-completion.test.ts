import { describe, expect, it } from 'vitest';
import { contradictionsOf, forBothForms } from './helpers.ts';

// The lower levels said not to have held their congresses by a day after the official one (ninety-sixth pass, the
// ninety-second pass's family P): "mấy chi bộ thôn vẫn chưa đại hội được …, dời hết sang tháng 8", "đến cuối tháng
// Tám vẫn còn nhiều đảng bộ xã chưa tổ chức được đại hội" contradict GL-GRASSROOTS (100% by 15/6/2020 in the shipped
// sheet). Not a date on or before the official day, another province's bodies, a rebuttal of the claim, a sentence
// naming no Party body, or a shift in another sentence. Phrasings written for these tests, not corpus sentences; as
// typed and without diacritics, on the lexicons alone.
const grassroots = (c: Parameters<typeof contradictionsOf>[0]) => contradictionsOf(c).filter((e) => e.term === 'GL-GRASSROOTS');

describe('the grassroots said not to have finished by a later day', () => {
  it('contradicts the official completion', () => {
    forBothForms(
      [
        'Xã tôi mấy chi bộ thôn vẫn chưa đại hội được, dời hết sang tháng 8.',
        'Đến cuối tháng Tám vẫn còn nhiều đảng bộ xã chưa tổ chức được đại hội.',
        'Ở Chư Sê, tới tháng 7 mấy chi bộ làng vẫn chưa họp đại hội.',
      ],
      (c, t) => expect(grassroots(c).length, t).toBeGreaterThan(0),
    );
  });

  it('does not before the official day, elsewhere, in a rebuttal, without a Party body or with the shift apart', () => {
    forBothForms(
      [
        'Đến tháng 5 vẫn còn nhiều đảng bộ xã chưa tổ chức được đại hội.',
        'Ở Bình Định đến tháng 8 vẫn còn nhiều đảng bộ xã chưa tổ chức được đại hội.',
        'Thông tin "đến tháng 8 vẫn còn nhiều chi bộ thôn chưa đại hội" là sai sự thật.',
        'Đến tháng 8 Hội Nông dân xã vẫn chưa tổ chức được đại hội.',
        'Mấy chi bộ thôn vẫn chưa đại hội. Lễ hội của làng dời sang tháng 8.',
      ],
      (c, t) => expect(grassroots(c), t).toEqual([]),
    );
  });
});
