import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { contradictionsOf, expectEachReads, expectGroup, forBothForms } from './helpers.ts';

// The hundred-and-twenty-fourth pass (study116's fresh-15 miss families): a value of the sheet stated in passing or in
// a list — the venue before a relative clause of the congress, pointed back to, moved "hẳn", labelled (V); a period
// leading its clause, the congress postponed as the verb's object, the whole grassroots finished before a later day (B);
// the Central Committee elected by show of hands with no "đại hội" in the sentence (M); a fee waived in full by the
// congress's vote, a duty laid on a whole group, a channel's own "khẳng định" (P); the secret ballot said not to exist
// with a rebuttal's words (Z). Under the shipped sheet (the province's congress 14–16/10 at the Trung tâm Hội nghị tỉnh,
// Pleiku, its grassroots done by 15/6/2020; the national one 25/1–2/2/2021 at the Trung tâm Hội nghị Quốc gia, Hà
// Nội, by secret ballot). Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on
// the lexicons alone.
const factIds = (c: Classification) => contradictionsOf(c).map((e) => e.factId);
const noneOf = (ids: string[]) => (c: Classification, t: string) =>
  expect(
    factIds(c).filter((f) => f && ids.includes(f)),
    t,
  ).toEqual([]);
const rules = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith('rule ')).map((e) => e.term);

describe('the venue stated in passing or in a list (V)', () => {
  it('reads a relative clause of the congress, a venue pointed back to, a move "hẳn" and a list’s label', () => {
    expectEachReads(
      [
        ['Phóng sự ghi lại không khí ở Cung Văn hóa Hữu nghị, nơi gần 1.600 đại biểu dự Đại hội XIII từ sáng nay.', 'NC-VENUE'],
        ['Đường quanh khách sạn Hoàng Anh, nơi các đại biểu đang họp Đại hội Đảng bộ tỉnh, cấm đỗ xe.', 'GL-VENUE'],
        ['Chiều qua đi ngang khách sạn Hoàng Anh ở An Khê, thấy bảo Đại hội Đảng bộ tỉnh đang họp trong đó.', 'GL-VENUE'],
        ['Nghe đâu Đại hội XIII đã dời hẳn vào TP.HCM rồi mọi người ạ.', 'NC-VENUE'],
        ['Ghi nhớ nhanh về Đại hội XIII:\n- Địa điểm: Cung Văn hóa Hữu nghị, Hà Nội\n- Có hơn 1.500 đại biểu', 'NC-VENUE'],
      ],
      factIds,
    );
  });

  it('keeps the official venue, the delegates’ lodging and another gathering’s label', () => {
    forBothForms(
      [
        'Phóng sự ghi lại không khí ở Trung tâm Hội nghị Quốc gia, nơi gần 1.600 đại biểu dự Đại hội XIII từ sáng nay.',
        'Khách sạn Hoàng Anh, nơi các đại biểu dự Đại hội Đảng bộ tỉnh nghỉ lại, đã sẵn sàng đón khách.',
        // (typed without diacritics, "Hà Nội" holds the letters of "nơi")
        'Đoàn 15 đại biểu Gia Lai ra Hà Nội dự Đại hội 13 rồi, áo thổ cẩm đẹp ghê.',
        'Chiều qua đi ngang Trung tâm Hội nghị tỉnh ở Pleiku, thấy bảo Đại hội Đảng bộ tỉnh đang họp trong đó.',
        'Ghi nhớ nhanh về Đại hội XIII:\n- Địa điểm: Trung tâm Hội nghị Quốc gia, Hà Nội',
        'Hội nghị học tập Nghị quyết Đại hội XIII.\n- Địa điểm: Cung Văn hóa Hữu nghị',
        // a negated change of format (a title's claim the text's had hidden, read per field now)
        'Ban Tổ chức: Đại hội XIII vẫn họp trực tiếp, không chuyển sang trực tuyến.',
      ],
      noneOf(['NC-VENUE', 'GL-VENUE']),
    );
  });
});

describe('dates and the grassroots round (B)', () => {
  it('reads a period leading its clause, the congress postponed, the whole grassroots done by a later day or reported done with some still pending', () => {
    expectEachReads(
      [
        ['Thông báo nhà xe: từ 2 đến 4/10 cấm xe tải đi qua trung tâm vì đại hội tỉnh họp.', 'GL-DATE'],
        ['Thông báo tuyến Pleiku – Quy Nhơn: từ 2 đến 4/10 cấm xe khách vì đại hội tỉnh họp ở Pleiku.', 'GL-DATE'],
        ['KHẨN: hoãn Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI đến khi có thông báo mới.', 'GL-DATE'],
        ['Có công văn đề nghị hoãn Đại hội XIII vì dịch bệnh.', 'NC-DATE'],
        ['Báo cáo: 100% tổ chức cơ sở đảng trực thuộc Đảng bộ tỉnh đã hoàn thành đại hội trước ngày 30/7/2020.', 'GL-GRASSROOTS'],
        ['Dù tỉnh báo 100% tổ chức cơ sở đảng đã hoàn thành đại hội, nghe nói vẫn còn 2 xã "treo" đại hội vì tranh chấp.', 'GL-GRASSROOTS'],
      ],
      factIds,
    );
  });

  it('keeps the official period, a denied postponement, some of the grassroots, flags hung and a pending word with nothing reported done', () => {
    forBothForms(
      [
        'Thông báo nhà xe: từ 14 đến 16/10 cấm xe tải đi qua trung tâm vì đại hội tỉnh họp.',
        'Đại hội Đảng bộ tỉnh không hoãn, vẫn khai mạc như kế hoạch.',
        '100% tổ chức cơ sở đảng trực thuộc Đảng bộ tỉnh đã hoàn thành đại hội trước ngày 15/6/2020.',
        'Một số tổ chức cơ sở đảng trực thuộc Đảng bộ tỉnh hoàn thành đại hội trước ngày 30/7/2020.',
        'Dù tỉnh báo 100% tổ chức cơ sở đảng đã hoàn thành đại hội, các xã vẫn treo cờ đại hội khắp nơi.',
        'Ở huyện mình có 2 xã "treo" đại hội vì tranh chấp.',
      ],
      noneOf(['GL-DATE', 'GL-GRASSROOTS']),
    );
  });
});

describe('the Central Committee elected by show of hands, no "đại hội" in the sentence (M)', () => {
  it('reads the election of the Central Committee by its verb', () => {
    expectEachReads(
      [
        ['3. Ban Chấp hành Trung ương khóa mới được bầu bằng hình thức biểu quyết giơ tay.', 'NC-PERSONNEL'],
        ['Ôn thi thời sự:\n- Bầu BCH TW bằng giơ tay', 'NC-PERSONNEL'],
      ],
      factIds,
    );
  });

  it('keeps the committee voting on a document, the secret ballot stated and the question asked', () => {
    forBothForms(
      [
        'Ban Chấp hành Trung ương biểu quyết giơ tay thông qua tờ trình.',
        'Ban Chấp hành Trung ương được bầu bằng phiếu kín, không giơ tay.',
        'Bầu Ban Chấp hành Trung ương có giơ tay biểu quyết không?',
      ],
      noneOf(['NC-PERSONNEL']),
    );
  });
});

describe('a measure said to be decided, a channel’s affirmation (P)', () => {
  it('reads a fee waived in full by the congress’s vote and a duty laid on a whole group', () => {
    forBothForms(['CHÍNH THỨC: Đại hội XIII vừa thông qua miễn 100% học phí cho sinh viên! Share cho mọi người.'], (c, t) =>
      expect(rules(c), t).toContain('rule passed-measure'),
    );
    forBothForms(['Nghị quyết Đại hội XIII yêu cầu mọi đảng viên phải nộp thêm 1% lương.'], (c, t) => expect(rules(c), t).toContain('rule claimed-decision'));
  });

  it('keeps the quoted waiver called false and a resolution’s content reported', () => {
    forBothForms(
      ['Câu "Đại hội XIII miễn 100% học phí" không có trong bất kỳ văn kiện nào.', 'Nghị quyết Đại hội XIII yêu cầu tiếp tục đổi mới giáo dục.'],
      (c, t) =>
        expect(
          rules(c).filter((r) => r === 'rule passed-measure' || r === 'rule claimed-decision'),
          t,
        ).toEqual([]),
    );
  });

  it('reads a channel’s or host’s "khẳng định" as no official framing', () => {
    expectGroup(['Tóm tắt video: câu nói đó mà MC khẳng định là của một Ủy viên Bộ Chính trị tại Đại hội XIII.'], 'official-guidance', false);
    expectGroup(['Văn phòng Tỉnh ủy khẳng định Đại hội Đảng bộ tỉnh vẫn diễn ra theo kế hoạch.'], 'official-guidance', true);
  });
});

describe('the secret ballot said not to exist with a rebuttal’s words (Z)', () => {
  it('reads the official practice denied', () => {
    expectGroup(
      ['Bầu ở đại hội tỉnh toàn giơ tay, chẳng có chuyện phiếu kín đâu.', 'Mọi người share đi, đừng để bị lừa là có bầu cử thật ở Đại hội XIII.'],
      'secret-ballot-denied',
      true,
    );
    expectGroup(['Bầu ở đại hội tỉnh toàn giơ tay, chẳng có chuyện phiếu kín đâu.'], 'rebuttal', false);
  });

  it('keeps the rebuttal of a rumour', () => {
    expectGroup(['Chẳng có chuyện giơ tay đâu, Đại hội XIII bầu bằng phiếu kín.'], 'secret-ballot-denied', false);
    expectGroup(['Chẳng có chuyện giơ tay đâu, Đại hội XIII bầu bằng phiếu kín.'], 'rebuttal', true);
  });
});
