import { describe, expect, it } from 'vitest';
import { classifier, expectGroup } from './helpers.ts';

// A quotation the writer names as someone else's words (seventy-sixth pass): a fact-check of a photo or a clip
// describes the rumour's call to share it — "kèm lời kêu gọi 'share nhanh trước khi bị xóa'" — or its caption, comment
// or line of argument, and gives its verdict in words no rebuttal term reads ("thực ra được cắt từ …"). The call's cues
// are the rumour's, quoted. Phrasings written for these tests, not corpus sentences; as typed and without diacritics,
// on the lexicons alone.
const SHARE = 'share-before-removal';

describe('a quotation named as the rumour’s words', () => {
  it('does not count the call to share inside a quotation named as a call, a caption or a comment', () => {
    expectGroup(
      [
        'Đoạn video được phát tán kèm lời kêu gọi "share gấp trước khi bị xóa" được quay ở một buổi họp tổ dân phố năm 2019.',
        'Tấm ảnh đi kèm dòng chữ “tải về ngay trước khi bị gỡ” được chụp tại một lớp tập huấn khác.',
        "Bài đăng có lời bình 'chia sẻ nhanh kẻo bị xóa' dùng lại ảnh của một hội nghị cử tri cũ.",
        'Clip lan truyền với lời kêu gọi: "lưu về trước khi bị xóa" được ghép từ hai sự kiện khác nhau.',
      ],
      SHARE,
      false,
    );
  });

  it('still counts the call in the writer’s own words, outside the quotation, or after a name that is no call', () => {
    expectGroup(
      [
        // the writer's own call, no quotation
        'Danh sách Ban Thường vụ khóa mới đã chốt, anh em share gấp trước khi bị xóa!',
        // a named quotation of something else; the call outside it is the writer's
        'Kèm lời kêu gọi "ủng hộ đại hội", danh sách đã chốt rồi, share nhanh trước khi bị xóa nhé.',
        // a speech's words quoted ("câu") are no call named: the rumour's own evidence
        'Người trong cuộc nhắn đúng một câu "share gấp trước khi bị xóa" rồi gửi danh sách đã chốt.',
      ],
      SHARE,
      true,
    );
  });

  it('reads a name typed with accents only as written: "đóng chữ" names no caption', () => {
    // folded, "đóng chữ" is "dòng chữ"; typed with its accents it is a stamp, and the stamped word's shouting is the writer's
    // (typed without diacritics the two cannot be told apart, and the quotation reads as named: not asserted)
    const c = classifier().classify({ title: '', text: 'Tài liệu có đóng chữ "TUYỆT MẬT" ở góc trên, danh sách đã chốt hết rồi.' });
    expect(c.explanations.filter((e) => e.term === 'style: all caps').length).toBeGreaterThan(0);
  });
});
