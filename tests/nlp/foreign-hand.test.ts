import { describe, expect, it } from 'vitest';
import { forBothForms } from './helpers.ts';

// A foreign power said to act inside our congress (forty-sixth pass): the country's name is the
// rumour's agent, not a foreign party's congress, so it must not cancel the congress reading. The
// foreign parties' own congresses stay another event. Phrasings written for these tests, not corpus
// sentences; each is checked as typed and with its diacritics stripped, on the lexicons alone.

function expectFlags(texts: string[], congress: boolean, distortion: boolean) {
  forBothForms(texts, (c, t) => {
    const why = `${t} (congress ${c.scores.congress}, distortion ${c.scores.distortion})`;
    expect(c.congress, why).toBe(congress);
    expect(c.distortion, why).toBe(distortion);
  });
}

describe('a foreign power as the agent inside our congress', () => {
  it('keeps the congress reading when the country decides, watches or plants our congress’s people', () => {
    expectFlags(
      [
        'Nghe đồn đại hội tỉnh Tây Ninh năm nay có người bên Campuchia sang ngồi giám sát, lạ thật.',
        'Tân Bí thư Tỉnh ủy Sóc Trăng là người của Trung Quốc cài vào, ai cũng biết.',
      ],
      true,
      true,
    );
  });

  it('leaves a foreign party’s own congress another event', () => {
    expectFlags(
      [
        'Đại hội Đảng Nhân dân Cách mạng Lào lần thứ XI đã bầu Ban Chấp hành Trung ương mới.',
        'Đại hội Đảng Cộng sản Trung Quốc bầu Thường vụ Bộ Chính trị mới, ai cũng biết trước.',
      ],
      false,
      false,
    );
  });

  it('leaves a foreign party’s congress another event when the rumour is about its own people', () => {
    expectFlags(
      [
        'Đại hội 20 bên Trung Quốc nghe nói đã sắp xếp xong nhân sự Thường vụ từ lâu.',
        'Đại hội Lào nghe nói đã sắp xếp xong nhân sự từ lâu.',
        'Trung Quốc đã duyệt danh sách Bộ Chính trị mới của họ tại Đại hội Đảng Cộng sản Trung Quốc.',
      ],
      false,
      false,
    );
  });

  it('reads a province named after a country as our own (Lào Cai is not Laos)', () => {
    expectFlags(['Đại hội Đảng bộ tỉnh Lào Cai lần thứ XVI đã bầu Ban Chấp hành Đảng bộ tỉnh khóa mới gồm 53 đồng chí.'], true, false);
    expectFlags(['Đại hội Đảng Nhân dân Cách mạng Lào lần thứ XI khai mạc tại Viêng Chăn.'], false, false);
  });
});
