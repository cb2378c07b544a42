import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { classifier, expectCongress, expectEachReads, expectGroup, factIdsOf, forBothForms } from './helpers.ts';

// The hundred-and-twenty-third pass (study116's ranks 1, 4 and 5, fresh-15's families R, H and N′). R: the reply that
// gives the sheet's value against the one it cites ("'BTV 17 người': không đúng đâu em ơi, … có 13 đồng chí", "Ông nào
// bảo … họp ở Pleiku thì đọc lại thông báo đi, họp ở …", c108-057, c107-199), another outlet's version reported ("Một số
// trang mạng ghi …", c108-150), the moderator's "Mod:" and "[THÔNG BÁO TỪ ADMIN]" and the locked topic (c109-096,
// c110-051), the warning's quoted object repeated in the text (c108-171), "đừng share nữa" (c107-083). N′: a part of a
// stated whole ("trong đó có 1 đại biểu nữ", c107-077), the grassroots round's date (c109-196), the day a schedule was
// announced (c108-059). H: the health workers' associations (c107-013, c107-135), a foreign party's generic plural
// (c110-147). Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons
// alone with the configured sheet (GL-BTV 15, GL-VENUE Trung tâm Hội nghị tỉnh, Pleiku; NC-DELEGATES 1.587; NC-DATE
// 25/1–2/2; GL-DATE 14–16/10).
const cited = (c: Classification) => c.explanations.filter((e) => e.kind === 'fact' && e.weight === 0).map((e) => e.factId);
const expectNoFact = (texts: string[], fact: string) => forBothForms(texts, (c, t) => expect(factIdsOf(c), t).not.toContain(fact));

describe('the reply that gives the sheet’s value against the one it cites (R)', () => {
  it('cites the value a reply denies where the item states the sheet’s value of the same fact', () => {
    const texts = [
      'Clip "Ban Thường vụ Tỉnh ủy 19 người": không đúng đâu em ơi, Ban Thường vụ Tỉnh ủy khóa XVI có 15 đồng chí, báo đăng rồi.',
      'Ông nào bảo đại hội tỉnh họp ở An Khê thì đọc lại thông báo đi nha, đại hội tỉnh họp ở Trung tâm Hội nghị tỉnh, Pleiku mình đó.',
      'Một số trang mạng ghi Đại hội XIII có 1.650 đại biểu. Con số chính thức do Ban Tổ chức công bố là 1.587 đại biểu.',
    ];
    expectNoFact([texts[0]], 'GL-BTV');
    expectNoFact([texts[1]], 'GL-VENUE');
    expectNoFact([texts[2]], 'NC-DELEGATES');
    expectEachReads(
      [
        [texts[0], 'GL-BTV'],
        [texts[1], 'GL-VENUE'],
        [texts[2], 'NC-DELEGATES'],
      ],
      cited,
    );
  });

  it('keeps the value the reply gives where it is not the sheet’s, and the negated sheet’s value as no reply', () => {
    expectEachReads(
      [
        // the writer's own wrong value after the negation, the sheet's value negated
        ['Không phải 15 đâu em ơi, Ban Thường vụ Tỉnh ủy khóa XVI có 19 đồng chí, tin chuẩn.', 'GL-BTV'],
        // a reply with no sheet's value stated
        ['Clip "Ban Thường vụ Tỉnh ủy 19 người": không đúng đâu em ơi, Ban Thường vụ Tỉnh ủy khóa XVI có 21 đồng chí.', 'GL-BTV'],
        // the asker's own venue, the sheet's quoted inside the question
        ['Ai bảo đại hội tỉnh họp ở Trung tâm Hội nghị tỉnh thì sai rồi, đại hội tỉnh họp ở An Khê nha.', 'GL-VENUE'],
        // another outlet's version with no sheet's value after it
        ['Một số trang mạng ghi Đại hội XIII có 1.650 đại biểu, đúng là đông nhất từ trước tới nay.', 'NC-DELEGATES'],
      ],
      factIdsOf,
    );
  });
});

describe('the moderator’s label, the locked topic, the warning’s quoted object (R)', () => {
  it('reads the quotations of "Mod:", "[ADMIN]", "[THÔNG BÁO TỪ ADMIN]" notices and a locked topic as the post’s', () => {
    expectNoFact(
      [
        "Mod: Chủ đề 'đại hội tỉnh họp trực tuyến 100%' đã khóa. Thông tin sai, đại hội họp trực tiếp.",
        '[ADMIN] Bài "đại hội tỉnh họp trực tuyến toàn bộ" đã bị gỡ, đại hội họp trực tiếp tại hội trường.',
        '[THÔNG BÁO TỪ ADMIN] Nhiều bạn gửi "đại hội tỉnh họp online toàn bộ". Không phải thông tin chính thức.',
      ],
      'GL-FORMAT',
    );
  });

  it('keeps a member’s "admin ơi" question and a quotation with no moderator’s label', () => {
    expectEachReads(
      [
        ['Admin ơi, "đại hội tỉnh họp trực tuyến toàn bộ" đó, mọi người biết chưa.', 'GL-FORMAT'],
        ['[Tin nóng] "Đại hội tỉnh họp trực tuyến toàn bộ" nha cả nhà.', 'GL-FORMAT'],
      ],
      factIdsOf,
    );
  });

  it('reads the text’s repeat of a title’s warned-of quotation as the rumour’s', () => {
    for (const [title, text, want] of [
      ['Cảnh giác với "danh sách rò rỉ" Ban Thường vụ', 'Văn phòng Tỉnh ủy cho biết các "danh sách rò rỉ" Ban Thường vụ đều không có giá trị.', false],
      ['Ban Thường vụ khóa mới', 'Có "danh sách rò rỉ" Ban Thường vụ đây, share nhanh.', true],
    ] as const) {
      const c = classifier().classify({ title, text });
      const hits = c.explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith('secret-document:') && e.field === 'text');
      expect(hits.length > 0, `${title} / ${text}`).toBe(want);
    }
  });

  it('reads "đừng share / lan truyền nữa" as a correction’s close', () => {
    expectGroup(
      ['Tin đó là nghe nhầm, mấy em đừng lan truyền nữa.', 'Clip đó cắt ghép, đừng share nữa nhé!', 'ae đừng chia sẻ nữa, báo tỉnh đăng rồi.'],
      'stop-spreading',
      true,
    );
    expectGroup(['Share mạnh trước khi bị xóa, đừng để bị lừa nữa.', 'Đừng sợ, cứ share đi.'], 'stop-spreading', false);
  });
});

describe('a fact check on another quantity (N′)', () => {
  it('does not read a part of a stated whole as the delegates', () => {
    expectNoFact(
      [
        'Đoàn đại biểu Đảng bộ tỉnh dự Đại hội XIII gồm 15 đồng chí, trong đó có 1 đại biểu nữ và 2 đại biểu người dân tộc thiểu số, 1 đại biểu công tác trong ngành y tế.',
      ],
      'NC-DELEGATES',
    );
  });

  it('keeps a count of its own after the part’s list, and a lone "trong đó có" count', () => {
    expectEachReads(
      [
        ['Đại hội XIII có 1.700 đại biểu, trong đó có 3 đại biểu nữ; Đại hội XIII có 1.800 đại biểu tham dự.', 'NC-DELEGATES'],
        ['Trong đó có 1.700 đại biểu dự Đại hội XIII.', 'NC-DELEGATES'],
      ],
      factIdsOf,
    );
  });

  it('does not date the provincial congress by the grassroots round or by the day a schedule was announced', () => {
    expectNoFact(['Ban Tổ chức Tỉnh ủy cho biết toàn tỉnh xong đại hội cơ sở trước 31/5 rồi.'], 'GL-DATE');
    expectNoFact(['Bạn ơi không phải đâu, Đại hội XIII họp tại Trung tâm Hội nghị Quốc gia, Ban Tổ chức công bố từ tháng 12 rồi.'], 'NC-DATE');
  });

  it('keeps the provincial congress dated wrong and a date published on a day', () => {
    expectEachReads(
      [
        ['Đại hội tỉnh họp ngày 30/10 nha mọi người.', 'GL-DATE'],
        ['Đại hội XIII sẽ họp vào tháng 12, hoãn rồi.', 'NC-DATE'],
      ],
      factIdsOf,
    );
  });
});

describe('another body read as the congress (H)', () => {
  it('does not read a health workers’ association or a foreign party’s generic plural as the congress', () => {
    expectCongress(
      [
        'Lộ danh sách BCH Hội Điều dưỡng tỉnh nhiệm kỳ mới rồi nè, có chị trưởng khoa mình đó.',
        'Đại hội đại biểu toàn quốc Tổng hội Y học Việt Nam đã bầu Chủ tịch và Ban Chấp hành nhiệm kỳ mới.',
        'Ai coi Đại hội toàn quốc Đảng Dân chủ Mỹ tuần này chưa. Lớp mình so sánh với mấy đại hội đảng khác thấy hay.',
      ],
      false,
    );
  });

  it('keeps the Party’s congress beside them', () => {
    expectCongress(
      ['Hội Điều dưỡng tỉnh chúc mừng Đại hội XIII của Đảng thành công tốt đẹp.', 'Mấy đại hội đảng khác thì sao, Đại hội XIII của Đảng có 1.587 đại biểu.'],
      true,
    );
  });
});
