import { describe, expect, it } from 'vitest';
import { expectGroup, forBothForms } from './helpers.ts';

// Another body named as the claim's agent or beneficiary (the eighty-ninth pass, family K): a company, a
// union, a foreign power that acts on the congress's people or its course ("bên công ty … lo hết", "Bắc
// Kinh đã vận động", "người của Thành đoàn") holds no gathering of its own, so it must not cancel the
// congress reading; a body's own gathering (the body right before the gathering word, its own verbs, only
// the words every organisation's gathering uses) stays another organisation's. And a decision said to be
// unpublished (family S): "nghị quyết chưa công khai", "chỉ đạo mật" are a secret document's claim; the
// official "chưa công bố kết quả" is not. Phrasings written for these tests, not corpus sentences; each is
// checked as typed and with its diacritics stripped, on the lexicons alone.

function expectCongress(texts: string[], congress: boolean) {
  forBothForms(texts, (c, t) => expect(c.congress, `${t} (congress ${c.scores.congress})`).toBe(congress));
}

describe('another body named as the claim’s agent or beneficiary (family K)', () => {
  it('keeps the congress when a company, a union or a foreign power acts on its people', () => {
    expectCongress(
      [
        // the body as the subject of a verb acting on the congress's people (a near and an event negative)
        'Nghe nói lần này ông ấy vào Thường vụ là chắc, bên công ty cao su lo hết rồi, đại hội chỉ là hình thức thôi.',
        'Nghe đâu công ty khai thác đá đã lo xong cho ông phó vào Thường vụ khóa XVI.',
        'Ít nhất hai ủy viên Trung ương khóa XIII là người thân cận, Bắc Kinh đã vận động từ năm 2018.',
        // the body whose people are placed
        'Tin nội bộ: BCH tỉnh khóa XVI sẽ có thêm 5 người của Thành đoàn, ghế Thường vụ cũng chia xong rồi.',
      ],
      true,
    );
  });

  it('reads no holder for a gathering a body acts on from another clause (whose gathering: the agent is not the holder)', () => {
    expectCongress(['Nhân sự khóa XVI đã được một nhóm lợi ích có dính với doanh nghiệp nước ngoài duyệt trước khi Đại hội khai mạc.'], true);
  });

  it('leaves a body’s own gathering another organisation’s', () => {
    expectCongress(
      [
        // the body right before the gathering word holds it, whatever verb follows
        'Đại hội Tỉnh đoàn vận động đoàn viên tham gia, bầu Ban Chấp hành khóa mới.',
        // a body's own verbs on its gathering
        'Hội Nông dân xã hoãn đại hội sang tháng sau, Ban Chấp hành cũ tiếp tục điều hành.',
        'Công ty cổ phần duyệt danh sách đề cử trước đại hội cổ đông thường niên.',
        // only the words every organisation's gathering uses
        'Hội Phụ nữ vận động hội viên chuẩn bị đại hội nhiệm kỳ mới.',
        'Câu lạc bộ xe cổ vận động hành lang cho đại hội khóa mới của câu lạc bộ.',
        'Đại hội Liên đoàn Bóng đá khóa IX: nhà tài trợ công ty X chi tiền để vận động bầu ban chấp hành.',
      ],
      false,
    );
  });
});

describe('a decision said to be unpublished (family S)', () => {
  it('reads a resolution or a directive not yet published, or said to be secret, as a secret document', () => {
    expectGroup(
      [
        'Đại hội tỉnh đã chốt rồi, nghị quyết chưa công khai nhưng dân buôn biết cả rồi.',
        'Văn kiện có kèm một chỉ thị chưa được công bố về việc sáp nhập huyện.',
        'Nghe nói có chỉ đạo mật cấm cán bộ đi lễ chùa dịp Đại hội XIII.',
        'Có lệnh mật cấm cán bộ về quê ăn Tết để bảo vệ Đại hội XIII.',
      ],
      'secret-document',
      true,
    );
  });

  it('leaves the official schedule alone: a result not yet announced, a body deciding or directing not to announce yet', () => {
    expectGroup(
      [
        'Đến 17 giờ, Ban kiểm phiếu chưa công bố kết quả bầu Ban Chấp hành khóa XVI.',
        'Ban tổ chức quyết định chưa công bố kết quả cho đến khi kiểm phiếu xong.',
        'Tỉnh ủy chỉ đạo chưa công bố danh sách trước ngày 20/10.',
      ],
      'secret-document',
      false,
    );
  });

  it('does not flag a rebuttal that quotes the rumour’s unpublished resolution', () => {
    forBothForms(['Tin “đại hội tỉnh có nghị quyết chưa công khai về thu hồi đất” là bịa đặt, Sở Tài nguyên khẳng định không có chủ trương này.'], (c, t) =>
      expect(c.distortion, `${t} (distortion ${c.scores.distortion})`).toBe(false),
    );
  });
});
