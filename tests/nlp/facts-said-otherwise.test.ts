import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectEachReads, forBothForms } from './helpers.ts';

// Facts of the sheet said in forms the checks did not read (fifty-eighth pass): a venue pointed back to ("họp ở
// đây"), the delegates named by "đại biểu chính thức" alone, the committee counted before its name ("bầu 60 đồng chí
// vào Ban Chấp hành"). Phrasings written for these tests, not corpus sentences; the configured sheet (Gia Lai: Trung
// tâm Hội nghị tỉnh, Pleiku, 350 delegates, 53 members; Đại hội XIII: Trung tâm Hội nghị Quốc gia, Hà Nội).
const contradicted = (c: Classification) => c.explanations.filter((e) => e.kind === 'fact').map((e) => e.factId);

describe('a venue pointed back to by the place verb', () => {
  it('claims the venue named last, in the sentence or the one before', () => {
    const cases: Array<[string, string]> = [
      ['Đi ngang khách sạn Hoàng Anh ở Quy Nhơn thấy treo băng rôn. Người ta bảo Đại hội Đảng bộ tỉnh năm nay họp ở đây.', 'GL-VENUE'],
      ['Nhà khách ở Đà Nẵng đang sửa sang gấp, chuẩn bị cho Đại hội XIII khai mạc ở đây.', 'NC-VENUE'],
      ['Mình ở Đà Lạt nè. Đại hội XIII năm nay tổ chức tại chỗ này luôn.', 'NC-VENUE'],
    ];
    expectEachReads(cases, contradicted);
  });

  it('reads nothing of the official venue, a missing antecedent, a bare "tại đây", a far sentence or a negated verb', () => {
    forBothForms(
      [
        'Đi ngang Trung tâm Hội nghị Quốc gia thấy cờ hoa rợp trời, Đại hội XIII khai mạc ở đây.',
        'Đại hội Đảng bộ tỉnh họp ở đây ba ngày, mọi người chú ý.',
        'Đoàn đến thăm khu du lịch ở Đà Lạt. Tại đây, Đại hội Đảng bộ tỉnh được nhắc đến nhiều.',
        'Tôi từng ở Đà Nẵng. Rồi chuyển nghề. Đại hội XIII khai mạc ở đây.',
        'Đi ngang khách sạn ở Đà Nẵng. Đại hội XIII không họp ở đây đâu.',
      ],
      (c, t) => expect(contradicted(c), t).toEqual([]),
    );
  });
});

describe('the delegates named by "đại biểu chính thức" alone', () => {
  it('reads the count against the sheet', () => {
    const cases: Array<[string, string]> = [
      ['Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc sáng nay. Tổng cộng 400 đại biểu chính thức đã nhận tài liệu.', 'GL-DELEGATES'],
      ['Sáng nay, 1.620 đại biểu chính thức, thay mặt hơn 5,1 triệu đảng viên, dự phiên khai mạc Đại hội XIII.', 'NC-DELEGATES'],
    ];
    expectEachReads(cases, contradicted);
  });

  it('keeps the official count, a floor below it, another body’s congress and a delegation', () => {
    forBothForms(
      [
        'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc. Tổng cộng 350 đại biểu chính thức đã nhận tài liệu.',
        'Đại hội Đảng bộ tỉnh khai mạc với hơn 300 đại biểu chính thức.',
        'Đại hội Đảng bộ huyện Chư Sê khai mạc, 200 đại biểu chính thức đã có mặt.',
        'Đoàn đại biểu Đảng bộ tỉnh gồm 15 đại biểu chính thức lên đường dự Đại hội XIII.',
      ],
      (c, t) => expect(contradicted(c), t).toEqual([]),
    );
  });
});

describe('the provincial committee counted before its name', () => {
  it('reads the count elected into the Ban Chấp hành', () => {
    forBothForms(
      ['Đại hội Đảng bộ tỉnh bầu 60 đồng chí vào Ban Chấp hành khóa XVI.', 'Nghe nói đại hội Đảng tỉnh bầu 60 người Ban Chấp hành, đông quá.'],
      (c, t) => expect(contradicted(c), t).toContain('GL-BCH'),
    );
  });

  it('keeps the official count, the candidates, the Central Committee and a district’s committee', () => {
    forBothForms(
      [
        'Đại hội Đảng bộ tỉnh bầu 53 đồng chí vào Ban Chấp hành khóa XVI.',
        'Đại hội Đảng bộ tỉnh giới thiệu 62 đồng chí ứng cử vào Ban Chấp hành khóa XVI.',
        'Đại hội XIII bầu 180 đồng chí vào Ban Chấp hành Trung ương.',
        'Đại hội Đảng bộ huyện Chư Sê bầu 35 đồng chí vào Ban Chấp hành.',
      ],
      (c, t) => expect(contradicted(c), t).toEqual([]),
    );
  });
});
