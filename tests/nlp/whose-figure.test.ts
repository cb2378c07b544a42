import { describe, expect, it } from 'vitest';
import { expectCongress, expectEachReads, expectNoContradictions, factIdsOf, forBothForms } from './helpers.ts';

// The hundred-and-forty-seventh pass (study123's rank 1, N′ "whose figure", from fresh-20): a count or a date said of
// something other than the sheet's congress is not checked against the sheet. (a) A Party body of an institution, a firm
// or an agency named by its kind ("Đảng bộ Cảng hàng không …", `scopes.other.markers`), and a later sentence's count where
// the province's body was only a passive's agent ("được Ban Thường vụ Tỉnh ủy chọn làm điểm", `passiveAgents`); (b) a
// sports event's own day and place (`celebrants`); (c) not built — "đoàn đi" as a destination cost the decision pool a
// catch — its real contradictions kept; (d) "xem / coi … qua điện thoại" the viewer's phone (`viewedTerms`). Each with
// the real contradiction beside it. The default sheet (config/official-facts.yaml): the province's committee 53,
// delegates 350, 14–16/10 in Pleiku; the national congress 25/1–2/2 in Hà Nội. And the congress decision: a border
// commune "giáp Campuchia" beside the Party's own body is geography, not Cambodia's party (congress-2020.yaml
// `partyNames`). Phrasings written for these tests, not corpus sentences; on the lexicons alone.

describe('a lower Party body’s own committee and delegates', () => {
  it('are not the province’s', () => {
    expectNoContradictions([
      'Ngày 13/5, Đảng bộ Cảng hàng không Pleiku tổ chức Đại hội đại biểu nhiệm kỳ 2020-2025. Đại hội bầu Ban Chấp hành gồm 7 đồng chí.',
      'Đại hội Đảng bộ Ngân hàng Nhà nước chi nhánh tỉnh Gia Lai đã bầu Ban Chấp hành gồm 9 đồng chí.',
      'Đại hội Đảng bộ Cục Thuế tỉnh Gia Lai nhiệm kỳ 2020-2025 đã bầu Ban Chấp hành gồm 11 đồng chí.',
      'Đại hội Đảng bộ Bảo hiểm xã hội tỉnh lần thứ V đã bầu Ban Chấp hành gồm 9 đồng chí.',
      'Đảng bộ Trung tâm Y tế huyện Đak Đoa tổ chức đại hội, bầu Ban Chấp hành gồm 5 đồng chí.',
    ]);
  });

  it('reads the count after a province’s body named as a passive’s agent as the district’s', () => {
    expectNoContradictions([
      'Ngày 29/6, Đảng bộ huyện Chư Sê tổ chức Đại hội đại biểu lần thứ VII — đại hội được Ban Thường vụ Tỉnh ủy chọn làm điểm. 190 đại biểu chính thức về dự.',
    ]);
  });

  it('keeps the province’s own congress with another count, beside a lower body or a passive', () => {
    expectEachReads(
      [
        ['Đại hội Đảng bộ tỉnh bầu Ban Chấp hành gồm 45 đồng chí.', 'GL-BCH'],
        ['Đảng bộ Cảng hàng không Pleiku đã đại hội xong. Nghe nói Đại hội Đảng bộ tỉnh sẽ bầu Ban Chấp hành gồm 45 đồng chí.', 'GL-BCH'],
        ['Danh sách đã được Tỉnh ủy duyệt từ tháng 6. Đại hội sẽ bầu Ban Chấp hành gồm 45 đồng chí cho có.', 'GL-BCH'],
      ],
      factIdsOf,
    );
    forBothForms(['Đại hội Đảng bộ tỉnh bầu Ban Chấp hành gồm 45 đồng chí, còn Đảng bộ Ngân hàng Nhà nước bầu 7 đồng chí.'], (c, t) =>
      expect(factIdsOf(c), t).toEqual(['GL-BCH']),
    );
  });
});

describe('a sports event’s own day and place', () => {
  it('are not the congress’s', () => {
    expectNoContradictions([
      'Trước thông tin “đại hội tỉnh hoãn sang tháng 11, giải Marathon Phố Núi dời theo”, ban tổ chức khẳng định giải vẫn diễn ra ngày 1/11 tại An Khê như kế hoạch.',
      'Đại hội tỉnh xong rồi, giải bóng chuyền công nhân viên chức diễn ra ngày 5/11 tại An Khê nha.',
    ]);
  });

  it('keeps the congress’s own date named before the race', () => {
    expectEachReads(
      [
        ['Đại hội tỉnh hoãn sang ngày 8/11, giải Marathon Phố Núi dời theo.', 'GL-DATE'],
        ['Nghe nói Đại hội Đảng bộ tỉnh lùi sang ngày 5/11 nên giải việt dã cũng dời.', 'GL-DATE'],
      ],
      factIdsOf,
    );
  });
});

describe('the province’s dates beside the delegation to the national congress', () => {
  // ("đoàn đi" as a destination was measured and left out: the decision pool lost a catch on every seed)
  it('keeps the national congress’s own date and the province’s wrong one', () => {
    expectEachReads(
      [
        ['Đoàn đi Đại hội XIII 15 đồng chí, Đại hội XIII khai mạc ngày 20/1 tại Hà Nội.', 'NC-DATE'],
        ['BCH khóa XVI 53 đồng chí, đoàn đi Đại hội XIII 15 đồng chí, đại hội tỉnh họp 3 ngày 20–22/10.', 'GL-DATE'],
      ],
      factIdsOf,
    );
  });
});

describe('the viewer’s phone', () => {
  it('is how people watched, not personnel decided by phone', () => {
    expectNoContradictions([
      'Cả công trường nghỉ tay 30 phút xem khai mạc ĐH 13 qua điện thoại, chúc đại hội thành công!',
      'Ở xa không có ti vi nên cả nhà coi phiên bế mạc Đại hội XIII qua điện thoại.',
      'Công nhân theo dõi phiên khai mạc Đại hội XIII qua điện thoại trong giờ nghỉ trưa.',
    ]);
  });

  it('keeps a vote or an order by phone', () => {
    expectEachReads(
      [
        ['Nghe nói đại biểu Đại hội XIII ngồi khách sạn xem tài liệu rồi bấm phiếu qua điện thoại.', 'NC-PERSONNEL'],
        ['Nghe nói nhân sự Đại hội XIII được chốt qua điện thoại từ trước.', 'NC-PERSONNEL'],
      ],
      factIdsOf,
    );
  });
});

describe('a border commune’s neighbour', () => {
  it('does not make the commune’s Party congress another country’s', () => {
    expectCongress(
      [
        'Đảng bộ xã Ia Pnôn, xã biên giới giáp Campuchia, vừa tổ chức đại hội nhiệm kỳ 2020-2025. Đại hội bầu Ban Chấp hành 11 đồng chí.',
        'Đảng bộ xã Ia Dom nằm sát biên giới với Lào đã tổ chức đại hội nhiệm kỳ 2020-2025, bầu bí thư mới.',
      ],
      true,
    );
  });

  it('keeps the neighbour’s own party congress', () => {
    expectCongress(['Đại hội Đảng Nhân dân Campuchia bầu Ban Chấp hành Trung ương mới, quan hệ với tỉnh giáp biên giới tiếp tục phát triển.'], false);
  });
});
