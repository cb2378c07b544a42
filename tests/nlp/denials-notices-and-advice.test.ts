import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { contradictionsOf, expectGroup, firedGroup, forBothForms, forBothFormsTitled } from './helpers.ts';

// The hundred-and-thirty-third pass (study118's R, W and O; fresh-17's c116-059, c115-138, c117-169, c116-099, c116-034,
// c117-152, c115-003): a speaker's own denial of having said a claim, a group's pinned rules and a post removed for
// breaking them, the writer's own error owned, "chưa kiểm chứng" as the object of advice against passing news on, and a
// price squeezed in the market's words. Phrasings written for these tests, not corpus sentences; as typed and without
// diacritics, on the lexicons alone.
const weighs = (c: Classification, group: string) => firedGroup(c, group).reduce((s, e) => s + e.weight, 0);

describe('a speaker denies having said the claim', () => {
  it('cites the claim after the denial, quoted or opening a sentence or the words after a colon', () => {
    forBothFormsTitled(
      [
        ["Ca sĩ Minh Hà lên tiếng: 'Tôi không hề nói Đại hội kéo dài 12 ngày'", 'Cô cho biết chỉ tham gia chương trình nghệ thuật.'],
        ['MC Tuấn Anh: “Tôi chưa từng nói Đại hội XIII kéo dài 12 ngày”', 'Anh khẳng định đã xem lịch trên báo.'],
        ['Diễn viên Lan Phương: Em chưa bao giờ nói Đại hội XIII kéo dài 12 ngày', 'Cô xin lỗi vì clip bị cắt ghép.'],
      ],
      (c, t) =>
        expect(
          contradictionsOf(c).map((e) => e.term),
          t,
        ).toEqual([]),
    );
  });

  it('cites the text quoting again a part of the claim its title denies having said', () => {
    forBothFormsTitled(
      [
        [
          "Ca sĩ Minh Hà: 'Tôi không hề nói Đại hội kéo dài 12 ngày'",
          "Một số trang trích lời ê-kíp cho rằng Đại hội XIII 'kéo dài 12 ngày'. Cô nói ê-kíp không phát ngôn như vậy.",
        ],
      ],
      (c, t) =>
        expect(
          contradictionsOf(c).map((e) => e.term),
          t,
        ).toEqual([]),
    );
  });

  it('still counts the claim where the speaker insists, or where the denial is not a denial of saying', () => {
    forBothFormsTitled(
      [
        ['Tôi không hề nói sai: Đại hội XIII kéo dài 12 ngày', ''],
        ["Ca sĩ Minh Hà: 'Tôi chưa bao giờ nói đùa, Đại hội XIII kéo dài 12 ngày'", ''],
        // the claim after the clause the denial heads
        ['Tôi chưa bao giờ đăng tin linh tinh, lần này Đại hội XIII kéo dài 12 ngày', ''],
        // a bare "không": the writer keeps a source back
        ['Tôi không nói tên người gửi: Đại hội XIII kéo dài 12 ngày', ''],
        // a denial of something else, then the claim in the writer's own words
        ['Tôi không hề sợ: Đại hội XIII kéo dài 12 ngày', ''],
      ],
      (c, t) =>
        expect(
          contradictionsOf(c).map((e) => e.term),
          t,
        ).toContain('NC-DATE'),
    );
  });
});

describe('a group’s pinned rules and a post removed for breaking them', () => {
  it('reads pinned rules at the head of a sentence as moderation, and the posts it removed as not hidden', () => {
    forBothForms(
      [
        '📌 NỘI QUY (ghim): Nhóm có nhiều bài về đại hội tỉnh kiểu "share trước khi bị xóa". Các bài này không có nguồn và đã bị gỡ.',
        'Nội quy nhóm: không đăng tin đồn về nhân sự Đại hội tỉnh; bài vi phạm sẽ bị xóa.',
        'Nội quy được ghim: mọi bài về danh sách Ban Chấp hành không có nguồn đều bị gỡ.',
      ],
      (c, t) => {
        expect(weighs(c, 'pinned-rules'), t).toBeLessThan(0);
        expect(firedGroup(c, 'removed-already').length, t).toBe(0);
      },
    );
  });

  it('does not read the rules inside a sentence or the congress’s own rules as a notice', () => {
    expectGroup(
      ['Đại hội đã thông qua nội quy làm việc và chương trình.', 'Ban Chấp hành khóa mới đã chốt từ tháng 8, nội quy gì thì cũng vậy.'],
      'pinned-rules',
      false,
    );
  });

  it('reads a post removed for breaking the group’s rules as moderation', () => {
    expectGroup(
      ["Bài đăng về 'danh sách BCH đã chốt' đã bị gỡ vì vi phạm nội quy nhóm.", 'Các bình luận trái quy định của nhóm sẽ bị ẩn.'],
      'moderation',
      true,
    );
  });
});

describe('the writer owns an error', () => {
  it('reads the writer’s own error and apology as a retraction', () => {
    expectGroup(
      [
        'Thầy nhầm, xin nhận lỗi. Khai mạc là 26/1.',
        'Câu đó là mình nói quá, mọi người bỏ qua.',
        'Tôi nhớ nhầm ngày khai mạc, thành thật nhận lỗi với mọi người.',
        'Em đăng nhầm ngày khai mạc, mọi người thông cảm.',
      ],
      'retraction',
      true,
    );
  });

  it('does not read an insistence or another’s error as one', () => {
    expectGroup(
      ['Tôi không nói quá đâu, ghế BTV giá 5 tỷ là có thật.', 'Báo tỉnh nhầm rồi, Đại hội hoãn sang tháng 11.', 'Nhiều người nói quá lên về kinh phí đại hội.'],
      'retraction',
      false,
    );
  });
});

describe('"chưa kiểm chứng" as the object of advice against passing news on', () => {
  it('does not read the news advised against as the item’s hedge', () => {
    expectGroup(
      [
        'Cá nhân mình nghĩ nghệ sĩ đăng ảnh chúc mừng đại hội tỉnh là quyền của họ, miễn đừng đăng tin linh tinh chưa kiểm chứng.',
        'Các nhóm thiện nguyện không để diễn đàn trở thành nơi chuyển tiếp những thông tin mà chính mình chưa kiểm chứng về đại hội.',
        'Mùa đại hội, bà con hạn chế chia sẻ những bài viết chưa được xác minh.',
      ],
      'hedged',
      false,
    );
  });

  it('still reads the hedge where the writer posts the news anyway, or where no advice stands before it', () => {
    expectGroup(
      [
        'Biết là không nên đăng tin này khi chưa được xác minh, nhưng danh sách Ban Thường vụ khóa mới đã chốt từ tháng 8.',
        'Tin chưa kiểm chứng: Ban Chấp hành tỉnh khóa mới có 61 người, đừng share nhé.',
        'Nguồn tin chưa được xác minh cho biết đại hội tỉnh sẽ lùi sang tháng 11.',
      ],
      'hedged',
      true,
    );
  });
});

describe('a price squeezed in the market’s words', () => {
  it('does not read "bị ép giá" or a trader’s squeeze as a forced act', () => {
    forBothForms(
      [
        'Trước thềm Đại hội Đảng bộ tỉnh, tôi mong có chợ đầu mối nông sản để bà con bớt bị ép giá.',
        'Nông dân trồng tiêu cứ đến vụ là bị thương lái ép giá, mong đại hội tỉnh quan tâm.',
        'Bà con bán mủ cao su bị ép cân, mong Ban Chấp hành khóa mới có cách.',
      ],
      (c, t) => expect(firedGroup(c, 'rule unsourced-claim').length + c.explanations.filter((e) => e.term === 'rule unsourced-claim').length, t).toBe(0),
    );
  });

  it('still reads a delegate or a candidate forced', () => {
    forBothForms(['Nhiều đại biểu bị ép phải bầu lại Ban Thường vụ tỉnh.', 'Ông ấy bị ép rút tên khỏi danh sách Ban Chấp hành.'], (c, t) =>
      expect(
        c.explanations.filter((e) => e.term === 'rule unsourced-claim'),
        t,
      ).not.toEqual([]),
    );
  });
});

// Recall (study118's I / Z, J, M): the official practice dismissed, the list handed out printed, the congress reduced to
// announcing what was settled, a faith's gatherings said banned by the congress, a show of hands "chứ không bỏ phiếu".
describe('the secret ballot dismissed, the result settled before, a measure said passed in secret', () => {
  const distortionTerms = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight > 0).map((e) => e.term);

  it('reads "đừng tin" right before the secret ballot as the official practice dismissed, quoted or not', () => {
    forBothForms(
      [
        "Đừng tin 'phiếu kín', danh sách Trung ương đã phát cho từng đoàn rồi.",
        'Đừng có tin “phiếu kín”, trên đã chọn hết.',
        'Chớ tin bỏ phiếu kín, bầu theo danh sách phát sẵn thôi.',
      ],
      (c, t) => {
        expect(weighs(c, 'rebuttal'), t).toBe(0);
        expect(distortionTerms(c).length, t).toBeGreaterThan(0);
      },
    );
  });

  it('keeps "đừng tin" a rebuttal where the rumour is what it dismisses and the secret ballot what it states', () => {
    forBothForms(["Đừng tin 'danh sách rò rỉ', đại hội bầu bằng phiếu kín.", 'Bỏ phiếu kín nên chẳng có chuyện ai chỉ định trước.'], (c, t) =>
      expect(weighs(c, 'rebuttal'), t).toBeLessThan(0),
    );
  });

  it('reads a show of hands set against the ballot, the list handed out printed and the congress as a mere announcement', () => {
    expectGroup(
      ['Chú bảo vệ kể đại hội lần này bầu ban chấp hành bằng giơ tay cho nhanh chứ không bỏ phiếu.', 'Họ giơ tay hết chứ làm gì có phiếu kín.'],
      'secret-ballot-denied',
      true,
    );
    expectGroup(
      [
        'Danh sách Trung ương đã in sẵn phát cho từng đoàn, cứ thế mà gạch.',
        'Anh chủ quán kể trên tỉnh đã quyết xong từ trước Tết, đại hội chỉ là dịp công bố.',
      ],
      'pre-arranged',
      true,
    );
  });

  it('reads a faith’s gatherings said banned by the congress as a claimed decision, not a report of the congress', () => {
    forBothForms(
      [
        'Ông cán bộ xã nói đại hội tỉnh đã quyết xóa hết các điểm nhóm chưa đăng ký.',
        'Sau ĐH 13 sẽ có quy định cấm linh mục giảng về xã hội, đã được thông qua kín tại đại hội.',
      ],
      (c, t) =>
        expect(
          c.explanations.map((e) => e.term),
          t,
        ).toContain('rule claimed-decision'),
    );
    forBothForms(
      ['Đại hội tỉnh đã quyết định phương hướng phát triển kinh tế 5 năm tới.', 'Các điểm nhóm tôn giáo chưa đăng ký được hướng dẫn làm thủ tục.'],
      (c, t) =>
        expect(
          c.explanations.map((e) => e.term),
          t,
        ).not.toContain('rule claimed-decision'),
    );
  });
});

describe('the congress moved to next year with the plain verb of moving (study118’s P)', () => {
  it('reads "chuyển sang năm sau" of the congress as a postponement', () => {
    forBothForms(
      ['Thông báo tới bà con: đại hội Đảng tỉnh HỦY, chuyển sang năm sau do có ca dịch.', 'Đại hội Đảng bộ tỉnh Gia Lai chuyển qua năm 2021 rồi nhé.'],
      (c, t) =>
        expect(
          contradictionsOf(c).map((e) => e.term),
          t,
        ).toContain('GL-DATE'),
    );
  });

  it('does not read another event moved for the congress, or a notice quoting the post, as one', () => {
    forBothForms(
      [
        'Hội thao công nhân viên chức chuyển sang năm sau để phục vụ Đại hội Đảng bộ tỉnh.',
        "Thông báo của admin: bài viết nói 'đại hội Đảng tỉnh hủy, chuyển sang năm sau' là tin giả, đã gỡ.",
      ],
      (c, t) =>
        expect(
          contradictionsOf(c).map((e) => e.term),
          t,
        ).not.toContain('GL-DATE'),
    );
  });
});
