import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectGroup, firedGroup, forBothForms, forBothFormsTitled } from './helpers.ts';

// A rebuttal or a notice whose named claim carries the cues (the ninety-ninth pass, the ninety-seventh pass's rank 2):
// the claim named by a poster and its verb of saying ("các bài đăng cho rằng “…”", "bài đăng có nội dung "…""), by a
// translation ("cái bài dịch “…”", then "Bài dịch sai."), a moderator's notice that quotes the rumour's call to share,
// a scare quote after a negated marker ("không bị 'cắt'"), an incident said to have happened to no one. Phrasings
// written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone.

/** The rules that fired (explanations "rule <id>"). */
const rules = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith('rule ')).map((e) => e.term);

describe('a quotation named by a poster and its verb of saying', () => {
  it('reads the cues inside as the posts’ words', () => {
    expectGroup(
      [
        'Phản hồi một số bài đăng cho rằng “hai ứng viên nữ bị loại vào phút chót theo lệnh từ trên”, Ban Tổ chức cho biết danh sách được biểu quyết công khai.',
        'Trên mạng có ý kiến cho rằng “danh sách đã có lệnh từ trên, đại hội chỉ bấm nút”, Ban Tổ chức đã trả lời cử tri.',
      ],
      'pre-arranged',
      false,
    );
    expectGroup(
      ['Nhóm vừa gỡ hai bài đăng có nội dung "danh sách khóa mới đã chốt, share gấp trước khi bị xóa". Mọi người lưu ý nguồn tin chính thức.'],
      'share-before-removal',
      false,
    );
  });

  it('still reads them when no poster names the quotation: an outlet, or the writer’s own source', () => {
    expectGroup(['Một tờ báo nước ngoài cho rằng “danh sách đã có lệnh từ trên, đại hội chỉ bấm nút”.'], 'pre-arranged', true);
    expectGroup(['Người trong Ban Tổ chức nói thẳng: “danh sách đã có lệnh từ trên, đại hội chỉ bấm nút”.'], 'pre-arranged', true);
  });
});

describe('a translation said to be wrong', () => {
  it('is a rebuttal: the quoted claim is the translation’s', () => {
    expectGroup(['Bạn gửi mình cái bài dịch “đoàn tỉnh chỉ còn 9 người”. Mình tra lại rồi, đoàn vẫn đủ người. Bài dịch sai.'], 'mistranslation', true);
    expectGroup(
      ['Câu “danh sách đã chốt, share gấp trước khi bị xóa” trong một bài dịch đang lan truyền là dịch sai từ bản gốc tiếng Anh.'],
      'share-before-removal',
      false,
    );
  });

  it('is not read where no translation is said wrong', () => {
    expectGroup(['Bản dịch bài phỏng vấn đã đăng đủ trên báo tỉnh, mời cả nhà đọc.'], 'mistranslation', false);
  });
});

describe('a moderator’s notice that quotes the rumour', () => {
  it('stays a notice beside the rumour’s quoted call to share, and its “chưa kiểm chứng” names what it hides', () => {
    const notice = [
      'THÔNG BÁO CỦA QUẢN TRỊ VIÊN\nTrong mấy ngày Đại hội, trang chỉ đăng thông tin chính thức. Các bình luận đăng "danh sách rò rỉ", tin đồn chưa kiểm chứng hoặc kêu gọi "share trước khi bị xóa" sẽ bị ẩn.',
      '[Thông báo của quản trị viên] Nhóm đã gỡ bài đăng có nội dung "bí thư mới đã có tên từ trước, share trước khi bị xóa". Thành viên nào tiếp tục đăng sẽ bị chặn.',
    ];
    expectGroup(notice, 'moderation', true);
    expectGroup(notice, 'hedged', false);
    expectGroup(notice, 'share-before-removal', false);
  });

  it('is no notice when the call to share is the writer’s own', () => {
    const rumour = ['Admin nhắc: danh sách đã chốt rồi, anh em share gấp trước khi bị xóa!'];
    expectGroup(rumour, 'moderation', false);
    expectGroup(rumour, 'share-before-removal', true);
    expectGroup(['Nghe nói danh sách đã chốt, thông tin chưa kiểm chứng nhưng ai cũng biết rồi.'], 'hedged', true);
  });
});

describe('a scare quote after a negated marker', () => {
  it('denies the quoted word instead of mocking it', () => {
    forBothFormsTitled(
      [
        ["Chỉ tiêu cán bộ nữ không bị 'cắt': 9 nữ trúng cử Ban Chấp hành", 'Đại hội bầu đủ chỉ tiêu theo đề án nhân sự.'],
        ["Nghị quyết Đại hội chưa hề bị 'sửa lén'", 'Văn phòng Tỉnh ủy công bố bản nghị quyết đầy đủ.'],
      ],
      (c, t) =>
        expect(
          firedGroup(c, 'style').map((e) => e.term),
          t,
        ).not.toContain('style: scare quotes'),
    );
  });

  it('still reads the scare quote after the marker itself', () => {
    forBothFormsTitled([["Chỉ tiêu cán bộ nữ đã bị 'cắt' hết", 'Danh sách cuối cùng chỉ còn 3 chị.']], (c, t) =>
      expect(
        c.explanations.map((e) => e.term),
        t,
      ).toContain('style: scare quotes'),
    );
  });
});

describe('an incident said to have happened to no one', () => {
  it('does not read the incident it denies', () => {
    forBothForms(
      [
        'Ban Tổ chức Đại hội khẳng định không có trường hợp đại biểu nào bị gạch tên khỏi danh sách bầu cử.',
        'Huyện ủy cho biết không có đồng chí nào bị loại khỏi danh sách ứng cử.',
      ],
      (c, t) => {
        expect(rules(c), t).not.toContain('rule unsourced-claim');
        expect(firedGroup(c, 'personnel-speculation'), t).toEqual([]);
      },
    );
  });

  it('still reads the incident claimed, and a "không có ai" that names no incident of a person', () => {
    forBothForms(['Ba ứng viên bị gạch tên khỏi danh sách bầu cử vào phút chót.'], (c, t) => expect(rules(c), t).toContain('rule unsourced-claim'));
    expectGroup(['Phiếu đếm trong phòng kín, không có ai giám sát, kết quả bị sửa lại.'], 'negated-incident', false);
  });
});
