import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectGroup, expectNoContradictions, factIdsOf, forBothForms } from './helpers.ts';

// The hundred-and-fifty-fourth pass (study125's S and M on fresh-22: c136-006, c136-096, c135-054, c138-154; read
// c80-063, c73-128): talk about the rumours every congress brings, not a rumour ("Mỗi mùa đại hội … lại xuất hiện đủ loại
// “tin nội bộ”"); where the writer works, not the venue ("Em làm ở …"); a question between two sources' places ("Rốt cuộc
// ở đâu"); the link under the writer's own vlog. Phrasings written for these tests, not corpus sentences; as typed and
// without diacritics, on the lexicons alone (the shipped sheet: the province's congress at the Trung tâm Hội nghị tỉnh,
// Pleiku).
const explained = (c: Classification, term: string) => c.explanations.some((e) => e.term === term && e.weight > 0);

describe('talk about the rumours every congress brings (S)', () => {
  it('does not read the kinds a complaint or an op-ed names as the rumour', () => {
    expectGroup(
      [
        'Mỗi lần có đại hội là mấy nhóm lại đồn đủ thứ, nào danh sách, nào nghị quyết mật. Chán thật, đọc báo cho yên tâm.',
        'Góc nhìn: Mỗi kỳ đại hội, chợ tạm lại xuất hiện đủ loại “tài liệu mật”. Theo tôi, bà con nên chờ tin chính thức.',
      ],
      'secret-document',
      false,
    );
    expectGroup(
      [
        'Bình luận: Cứ mỗi mùa đại hội, các nhóm Zalo lại nóng lên với những “tin nội bộ”. Người viết mong báo tỉnh đưa lịch sớm.',
        'Mỗi dịp đại hội, tin đồn về "tin nội bộ" lại lan nhanh trong khu phố.',
      ],
      'insider',
      false,
    );
    forBothForms(['Góc nhìn: Mỗi mùa đại hội, tin đồn về “kinh phí khủng” lại lan nhanh vì thiếu số liệu công khai.'], (c, t) =>
      expect(explained(c, 'rule unsourced-claim'), t).toBe(false),
    );
  });

  it('keeps a rumour asserted after the complaint, the frame without talk of rumours, and the kind without the frame', () => {
    expectGroup(
      [
        'Mỗi lần có đại hội là mấy nhóm lại đồn đủ thứ. Nhưng lần này là thật: nghị quyết mật đã ký, ai cần thì xem.',
        'Mỗi kỳ đại hội đều có nghị quyết mật chia ghế cho các nhóm.',
        'Nhóm bên kia lại đồn đủ thứ, có cả nghị quyết mật về nhân sự tỉnh.',
      ],
      'secret-document',
      true,
    );
    expectGroup(['Mỗi mùa đại hội mình đều nghe tin nội bộ từ chú làm ở tỉnh ủy, năm nay chú bảo bí thư sẽ rời ghế.'], 'insider', true);
  });
});

describe('where the writer works, not the venue (S)', () => {
  it('does not read "(em / tôi) làm ở <place>" opening its clause as the venue', () => {
    forBothForms(
      ['Em làm ở An Khê, cuối tuần định lên Pleiku coi không khí đại hội tỉnh.', 'Tôi làm tại An Khê, sáng mai xin nghỉ đi xem đại hội tỉnh.'],
      (c, t) => expect(factIdsOf(c), t).not.toContain('GL-VENUE'),
    );
  });

  it('keeps the venue where the congress or the province is the subject', () => {
    forBothForms(['Đại hội tỉnh năm nay làm ở An Khê nha bà con.', 'Đại hội năm nay tỉnh mình làm ở An Khê.'], (c, t) =>
      expect(factIdsOf(c), t).toContain('GL-VENUE'),
    );
  });

  it('reads "Rốt cuộc ở đâu" after two sources\' places as a genuine question', () => {
    expectNoContradictions(['Nghe chị bạn nói đại hội tỉnh tổ chức ở An Khê? Em đọc trên báo thì Pleiku. Rốt cuộc ở đâu vậy mọi người, đừng để em đi lộn.']);
  });
});

describe("the link under the writer's own video (M)", () => {
  it('does not read "Link ở comment" under "Vlog mới" as a call to beat a removal', () => {
    expectGroup(
      [
        'Vlog mới: một ngày làm tình nguyện viên dịp đại hội tỉnh, phát nước cho bà con. Link ở comment 👇',
        'Video mới của mình về phố phường trang trí chào mừng đại hội tỉnh, link dưới cmt nha.',
      ],
      'share-before-removal',
      false,
    );
  });

  it('keeps the link to a leak, and a call to watch before removal beside a vlog', () => {
    expectGroup(
      [
        'Clip họp kín đại hội tỉnh lộ ra, các đại biểu cãi nhau về nhân sự. Link ở comment, tải về ngay.',
        'Vlog mới: lộ danh sách Ban Thường vụ khóa mới, xem ngay trước khi bị xóa. Link ở comment.',
      ],
      'share-before-removal',
      true,
    );
  });
});
