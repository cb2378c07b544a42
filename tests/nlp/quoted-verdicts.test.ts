import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { classifier, expectCongress, expectEachReads, expectGroup, factIdsOf, forBothForms } from './helpers.ts';
import { stripDiacritics } from '../../pipeline/nlp/fold.ts';

// The hundred-and-twenty-seventh pass (study117's ranks 1, 3, 4 and 5, fresh-16's families R, H, G, S and O). R: a
// verdict right after the version quoted ("'BCH 61 người' → sai, 55", c114-018), the outlet's retraction at a field's
// head ("Lời xin lỗi độc giả", c113-001), the question asking where a version came from ("tin '…' là từ trang nào vậy?
// … có 53 người", c113-062), the asker closed by "z" / "vậy" (c111-027's form), "Mod note:" (c113-043), the sharer asked
// to stop and the posts a rule names by their kind ("Ai đang share '…' thì dừng lại", "mọi bài kiểu '…'", c111-054,
// c111-190), "chưa có danh sách nào được công bố trước" (c113-114). H: a sub-parish, Taiwan's parties, a coin's holders
// as other bodies (c111-128, c113-078, c114-052). G: a relative's report of a hamlet cell's re-election (c113-101). S /
// O: "bác nào biết chắc" after two groups' venues (c112-037), hearsay in a comparison (c113-190). Phrasings written for
// these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone with the configured sheet
// (GL-BCH 53, GL-BTV 15, GL-VENUE Trung tâm Hội nghị tỉnh, Pleiku; NC-DELEGATES 1.587).
const expectNoFact = (texts: string[], fact: string) => forBothForms(texts, (c, t) => expect(factIdsOf(c), t).not.toContain(fact));
const rulesOf = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith('rule ')).map((e) => e.term);
const groupsOf = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight > 0).map((e) => e.term.split(':')[0]);

describe('a verdict on the version quoted, the outlet’s retraction, the source asked (R)', () => {
  it('reads a value quoted before a checklist’s verdict as cited', () => {
    expectNoFact(
      [
        "Tổng hợp tin vịt tuần này:\n- 'BCH tỉnh 61 người' → sai, 53\n- 'BTV 19 người' → sai, 15",
        'Tin "Ban Chấp hành Đảng bộ tỉnh khóa XVI có 61 người" là tin giả, chỉ có 53 đồng chí.',
        "Mấy cái 'BCH tỉnh 61 người' -> sai hết nha.",
      ],
      'GL-BCH',
    );
  });

  it('keeps a value quoted with no verdict after it, and a verdict on the sheet’s own value', () => {
    expectEachReads(
      [
        ["'BCH tỉnh 61 người' nha mọi người, nguồn thân cận.", 'GL-BCH'],
        ["Báo ghi 'BCH tỉnh 53 người' → sai, thực tế BCH tỉnh có 61 người.", 'GL-BCH'],
      ],
      factIdsOf,
    );
  });

  it('reads an outlet’s retraction at the field’s head as the rumour’s quotation', () => {
    for (const [title, text] of [
      ['Lời xin lỗi bạn đọc', "Bài đăng ngày 2/2 cho rằng nhân sự khóa mới 'đã được Bắc Kinh duyệt trước'. Chúng tôi đã gỡ bài."],
      ['Xin lỗi độc giả', "Bài lược thuật hôm qua viết danh sách Trung ương 'đã được Bắc Kinh duyệt trước'. Tòa soạn đã gỡ bài."],
    ] as const)
      for (const [t, x] of [
        [title, text],
        [stripDiacritics(title), stripDiacritics(text)],
      ]) {
        const c = classifier().classify({ title: t, text: x });
        expect(factIdsOf(c), x).not.toContain('NC-PERSONNEL');
        expect(groupsOf(c), x).not.toContain('pre-arranged');
      }
  });

  it('keeps the pre-arranged claim where no retraction heads the item', () => {
    forBothForms(["Tin nội bộ: danh sách Trung ương 'đã được Bắc Kinh duyệt trước' rồi, xin lỗi chứ đại hội chỉ là hình thức."], (c, t) =>
      expect(groupsOf(c), t).toContain('pre-arranged'),
    );
  });

  it('reads a version asked for its source, or asked "ai nói … z", as cited where the item states the sheet’s value', () => {
    expectNoFact(["Ủa, tin 'BCH tỉnh 61 người' là từ trang nào vậy? Mình check báo tỉnh rồi, BCH khóa XVI có 53 người."], 'GL-BCH');
    expectNoFact(['ai nói đh tỉnh họp ở An Khê z, mẹ mình là đại biểu nè, đại hội tỉnh họp ở Pleiku.'], 'GL-VENUE');
    expectNoFact(['Ủa ai nói đại hội tỉnh họp ở An Khê vậy, đại hội tỉnh họp ở Trung tâm Hội nghị tỉnh mà.'], 'GL-VENUE');
  });

  it('keeps the version asked for its source with no sheet’s value, and the writer’s own value after the question', () => {
    expectEachReads(
      [
        ["Tin 'BCH tỉnh 61 người' là từ trang nào vậy? Mình thấy hay quá.", 'GL-BCH'],
        ["Tin 'BCH tỉnh 53 người' là từ trang nào vậy? BCH khóa XVI có 61 người nha.", 'GL-BCH'],
        ['ai nói đh tỉnh họp ở An Khê z, chắc vậy rồi.', 'GL-VENUE'],
      ],
      factIdsOf,
    );
  });
});

describe('the moderator’s note, the sharer asked to stop, the posts named by kind, "chưa có … nào" (R)', () => {
  it('reads their quotations as the posts’ and the negated list as no claim', () => {
    expectNoFact(["Mod note: bài 'đại hội tỉnh họp kín, không truyền hình' đăng đêm qua là video cũ, admin đã gỡ."], 'GL-FORMAT');
    expectGroup(
      [
        'Ai đang share “nghị quyết mật sáp nhập tỉnh” thì dừng lại nhé, không có nội dung nào như vậy.',
        'Từ nay nhóm sẽ xóa mọi bài kiểu “tài liệu mật rò rỉ” về nhân sự đại hội tỉnh.',
      ],
      'secret-document',
      false,
    );
    expectNoFact(['Admin xin nhắc: nhân sự do Đại hội XIII bầu bằng phiếu kín, chưa có danh sách nào được công bố trước.'], 'NC-PERSONNEL');
  });

  it('keeps the same words unquoted, and a list said to be published before', () => {
    expectGroup(['Có nghị quyết mật sáp nhập tỉnh rồi, ai đang share thì share tiếp nhé.'], 'secret-document', true);
    expectEachReads([['Danh sách Trung ương khóa XIII đã được công bố trước đại hội rồi, chưa ai nói à.', 'NC-PERSONNEL']], factIdsOf);
  });
});

describe('another body read as the congress (H)', () => {
  it('does not read a sub-parish, a Taiwanese party or a coin’s holders as the congress', () => {
    expectCongress(
      [
        'Nghe đâu cha xứ đã chọn sẵn trưởng ban, đại hội giáo họ chủ nhật này chỉ để thông báo thôi.',
        'Nghe nói Quốc dân Đảng sắp đại hội bầu chủ tịch mới, ứng viên đã sắp xếp từ trước.',
        'Đại hội holder coin ABC tối mai, nghe nói dev sẽ burn một nửa supply.',
      ],
      false,
    );
  });

  it('keeps the Party’s congress beside them', () => {
    expectCongress(
      [
        'Cha xứ khuyên bà con xem truyền hình Đại hội XIII của Đảng khai mạc sáng nay.',
        'Báo Đài Loan bình luận về Đại hội XIII Đảng Cộng sản Việt Nam, Quốc dân Đảng chưa lên tiếng.',
      ],
      true,
    );
  });
});

describe('a relative’s cell congress (G), the which-venue question (S), hearsay compared (O)', () => {
  it('does not read a hamlet cell’s re-election reported by a relative as unattributed personnel', () => {
    forBothForms(['Ba mình vừa đi đại hội chi bộ thôn về, được bầu lại làm bí thư chi bộ, cả nhà mừng lắm.'], (c, t) =>
      expect(rulesOf(c), t).not.toContain('rule unattributed-personnel'),
    );
  });

  it('keeps the rule on a province’s posts stated bare', () => {
    forBothForms(
      [
        'Ông Phó Chủ tịch tỉnh được bầu lại vào Ban Thường vụ khóa mới.',
        'Ba mình vừa đi đại hội tỉnh về, ông Phó Chủ tịch tỉnh được bầu lại vào Ban Thường vụ khóa mới.',
      ],
      (c, t) => expect(rulesOf(c), t).toContain('rule unattributed-personnel'),
    );
  });

  it('reads "bác nào biết chắc" after two versions as a question, and hearsay compared as no source', () => {
    expectNoFact(['Nhóm bên kia nói đại hội tỉnh họp ở An Khê, nhóm mình lại nói Pleiku. Bác nào biết chắc thì chỉ giúp tôi với.'], 'GL-VENUE');
    expectGroup(['Đọc tận gốc văn kiện Đại hội XIII vẫn hơn nghe người ta kể lại.', 'Tự đọc còn hơn là nghe thiên hạ đồn.'], 'hearsay', false);
  });

  it('keeps hearsay a claim rests on', () => {
    expectGroup(['Nghe người ta kể lại là đại hội tỉnh đã chọn sẵn bí thư rồi.'], 'hearsay', true);
  });
});
