import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectGroup, expectNoContradictions, factIdsOf, forBothForms, forBothFormsTitled } from './helpers.ts';

// The hundred-and-fifty-fifth pass (study125's R on fresh-22: c136-036, c135-085, c135-092, c135-139, c135-152, c138-109;
// the read sets' c70-125): a denial, an answer or a checklist that quotes the claim it denies — the cause denied by name
// ("không phải vì '<claim>' như ai đó đồn"), "(Nhiều) bạn hỏi '<question>'. Trả lời: không.", "❌ KHÔNG ĐÚNG: '<claim>'",
// an answer's frame ("Trước / Đối với thông tin … '<claim>'") and its title's "… không '<claim>'", "Về cái gọi là '<x>' …:
// không có". Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone
// (the configured sheet: Đại hội XIII at the Trung tâm Hội nghị Quốc gia, Hà Nội, 25/1–2/2/2021; the provincial committee 53).
const explained = (c: Classification, term: string) => c.explanations.some((e) => e.term === term);
const HEADLINE = 'discourse: the headline denies the claim';
const REPLY = 'discourse: a reply line answers the question';

describe('the cause denied by name, the claim quoted (R)', () => {
  it('cites the claim after "không phải vì / do"', () => {
    expectNoContradictions([
      'Giá vàng tăng do giá thế giới thôi, không phải vì "Đại hội XIII chuyển vào Đà Nẵng" như ai đó đồn đâu.',
      "Hội nghị dời lịch do trùng lịch công tác, không phải do 'Ban Chấp hành tỉnh chỉ còn 45 người' như tin nhắn đang lan truyền.",
    ]);
  });

  it('keeps a quoted claim the writer vouches for', () => {
    forBothForms(
      ['Tin "Đại hội XIII chuyển vào Đà Nẵng" là thật, người nhà mình nói.', 'Vì "Đại hội XIII chuyển vào Đà Nẵng" nên giá vàng tăng mạnh.'],
      (c, t) => expect(factIdsOf(c), t).toContain('NC-VENUE'),
    );
  });
});

describe('a checklist\'s "KHÔNG ĐÚNG:" before the quoted claim (R)', () => {
  it('cites the claim after "❌ KHÔNG ĐÚNG:"', () => {
    expectNoContradictions(["❌ KHÔNG ĐÚNG: 'Đại hội XIII chuyển vào Đà Nẵng, đại biểu họp kín'. ✅ ĐÚNG: Đại hội XIII họp tại Hà Nội."]);
  });
});

describe('a question answered under its label (R)', () => {
  it('reads "Nhiều bạn hỏi \'…?\'. Trả lời: không." and "…?\' Trả lời: không đúng." as a reply line, the question cited', () => {
    forBothForms(
      [
        "Nhiều bạn hỏi 'Đại hội XIII họp ở Đà Nẵng, có họp online một phần?'. Trả lời: không. Đại hội XIII họp tại Hà Nội.",
        'Có người hỏi: “Đại hội XIII chuyển vào Đà Nẵng, có đúng không?”. Trả lời: không đúng. Ban Tổ chức công bố họp ở Hà Nội.',
      ],
      (c, t) => {
        expect(factIdsOf(c), t).toEqual([]);
        expect(explained(c, REPLY), t).toBe(true);
      },
    );
  });

  it('keeps an answer that agrees, one that is no denial, and a question asked with no answer', () => {
    forBothForms(
      [
        "Nhiều bạn hỏi 'Đại hội XIII có chuyển vào Đà Nẵng không?'. Trả lời: có, chuyển vào Đà Nẵng rồi.",
        "Nhiều bạn hỏi 'Đại hội XIII có chuyển vào Đà Nẵng không?'. Trả lời: không biết nữa, chắc chuyển thật.",
        'Đại hội XIII chuyển vào Đà Nẵng họp kín rồi, ai biết thêm gì không? Share cho mọi người biết nhé.',
      ],
      (c, t) => expect(explained(c, REPLY), t).toBe(false),
    );
  });
});

describe("an answer's frame and its title (R)", () => {
  it('cites the claim quoted after "Trước / Đối với thông tin …"', () => {
    expectNoContradictions([
      "Trước thông tin 'Đại hội XIII chuyển vào Đà Nẵng, họp kín', Ban Tổ chức khẳng định Đại hội họp tại Hà Nội.",
      'Đối với thông tin trên một trang mạng về việc “Ban Chấp hành tỉnh chỉ còn 45 người”, Ban Tổ chức cho biết Đại hội bầu 53 đồng chí.',
    ]);
  });

  it("keeps the corrected claim's reading where the office then gives the sheet's value", () => {
    forBothForms(
      ["Trước tin đồn 'Đại hội XIII lùi sang tháng 3' lan truyền trên mạng xã hội, Ban Tổ chức khẳng định Đại hội XIII vẫn diễn ra từ ngày 25/1 đến 2/2/2021."],
      (c, t) => {
        expect(factIdsOf(c), t).toEqual([]);
        expect(explained(c, 'discourse: a reported claim corrected'), t).toBe(true);
      },
    );
  });

  it("keeps a quotation after the frame's clause, the frame mid-sentence, and a frame whose office puts the answer off", () => {
    forBothForms(
      [
        'Trước thông tin trên mạng, một cán bộ nói thẳng: “Đại hội XIII chuyển vào Đà Nẵng rồi”.',
        'Mình lo trước thông tin mới, “Đại hội XIII chuyển vào Đà Nẵng” đó là chuẩn.',
        // (an office that only puts its answer off answers nothing)
        "Đối với thông tin 'Đại hội XIII chuyển vào Đà Nẵng, họp kín', Văn phòng Trung ương cho biết đang xác minh.",
        "Trước tin đồn 'Đại hội XIII chuyển vào Đà Nẵng', Ban Tổ chức khẳng định sẽ thông tin sau.",
      ],
      (c, t) => expect(factIdsOf(c), t).toContain('NC-VENUE'),
    );
  });

  it('reads a title "… không \'<claim>\'" over a text that answers the claim under the frame as a headline denial', () => {
    forBothFormsTitled(
      [
        [
          "Ban Chấp hành khóa mới không 'giảm xuống 45 người'",
          "Đối với thông tin trên một trang mạng về việc 'giảm số ủy viên Ban Chấp hành xuống 45', Ban Tổ chức cho biết kết quả sẽ công bố tại phiên bế mạc.",
        ],
      ],
      (c, t) => {
        expect(explained(c, HEADLINE), t).toBe(true);
        expect(factIdsOf(c), t).toEqual([]);
      },
    );
  });

  it('does not read the same title over a text that answers nothing', () => {
    forBothFormsTitled([["Ban Chấp hành khóa mới không 'giảm xuống 45 người'", 'Nghe nói lần này giảm xuống 45 người thật, chờ bế mạc sẽ rõ.']], (c, t) =>
      expect(explained(c, HEADLINE), t).toBe(false),
    );
  });
});

describe('a thing "called" so, denied after a colon (R)', () => {
  it('cites "Về cái gọi là \'<x>\' …: không có" and keeps the bare "cái gọi là"', () => {
    expectGroup(["Về cái gọi là 'phụ lục mật' của Nghị quyết Đại hội XIII: không có. Nghị quyết đã đăng toàn văn."], 'secret-document', false);
    expectGroup(["Về cái gọi là 'phụ lục mật' của Nghị quyết Đại hội XIII: mình có bản chụp, ai cần inbox."], 'secret-document', true);
  });
});
