import { describe, expect, it } from 'vitest';
import { evidenceAgainst } from '../../pipeline/nlp/model.ts';
import { firedGroup, forBothForms } from './helpers.ts';

// Denials in the writer's own words, with no verdict word of the rebuttal lists (sixty-sixth pass): the South's "vụ" for
// "chuyện" ("hông có vụ đó đâu"), a story known made up on hearing it ("nghe là biết bịa"), made up by its
// source ("là trang này tự bịa"). Phrasings written for these tests; as typed and without diacritics, lexicons alone.
const rebuttals = (texts: string[], want: boolean) =>
  forBothForms(texts, (c, t) => {
    const hits = firedGroup(c, 'rebuttal').map((e) => e.term);
    expect(hits.length > 0, `${t} → ${hits.join(', ') || 'none'}`).toBe(want);
    if (want) {
      expect(evidenceAgainst(c), t).toBe(true);
      expect(c.distortion, t).toBe(false);
    }
  });

describe('a denial in the writer’s own words is a rebuttal', () => {
  it('reads "hông có vụ đó", "không có vụ đó"', () => {
    rebuttals(
      [
        'Chú tui đi dự Đại hội Đảng bộ tỉnh về nói rồi, bầu lại bí thư hả, hông có vụ đó đâu nghen bà con.',
        'Đại hội Đảng bộ tỉnh họp đủ ba ngày, không có vụ đó đâu, mọi người đừng chuyển nữa.',
      ],
      true,
    );
  });
  it('reads a story known made up on hearing it', () => {
    rebuttals(
      [
        'Cái vụ Đại hội Đảng bộ tỉnh phải bầu lại hai lần, nghe là biết bịa. Kết quả bầu công bố ngay tại hội trường.',
        'Cái thư xin rút khỏi Đại hội XIII đó văn phong lủng củng, đọc là biết giả.',
      ],
      true,
    );
  });
  it('reads a story made up by its source', () => {
    rebuttals(['Còn chuyện bốn ghế nhảy dù ở Đại hội Đảng bộ tỉnh là trang này tự bịa, ai biết tên thì kể ra xem.'], true);
  });
});

describe('guards: the same words that deny nothing', () => {
  it('does not read "không có vụ nào" in a rumour, "nghe là biết" before a claim, "tự" before another verb', () => {
    rebuttals(
      [
        'Đại hội Đảng bộ tỉnh năm nay không có vụ nào bị phát hiện, nhưng ghế Tỉnh ủy viên giá 5 tỷ đồng ai cũng biết.',
        'Nghe là biết đã dàn xếp cả rồi, ghế Tỉnh ủy viên ở Đại hội Đảng bộ tỉnh giá 5 tỷ đồng.',
        'Ban Tổ chức Đại hội Đảng bộ tỉnh tự đặt điều lệ riêng, tự nghĩ ra cách loại người không cùng phe.',
      ],
      false,
    );
  });
  it('turns "tự bịa" said of the official account into distrust of the press', () => {
    forBothForms(
      [
        'Báo chính thống tự bịa ra con số 350 đại biểu, thật ra Đại hội Đảng bộ tỉnh có tới 500 đại biểu.',
        'Truyền hình tự bịa ra con số 350 đại biểu, thật ra Đại hội Đảng bộ tỉnh có tới 500 đại biểu.',
      ],
      (c, t) => {
        expect(firedGroup(c, 'rebuttal'), t).toEqual([]);
        expect(firedGroup(c, 'press-distrust').length, t).toBeGreaterThan(0);
        expect(c.distortion, t).toBe(true);
      },
    );
  });
});
