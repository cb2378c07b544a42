import { describe, expect, it } from 'vitest';
import { expectGroup, forBothForms } from './helpers.ts';

// Personnel said to be settled before the vote (sixty-first pass): the forms Vietnamese uses for
// "arranged in advance", "all settled", "held for show", "the result circulated or matched a list",
// "told whom to vote for", "a rubber stamp", "the post already has a name". Phrasings written for these
// tests, not corpus sentences; each is checked as typed and without diacritics, on the lexicons alone.

function expectDistortion(texts: string[], want: boolean) {
  forBothForms(texts, (c, t) => expect(c.distortion, `${t} (distortion ${c.scores.distortion})`).toBe(want));
}

describe('personnel arranged in advance', () => {
  it('reads a share or a list made ready beforehand, and the whole said settled', () => {
    expectGroup(
      [
        'Số ủy viên Tỉnh ủy mỗi huyện được phân bổ sẵn, ai vào ai ra biết hết.',
        'Ý kiến đóng góp văn kiện đã được tổng hợp sẵn từ trước.',
        'Bộ máy Thường vụ khóa mới cơ cấu sẵn rồi.',
        'Nhân sự Tỉnh ủy khóa này cơ cấu xong hết rồi anh em ạ.',
        'Thường vụ mới xếp xong hết rồi, giờ chỉ chờ ngày họp.',
      ],
      'pre-arranged',
      true,
    );
  });

  it('reads the vote held for show and the congress as a rubber stamp', () => {
    expectGroup(
      ['Đại hội tỉnh lần này bầu chỉ cho có thôi.', 'Lấy ý kiến dự thảo chỉ cho đủ thủ tục.', 'Đại hội tỉnh chỉ hợp thức hóa những gì Thường vụ đã quyết.'],
      'pre-arranged',
      true,
    );
  });

  it('reads a result circulated before the vote or matching a list handed out', () => {
    expectGroup(
      [
        'Có người gửi bản dự kiến kết quả bầu Ban Chấp hành tỉnh, đủ cả số phiếu.',
        'Kết quả trúng cử y như danh sách phát hôm thứ hai.',
        'Người trúng cử khớp với danh sách đã chuyền tay từ tuần trước.',
      ],
      'pre-arranged',
      true,
    );
  });

  it('reads delegates told whom to vote for', () => {
    expectGroup(
      ['Đại biểu đoàn huyện được dặn bầu cho ông A, gạch ông B.', 'Tổ 3 bị ép bỏ phiếu cho người của Thường vụ.', 'Cả đoàn bầu theo ý cấp trên hết.'],
      'pre-arranged',
      true,
    );
  });

  it('reads a post that already has a name', () => {
    expectGroup(['Ghế Bí thư đã có tên rồi, khỏi đoán.', 'Vị trí đó có người rồi, đại biểu chỉ giơ tay.'], 'pre-arranged', true);
  });

  it('does not read official personnel news, the ballot procedure or the schedule of the count', () => {
    expectGroup(
      [
        'Đề án nhân sự Ban Chấp hành Đảng bộ tỉnh khóa XVI đã được Bộ Chính trị phê duyệt theo quy hoạch.',
        'Nhân sự được giới thiệu theo đúng quy trình, đại hội bầu bằng phiếu kín.',
        'Kết quả bầu cử dự kiến công bố vào chiều 22/10.',
        'Đại biểu được hướng dẫn bỏ phiếu theo danh sách được Đại hội thông qua.',
        'Ban Tổ chức đã chốt danh sách đại biểu chính thức dự Đại hội.',
        'Các đồng chí trong quy hoạch đã có tên trong danh sách đề cử.',
        'Phiếu bầu được in sẵn theo danh sách bầu cử đã được thông qua.',
        'Thủ tục hợp thức hóa nhà đất được rút gọn từ tháng sau.',
      ],
      'pre-arranged',
      false,
    );
  });

  it('does not flag a rebuttal of the claim, a question about it or a wish', () => {
    expectDistortion(
      [
        'Thông tin "ghế Bí thư tỉnh đã có tên rồi" là bịa đặt, nhân sự do Đại hội bầu bằng phiếu kín.',
        'Tin "kết quả trúng cử y như danh sách phát trước" là sai sự thật.',
        'Mong đại hội chọn được người xứng đáng cho ghế Bí thư.',
      ],
      false,
    );
  });
});
