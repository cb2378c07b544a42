import { describe, expect, it } from 'vitest';
import { expectGroup, forBothForms } from './helpers.ts';

// A decision said to be unpublished (the eighty-ninth pass, family S): "nghị quyết chưa công khai", "chỉ đạo
// mật" are a secret document's claim; the official "chưa công bố kết quả" is not. Phrasings written for these
// tests, not corpus sentences; each is checked as typed and with its diacritics stripped, on the lexicons alone.

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
