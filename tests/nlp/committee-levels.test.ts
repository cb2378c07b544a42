import { describe, expect, it } from 'vitest';
import { forBothForms } from './helpers.ts';

// The province's or the district's Party committee named by its level without "Đảng bộ" (ninety-sixth pass, the
// ninety-second pass's family B): "BCH tỉnh", "Ban Chấp hành huyện" name the committee a congress elects, as "Ban Chấp
// hành Đảng bộ tỉnh" does — a strong congress term. Not the Youth Union's or an association's committee of the same
// level ("BCH Tỉnh đoàn", "Ban Chấp hành Huyện hội Phụ nữ", "BCH Hội Nông dân tỉnh", "BCH Công đoàn tỉnh"). Phrasings
// written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone.
const PARTY = [
  'Ghế BCH tỉnh giá mấy tỷ một ghế đó mọi người.',
  'Nghe nói danh sách Ban Chấp hành tỉnh khóa này đã chốt từ mấy tháng trước.',
  'Ban chấp hành huyện lần này có tới ba người nhà ông ấy.',
  'bch huyện mới bầu xong mà đã thấy toàn người quen.',
];
const OTHERS = [
  'BCH Tỉnh đoàn khóa mới gồm 35 đồng chí.',
  'Đại hội Huyện đoàn đã bầu Ban Chấp hành Huyện đoàn khóa mới.',
  'Ban Chấp hành Tỉnh hội Chữ thập đỏ khóa mới gồm 25 người.',
  'Ban chấp hành Huyện hội Phụ nữ có 20 người.',
  'BCH Hội Nông dân tỉnh khóa mới gồm 30 người.',
  'BCH Công đoàn tỉnh khóa mới có 20 người.',
];

describe("the province's or district's committee without 'Đảng bộ'", () => {
  it('names the congress', () => {
    forBothForms(PARTY, (c, t) => {
      expect(c.congress, t).toBe(true);
      expect(
        c.explanations.some((e) => e.kind === 'congress' && /^ban chấp hành (tỉnh|huyện)$/.test(e.term)),
        t,
      ).toBe(true);
    });
  });

  it("does not when the committee is the Youth Union's or an association's", () => {
    forBothForms(OTHERS, (c, t) => expect(c.congress, t).toBe(false));
  });
});
