import { describe, expect, it } from 'vitest';
import { extractDates, partOfPeriod } from '../../pipeline/nlp/extract.ts';
import { stripDiacritics } from '../../pipeline/nlp/fold.ts';
import { prepareText } from '../../pipeline/nlp/text.ts';
import type { Classification } from '../../core/types.ts';
import { expectEachReads, expectNoContradictions, factIdsOf, forBothFormsTitled } from './helpers.ts';

// The hundred-and-fifty-sixth pass (study125's rank 3, N′ (c), from fresh-22): "Ngày 30-31/1, Đại hội XIII đã tiến hành
// bầu Ban Chấp hành Trung ương" was read as dating the event 30/1–31/1 against the official 26/1–3/2. Two days inside the
// official span, tied by an event verb whose object is the congress's own business (`partActs`: "tiến hành bầu"), date
// that business and agree; a range reaching outside the span, or given as the whole period ("chỉ họp 2 ngày 30-31/1"),
// still contradicts. The default sheet (config/official-facts.yaml): the national congress 25/1–2/2/2021, the province's
// 14–16/10/2020. Phrasings written for these tests, not corpus sentences.

describe('partOfPeriod', () => {
  const start = '2021-01-25';
  const end = '2021-02-02';
  const days = (text: string) => extractDates(prepareText(text)).flatMap((m) => m.dates);

  it('is two days inside the span, typed and without diacritics', () => {
    for (const t of ['Ngày 30-31/1', 'từ ngày 30 đến 31/1', 'ngày 28-29/1', 'từ 26/1 đến 2/2'])
      for (const form of [t, stripDiacritics(t)]) expect(partOfPeriod(days(form), start, end), form).toBe(true);
  });

  it('is not a range overlapping or outside the span, the span itself, or a single day', () => {
    for (const t of ['từ 24 đến 26/1', 'từ 1/2 đến 5/2', 'từ 4 đến 6/2', 'từ 25/1 đến 2/2', 'ngày 30/1', 'tháng 1'])
      for (const form of [t, stripDiacritics(t)]) expect(partOfPeriod(days(form), start, end), form).toBe(false);
  });
});

describe('two days inside the span given to the congress’s business', () => {
  it('are a part of it, no contradiction', () => {
    expectNoContradictions([
      'Ngày 30-31/1, Đại hội XIII đã tiến hành bầu Ban Chấp hành Trung ương khóa XIII bằng hình thức bỏ phiếu kín.',
      'Ngày 27-28/1, Đại hội XIII tiến hành thảo luận các dự thảo văn kiện tại tổ.',
      'Ngày 15-16/10, Đại hội Đảng bộ tỉnh đã tiến hành bầu Ban Chấp hành khóa XVI.',
    ]);
  });

  it('keeps the whole period stated, a range reaching outside, and a single wrong day', () => {
    expectEachReads(
      [
        ['Đại hội XIII chỉ họp 2 ngày 30-31/1 thôi.', 'NC-DATE'],
        ['Đại hội XIII diễn ra từ 27/1 đến 31/1.', 'NC-DATE'],
        ['Ngày 3-4/2, Đại hội XIII đã tiến hành bầu Ban Chấp hành Trung ương.', 'NC-DATE'],
        ['Ngày 24-25/1, Đại hội XIII tiến hành bầu Ban Chấp hành Trung ương.', 'NC-DATE'],
        ['Ngày 5/2, Đại hội XIII đã tiến hành bầu Ban Chấp hành Trung ương.', 'NC-DATE'],
        ['Đại hội Đảng bộ tỉnh chỉ họp 2 ngày 14-15/10.', 'GL-DATE'],
      ],
      factIdsOf,
    );
  });
});

// (a) and (b) of the same pass: a market's own flows (`market-flow`, unattributed-amount's `none`), a contest's
// or a tournament's own schedule (`contest-schedule`, unattributed-incident's `none`), an esports tournament's own move
// and a quiz's own dates (`celebrants`; `purposes` "tìm hiểu (về)" and `purposeListJoins` for the quiz's object), each
// beside the claim about the congress that keeps its rule or its check.
const rulesOf = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith('rule ')).map((e) => e.term);

describe('a market’s flows and a contest’s schedule', () => {
  it('are not the congress’s money or incident', () => {
    forBothFormsTitled(
      [
        ['Tuần Đại hội XIII: khối ngoại mua ròng, thanh khoản giảm', 'Trong tuần Đại hội XIII, khối ngoại mua ròng hơn 900 tỷ đồng trên HOSE.'],
        ['Nhiều giải đấu eSports tạm dừng dịp Đại hội XIII', 'Một số đơn vị tổ chức giải đấu thể thao điện tử lùi lịch thi đấu trong tuần Đại hội.'],
      ],
      (c, t) => expect(rulesOf(c), t).toEqual([]),
    );
    expectNoContradictions([
      'Giải Liên Quân học đường Gia Lai dời lịch tránh tuần Đại hội Đảng bộ tỉnh.',
      'Sở GD&ĐT tổ chức cuộc thi trắc nghiệm trực tuyến tìm hiểu về Đảng bộ tỉnh và Đại hội XVI dành cho học sinh, diễn ra từ 21/9 đến 10/10/2020.',
      'Tỉnh đoàn phát động hội thi tìm hiểu về Đại hội XIII dành cho đoàn viên, diễn ra từ ngày 1/12/2020 đến 10/1/2021.',
    ]);
  });

  it('keep the congress’s own sum, incident and move', () => {
    forBothFormsTitled(
      [
        ['Đại hội XIII tốn kém', 'Đại hội XIII chi hơn 900 tỷ đồng cho khâu tổ chức.'],
        ['Đại hội XIII tạm dừng', 'Đại hội XIII tạm dừng vì dịch, các đoàn về địa phương.'],
      ],
      (c, t) => expect(rulesOf(c).length, t).toBeGreaterThan(0),
    );
    expectEachReads(
      [
        ['Giải Liên Quân học đường tạm nghỉ vì Đại hội Đảng bộ tỉnh dời lịch sang tháng 11.', 'GL-DATE'],
        ['Đáp án cuộc thi tìm hiểu: Đại hội XIII diễn ra từ 20/1 đến 28/1.', 'NC-DATE'],
        ['Nghe nói Đại hội XIII hoãn sang tháng 3, cuộc thi tìm hiểu cũng dời theo.', 'NC-DATE'],
      ],
      factIdsOf,
    );
  });
});
