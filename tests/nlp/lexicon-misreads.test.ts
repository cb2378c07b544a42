import { describe, expect, it } from 'vitest';
import { expectCongress, expectEachReads, expectGroup, expectNoContradictions, factIdsOf, forBothForms, forBothFormsTitled } from './helpers.ts';

// The hundred-and-ninth pass (study107's ranks 2 and 5, fresh-12's families N and H). N: plain news and first-hand posts
// a lexicon misread — each member of a committee read out as an insider ("nghe đọc tên từng người trong Ban Chấp hành
// mới", c95-124); a claim term under a negation over "any" ("không sử dụng bất kỳ danh sách công bố trước nào",
// c97-058); the date of the provincial congress a sentence names as its subject read against the national congress
// the title names ("Trưa 21/10, Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI … bầu đoàn đại biểu đi dự Đại hội …
// toàn quốc …", c98-002); an embassy's online meeting read as the congress held online (c97-112); a village cell's own
// election read as the tracked personnel (c98-155). H: an association's national congress, its holder after "toàn
// quốc" ("Đại hội đại biểu toàn quốc Hội Cựu chiến binh Việt Nam", its "Ban Chấp hành Trung ương Hội", c96-136) and a
// liaison board's reunion (c96-068). Phrasings written for these tests, not corpus sentences; as typed and without
// diacritics, on the lexicons alone (the configured sheet: the provincial congress 14–16/10/2020, the national one
// 25/1–2/2/2021 at its venue, no list announced before it).

describe('each member of a committee, not an insider (N)', () => {
  it('reads "từng / mỗi người trong Ban Chấp hành / Ban Thường vụ" as the members', () => {
    expectGroup(
      [
        'Cả nhà ngồi xem bế mạc đại hội tỉnh, nghe đọc tên từng người trong Ban Chấp hành khóa mới.',
        'Đại hội tỉnh đã bầu xong, mỗi người trong Ban Thường vụ phụ trách một lĩnh vực.',
      ],
      'insider',
      false,
    );
  });

  it('keeps a person inside a body as the claim’s source', () => {
    expectGroup(
      ['Một người trong ban nói với em là đại hội tỉnh sẽ lùi sang tháng 11.', 'Có người trong ban bảo đại hội tỉnh bầu xong từ trước rồi.'],
      'insider',
      true,
    );
  });
});

describe('a claim term under a negation over "any" (N)', () => {
  it('reads "không … bất kỳ … / … nào" as denying the term', () => {
    expectNoContradictions([
      'Đại hội XIII bầu Ban Chấp hành Trung ương bằng phiếu kín; Đại hội không sử dụng bất kỳ danh sách công bố trước nào.',
      'Ban Chấp hành Trung ương khóa XIII do Đại hội bầu, không có bất cứ danh sách nào được công bố trước.',
    ]);
  });

  it('keeps the claim asserted, or negated only in another clause', () => {
    expectEachReads(
      [
        ['Danh sách Ban Chấp hành Trung ương của Đại hội XIII đã được công bố trước rồi, bầu chỉ là hình thức.', 'NC-PERSONNEL'],
        ['Không ai nói ra nhưng Đại hội XIII có danh sách công bố trước hết rồi.', 'NC-PERSONNEL'],
      ],
      factIdsOf,
    );
  });
});

describe('the date of the congress its sentence names as its subject (N)', () => {
  it('reads the date against the provincial congress the sentence names, not the national one the title names', () => {
    forBothFormsTitled(
      [
        [
          'Đại hội bầu đoàn đại biểu Đảng bộ tỉnh dự Đại hội XIII của Đảng',
          'Trưa 15/10, Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI đã tiến hành bỏ phiếu bầu đoàn đại biểu đi dự Đại hội đại biểu toàn quốc lần thứ XIII của Đảng.',
        ],
        ['Đại hội XIII của Đảng', 'Sáng 15/10, Đại hội đại biểu Đảng bộ tỉnh khai mạc.'],
      ],
      (c, t) => expect(factIdsOf(c), t).toEqual([]),
    );
  });

  it('reads the holder named last in the subject’s name, and leaves a date after an event noun to the other readings', () => {
    forBothFormsTitled(
      [
        ['Khai mạc Đại hội XIII Công đoàn Việt Nam', 'Sáng 2/12 tại Hà Nội, Đại hội XIII Công đoàn Việt Nam chính thức khai mạc.'],
        [
          'Khai mạc Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI',
          'Đại hội làm việc trong 3 ngày (14-16/10), góp ý dự thảo các văn kiện trình Đại hội XIII của Đảng.',
        ],
      ],
      (c, t) => expect(factIdsOf(c), t).toEqual([]),
    );
  });

  it('keeps a wrong date for the congress the sentence names, and the national congress’s own', () => {
    const read: Array<[string, string, string]> = [
      ['Đại hội XIII của Đảng', 'Sáng 20/2, Đại hội đại biểu Đảng bộ tỉnh khai mạc.', 'GL-DATE'],
      ['Đại hội tỉnh', 'Sáng 20/2, Đại hội XIII khai mạc.', 'NC-DATE'],
    ];
    for (const [title, text, fact] of read) forBothFormsTitled([[title, text]], (c, t) => expect(factIdsOf(c), t).toContain(fact));
  });
});

describe('an activity held online to inform about the congress (N)', () => {
  it('reads "buổi gặp mặt / họp mặt / tọa đàm trực tuyến" as that meeting’s format', () => {
    expectNoContradictions([
      'Ngày 20/2, Đại sứ quán tổ chức buổi gặp mặt trực tuyến với kiều bào để thông tin về kết quả Đại hội XIII.',
      'Hội người Việt tổ chức tọa đàm trực tuyến về Văn kiện Đại hội XIII.',
    ]);
  });
});

describe('a village cell’s own election (N)', () => {
  it('is not the tracked personnel stated without a source', () => {
    forBothForms(['Chi bộ thôn mình vừa đại hội xong chiều nay, nhiệm kỳ 2020-2025, bầu lại bác Hùng làm bí thư.'], (c, t) =>
      expect(
        c.explanations.filter((e) => e.term === 'rule unattributed-personnel'),
        t,
      ).toEqual([]),
    );
  });

  it('keeps the rule on the province’s posts', () => {
    forBothForms(['Đại hội tỉnh xong rồi, bầu lại ông Hùng làm bí thư tỉnh ủy.'], (c, t) =>
      expect(
        c.explanations.some((e) => e.term === 'rule unattributed-personnel'),
        t,
      ).toBe(true),
    );
  });
});

describe('another body’s national congress and reunions (H)', () => {
  it('reads "Đại hội đại biểu toàn quốc Hội <X>" and its "Ban Chấp hành Trung ương Hội" as the association’s', () => {
    forBothFormsTitled(
      [
        [
          'Bế mạc Đại hội đại biểu toàn quốc Hội Cựu chiến binh Việt Nam lần thứ VII',
          'Sau 3 ngày làm việc, Đại hội đại biểu toàn quốc Hội Cựu chiến binh Việt Nam lần thứ VII đã bế mạc. Đại hội bầu Ban Chấp hành Trung ương Hội gồm 53 đồng chí.',
        ],
        ['', 'Buổi đại hội Ban liên lạc Trung đoàn 95 vẫn diễn ra vào 30/4, họp mặt truyền thống như mọi năm.'],
      ],
      (c, t) => {
        expect(c.congress, `${t} (congress ${c.scores.congress})`).toBe(false);
        expect(factIdsOf(c), t).toEqual([]);
        expect(
          c.explanations.filter((e) => e.term === 'quốc hội'),
          t,
        ).toEqual([]);
      },
    );
  });

  it('keeps the Party’s national congress and its Central Committee beside the association words', () => {
    expectCongress(
      [
        'Hội viên cựu chiến binh phường theo dõi Đại hội đại biểu toàn quốc lần thứ XIII của Đảng qua truyền hình.',
        'Các hội viên mong Ban Chấp hành Trung ương khóa XIII sẽ chăm lo cho cựu chiến binh.',
      ],
      true,
    );
  });
});

describe('an event verb’s letters inside a longer word, typed without diacritics (judge106’s other lookalikes)', () => {
  it('reads "phu hop", "cuoc doi" before a date as the words, not "họp" or "dời"', () => {
    expectNoContradictions([
      'Đại hội tỉnh năm nay là dịp phù hợp 20/10 để bà con đi xem.',
      'Ông bảo được dự Đại hội tỉnh là niềm vui của cả cuộc đời 20/10 năm ấy.',
    ]);
  });

  it('keeps the verbs themselves', () => {
    expectEachReads(
      [
        ['Đại hội tỉnh năm nay họp 20/10 nhé.', 'GL-DATE'],
        ['Đại hội tỉnh dời 20/10 rồi.', 'GL-DATE'],
      ],
      factIdsOf,
    );
  });
});
