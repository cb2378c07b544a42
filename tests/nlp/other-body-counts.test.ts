import { describe, expect, it } from 'vitest';
import { contradictionsOf, forBothForms } from './helpers.ts';

// Another body's count or a subset read as the committee's (the ninety-ninth pass, the ninety-seventh pass's family G):
// the inspection committee the new committee elects ("Ủy ban Kiểm tra … gồm 9 đồng chí") and some of the committee's
// members after "trong Ban Chấp hành … có" are not the committee's size (GL-BCH, the shipped sheet's 53 members).
// Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone.
const committeeSize = (texts: string[], want: boolean) =>
  forBothForms(texts, (c, t) =>
    expect(
      contradictionsOf(c).some((e) => e.factId === 'GL-BCH'),
      t,
    ).toBe(want),
  );

describe('another body’s count in the committee’s sentence', () => {
  it('is not the committee’s size: the inspection committee it elects', () => {
    committeeSize(
      [
        'Ủy ban Kiểm tra Tỉnh ủy khóa XVI do Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ tỉnh Gia Lai bầu chiều qua đã ra mắt, gồm 9 đồng chí.',
        'Tại Hội nghị lần thứ nhất, Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI đã bầu Ủy ban Kiểm tra Tỉnh ủy gồm 9 đồng chí.',
      ],
      false,
    );
  });

  it('is not the committee’s size: some of its members after “trong … có”', () => {
    committeeSize(['Sau Đại hội Đảng bộ tỉnh Gia Lai, trong Ban Chấp hành mới cũng có 13 người dân tộc thiểu số.'], false);
  });

  it('still reads the committee’s own size, and "trong" that names no part', () => {
    committeeSize(
      [
        'Đại hội Đảng bộ tỉnh Gia Lai bầu Ban Chấp hành Đảng bộ tỉnh khóa XVI gồm 61 đồng chí.',
        'Tin trong: Ban Chấp hành tỉnh Gia Lai khóa này sẽ là 61 người, tăng mấy suất so với dự kiến.',
        'Đại hội Đảng bộ tỉnh Gia Lai bầu Ban Chấp hành gồm 61 đồng chí, sau đó Ban Chấp hành bầu Ủy ban Kiểm tra.',
      ],
      true,
    );
  });
});
