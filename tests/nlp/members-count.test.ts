import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectEachReads, forBothForms, contradictionsOf } from './helpers.ts';

// The committee's size stated as a count of its members named after it (eighty-second pass): "55 đồng chí Ủy viên
// Ban Chấp hành Đảng bộ tỉnh khóa XVI đã bắt tay vào công việc", a headline's "bầu 55 ủy viên Ban Chấp hành khóa
// XVI". Under the configured sheet (GL-BCH: 53 members). Phrasings written for these tests, not corpus sentences; as
// typed and without diacritics, on the lexicons alone.
const bchSays = (c: Classification) =>
  contradictionsOf(c)
    .filter((e) => e.factId === 'GL-BCH' && e.note?.startsWith('says'))
    .map((e) => e.note!.split(';')[0]);

describe('a count of the committee’s members named after it', () => {
  it('reads the count before "ủy viên Ban Chấp hành" as the committee’s size', () => {
    const cases: Array<[string, string]> = [
      ['Sau Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, 55 đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh khóa XVI đã bắt tay vào công việc.', 'says 55 đồng chí'],
      ['Bế mạc Đại hội Đảng bộ tỉnh: bầu 57 ủy viên Ban Chấp hành khóa XVI', 'says 57 ủy viên'],
      ['Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI đã ra mắt 49 Ủy viên Ban Chấp hành khóa mới.', 'says 49 ủy viên'],
    ];
    expectEachReads(cases, bchSays);
  });

  it('keeps the official count, some of the members, another body’s committee', () => {
    forBothForms(
      [
        // the official count
        'Bế mạc Đại hội Đảng bộ tỉnh: bầu 53 ủy viên Ban Chấp hành khóa XVI',
        'Sau Đại hội Đảng bộ tỉnh lần thứ XVI, 53 đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh đã nhận nhiệm vụ.',
        // some of the members, well under the committee's size
        'Tại Đại hội Đảng bộ tỉnh, 5 ủy viên Ban Chấp hành được phân công theo dõi các tổ thảo luận.',
        'Trước Đại hội Đảng bộ tỉnh, 12 đồng chí Ủy viên Ban Chấp hành khóa XV đã nghỉ hưu.',
        // a lower-level or the central committee
        'Đại hội Đảng bộ huyện bầu 35 ủy viên Ban Chấp hành Đảng bộ huyện khóa XIX.',
        'Đại hội Đảng bộ tỉnh đón 3 đồng chí Ủy viên Ban Chấp hành Trung ương về dự.',
      ],
      (c, t) => expect(bchSays(c), t).toEqual([]),
    );
  });
});
