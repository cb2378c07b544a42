import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectGroup, factIdsOf, forBothForms, forBothFormsTitled } from './helpers.ts';

// The hundred-and-forty-eighth pass (study123's R, M and S on fresh-20: c128-125, c129-046, c129-073, c128-029, c129-097,
// c129-144, c128-186, c130-141): a fact-check's verdict label opening its title ("SAI: …"), a question told in the writer's
// own words and denied by the next sentence ("Có bạn hỏi … Không nhé"), a plea to stop forwarding the post quoted, a
// scam-link warning, and leak, cause and hearsay words in their plain sense. Phrasings written for these tests, not corpus
// sentences; as typed and without diacritics, on the lexicons alone (the configured sheet: Đại hội XIII at the Trung tâm
// Hội nghị Quốc gia, Hà Nội, 25/1–2/2/2021; the provincial committee 53).
const explained = (c: Classification, term: string) => c.explanations.some((e) => e.term === term);
const HEADLINE = 'discourse: the headline denies the claim';
const REPLY = 'discourse: a reply line answers the question';
const causeGiven = (c: Classification) => explained(c, 'rule unattributed-cause');

describe("a fact-check's verdict label opening the title (R)", () => {
  it('reads "SAI: <claim>" and "Tin giả – <claim>" over a text that reports the claim as a headline denial', () => {
    forBothFormsTitled(
      [
        [
          'SAI: Đại hội XIII chuyển vào Đà Nẵng họp kín',
          'Mấy ngày qua một số tài khoản lan truyền rằng “Đại hội XIII chuyển vào Đà Nẵng họp kín”. Ban Tổ chức khẳng định Đại hội họp tại Hà Nội.',
        ],
        [
          'Tin giả – Đại hội XIII dời vào Đà Nẵng',
          'Trang lạ đăng bài “Đại hội XIII dời vào Đà Nẵng vì dịch”. Thông cáo báo chí nêu rõ địa điểm là Trung tâm Hội nghị Quốc gia.',
        ],
        ['[Sai sự thật] Đại hội XIII họp ở Đà Nẵng', 'Nhiều nhóm Zalo đang đồn là Đại hội XIII họp ở Đà Nẵng. Địa điểm chính thức là Hà Nội.'],
      ],
      (c, t) => {
        expect(factIdsOf(c), t).toEqual([]);
        expect(explained(c, HEADLINE), t).toBe(true);
      },
    );
  });

  it('keeps the claim where the text reports none, the label is another word, or the title asks', () => {
    forBothFormsTitled(
      [
        ['SAI: Đại hội XIII chuyển vào Đà Nẵng họp kín', 'Đại hội XIII chuyển vào Đà Nẵng họp kín rồi nha, tin nội bộ đó.'],
        ['Sài Gòn: Đại hội XIII chuyển vào Đà Nẵng họp kín', 'Một số tài khoản lan truyền rằng “Đại hội XIII chuyển vào Đà Nẵng”.'],
        ['SAI: Đại hội XIII chuyển vào Đà Nẵng họp kín?', 'Một số tài khoản lan truyền rằng “Đại hội XIII chuyển vào Đà Nẵng”.'],
      ],
      (c, t) => expect(explained(c, HEADLINE), t).toBe(false),
    );
  });

  it('does not read a label that calls the official value false', () => {
    forBothFormsTitled(
      [['SAI: Đại hội XIII họp tại Trung tâm Hội nghị Quốc gia', 'Báo chí đưa tin “Đại hội XIII họp tại Trung tâm Hội nghị Quốc gia”, thật ra họp ở Đà Nẵng.']],
      (c, t) => expect(explained(c, HEADLINE), t).toBe(false),
    );
  });
});

describe("a question told in the writer's own words, denied by the next sentence (R)", () => {
  it('reads "Có bạn hỏi <claim> không. Không nhé, …" as a reply line, the question cited', () => {
    forBothForms(
      [
        'Có bạn hỏi Đại hội XIII có chuyển vào Đà Nẵng không. Không nhé, vẫn họp ở Hà Nội như thông báo.',
        'Mấy bác hỏi Đại hội XIII dời vào Đà Nẵng hả. Không đâu, Ban Tổ chức đã công bố địa điểm ở Hà Nội rồi.',
      ],
      (c, t) => {
        expect(factIdsOf(c), t).toEqual([]);
        expect(explained(c, REPLY), t).toBe(true);
      },
    );
  });

  it('keeps an answer that agrees, one that is no denial, and a question not opening its sentence', () => {
    forBothForms(
      [
        'Có bạn hỏi Đại hội XIII có chuyển vào Đà Nẵng không. Có nhé, chuyển vào Đà Nẵng rồi.',
        'Có bạn hỏi Đại hội XIII có chuyển vào Đà Nẵng không. Không biết nữa, nghe nói chuyển vào Đà Nẵng thật.',
        'Hôm qua có bạn hỏi Đại hội XIII chuyển vào Đà Nẵng. Không nhé là không được.',
      ],
      (c, t) => expect(explained(c, REPLY), t).toBe(false),
    );
  });
});

describe('a plea to stop forwarding the post quoted (R)', () => {
  it('cites the figure in "đừng chuyển tiếp cái tin “…”" and "thôi share mấy bài “…”"', () => {
    forBothForms(
      [
        'Mấy chị đừng chuyển tiếp cái tin “Ban Chấp hành tỉnh có 45 người” nữa nha. Đại hội bầu 53 đồng chí, báo tỉnh đăng rồi.',
        'Mọi người thôi share mấy bài “Đại hội XIII chuyển vào Đà Nẵng” đi, Ban Tổ chức công bố họp ở Hà Nội.',
      ],
      (c, t) => expect(factIdsOf(c), t).toEqual([]),
    );
  });

  it("keeps the claim where the plea is absent or the quotation is the writer's own", () => {
    forBothForms(
      ['Đừng nghe báo, tin này chuẩn: “Ban Chấp hành tỉnh có 45 người”.', 'Cứ chuyển tiếp cái tin “Ban Chấp hành tỉnh có 45 người” cho mọi người biết.'],
      (c, t) => expect(factIdsOf(c), t).toContain('GL-BCH'),
    );
  });
});

describe('a scam-link warning (R)', () => {
  it('reads "<link> … là link lừa đảo" as a rebuttal, and not a link offered', () => {
    expectGroup(
      [
        'CẢNH BÁO: Link “đại hội tỉnh bản không cắt” đang lan trên các group là link lừa đảo, bấm vào sẽ mất tài khoản.',
        'Đường dẫn “xem đại hội bản gốc” trong tin nhắn là trang giả mạo, đừng bấm.',
      ],
      'rebuttal',
      true,
    );
    expectGroup(['Link “đại hội tỉnh bản không cắt” đây, xem gấp trước khi bị gỡ.'], 'rebuttal', false);
  });
});

describe('leak and cause words in their plain sense (M)', () => {
  it('does not read a photo of the television screen as a leaked document, and keeps the bare screenshot', () => {
    expectGroup(
      ['Mấy bữa đại hội mà nhóm mình toàn ảnh chụp màn hình ti vi, haha.', 'Cả nhà gửi toàn hình chụp màn hình tivi phiên khai mạc.'],
      'secret-document',
      false,
    );
    expectGroup(['Ảnh chụp màn hình danh sách Ban Thường vụ khóa mới đây, xem gấp.'], 'secret-document', true);
  });

  it('does not read "inbox mình gửi" a template as a leak offered, and keeps the bare offer', () => {
    expectGroup(
      ['Ai chưa có mẫu thì inbox mình gửi, nhớ nộp bài thu hoạch trước thứ Sáu.', 'Cần đề cương thì ib mình gửi nha.', 'Inbox mình gửi bài thu hoạch mẫu cho.'],
      'share-before-removal',
      false,
    );
    expectGroup(['Danh sách Ban Thường vụ khóa mới mình có đủ, ai cần thì inbox mình gửi.'], 'share-before-removal', true);
  });

  it('does not read "hiểu lý do nhưng …" as a cause given, and keeps a cause stated', () => {
    forBothForms(['Tiếc ghê, giải chạy dời sang tháng 11. Hiểu lý do nhưng cả đội đã tập cho mốc cũ.'], (c, t) => expect(causeGiven(c), t).toBe(false));
    forBothForms(['Tiếc ghê, đại hội tỉnh dời sang tháng 11. Lý do là Ban Thường vụ chưa thống nhất nhân sự.'], (c, t) => expect(causeGiven(c), t).toBe(true));
  });
});

describe('a question that doubts its hearsay, and the original text asked for (S)', () => {
  it('reads "…, hay chỉ là nghe đồn?" as a true-or-rumour question, not hearsay', () => {
    expectGroup(['Cho hỏi nghị quyết đại hội tỉnh có nhắc dự án đường tránh không, hay chỉ là nghe đồn?'], 'hearsay', false);
    expectGroup(['Nghị quyết đại hội tỉnh có nhắc dự án đường tránh, nghe đồn vậy.'], 'hearsay', true);
  });

  it('reads "Ai có văn bản gốc cho xin link" as asking to be told, and not "ai có văn bản gốc thì gửi lên đây"', () => {
    expectGroup(['Ai có văn bản gốc cho xin link với, nhà mình gần tuyến nên muốn biết chắc.'], 'asks-to-be-told', true);
    expectGroup(['Ai có văn bản gốc thì gửi lên đây, share trước khi bị gỡ!'], 'asks-to-be-told', false);
  });
});
