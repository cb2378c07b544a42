import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { bothForms, classifier, CONFIG, factIdsOf, REPO } from './helpers.ts';

// The hundredth pass (#14): the official delegate figure denied (P′: "đừng tin con số <sheet count>", "có <sheet count>
// đại biểu đâu"), the venue said by another verb (Y: "khai mạc hôm nay tại", "chuyển địa điểm tổ chức ra", "ngoài Thủ
// đô", "TP. Hồ Chí Minh") and a parenthesis between the event's verb and a date range. Each as typed and without
// diacritics, on the lexicons alone (the configured sheet: 1.587 delegates, Trung tâm Hội nghị Quốc gia in Hà Nội;
// 350 provincial delegates, 14–16/10/2020).

const read = (text: string, by = classifier()) => by.classify({ title: '', text });

/** Each text, in both forms, contradicts exactly `facts` (counted, weight > 0). */
function expectContradicts(texts: string[], facts: string[], by = classifier()): void {
  for (const t of bothForms(texts)) expect([...new Set(factIdsOf(read(t, by)))], t).toEqual(facts);
}

describe('the official delegate figure denied (P′)', () => {
  it('reads "đừng tin (con số) <the sheet count>" as the count called false, with or without a congress term', () => {
    expectContradicts(
      [
        // (no congress term, no context: the sheet's exact figure names its fact)
        'Đừng tin con số 1.587 đại biểu. Thực tế trong hội trường chỉ có khoảng 1.200 người, số còn lại là "đại biểu ma".',
        'Đại hội 13 chỉ có khoảng 1.200 đại biểu ngồi thật, còn lại là ghế trống. Đừng tin con số 1.587!',
        'Đại hội XIII: đừng tin vào con số chính thức 1.587 đại biểu, người trong cuộc nói thật.',
      ],
      ['NC-DELEGATES'],
    );
    expectContradicts(['Đừng tin con số 350 đại biểu dự Đại hội Đảng bộ tỉnh Gia Lai, hội trường vắng hoe.'], ['GL-DELEGATES']);
  });

  it('reads "có <the sheet count> đại biểu đâu" and "làm gì có <the sheet count>" as the count denied', () => {
    expectContradicts(
      [
        'Quang Vinh: có 1587 đại biểu đâu, thực tế chỉ hơn 1500 có mặt, mấy người vắng bị nhiễm covid giấu nhẹm đó',
        'Đại hội XIII làm gì có 1.587 đại biểu, toàn ghế trống.',
      ],
      ['NC-DELEGATES'],
    );
  });

  it('keeps the rebuttal of another figure, the figure stated and a count of something else unflagged', () => {
    expectContradicts(
      [
        // the rumour's figure dismissed, the sheet's stated: a rebuttal
        'Đừng tin con số 1.200 đại biểu trên mạng, Đại hội XIII có 1.587 đại biểu chính thức.',
        'Có tin đồn Đại hội XIII toàn "đại biểu ma". Đừng tin, Đại hội có 1.587 đại biểu chính thức.',
        'Làm gì có 1.200 đại biểu ở Đại hội XIII, con số chính thức là 1.587.',
        'Đại hội XIII có 1.587 đại biểu chính thức.',
        // another count with the same number
        'Đừng tin 350 triệu đồng tiền "chạy" ghế ở Đại hội Đảng bộ tỉnh, chuyện bịa cả.',
      ],
      [],
    );
    for (const t of bothForms(['Đừng tin con số 1.200 đại biểu trên mạng, Đại hội XIII có 1.587 đại biểu chính thức.']))
      expect(
        read(t).explanations.some((e) => e.kind === 'distortion' && e.weight < 0),
        t,
      ).toBe(true);
  });

  it('reads the figure of the sheet in use: another sheet, another figure', () => {
    const other = loadClassifier({
      ...classifierOptionsFromConfig(loadConfig(CONFIG)),
      factsSheet: join(REPO, 'tests/nlp/fixtures/official-facts-other.json'),
    });
    expectContradicts(['Đừng tin con số 1.600 đại biểu. Thực tế chỉ khoảng 1.200 người.'], ['NC-DELEGATES'], other);
    expectContradicts(['Đừng tin con số 1.600 đại biểu. Thực tế chỉ khoảng 1.200 người.'], []);
  });
});

describe('the venue said by another verb (Y)', () => {
  it('reads the place verb across the words of when or how, a move\'s object, "ngoài" and a name\'s abbreviation', () => {
    expectContradicts(
      [
        'Theo bản dịch, Đại hội XIII khai mạc hôm nay tại thành phố Hồ Chí Minh với sự tham dự của 1.587 đại biểu.',
        'Đại hội XIII khai mạc sáng 26/1 tại Đà Nẵng.',
        'Đại hội XIII khai mạc trọng thể tại Đà Nẵng.',
        'Báo Nga: Đại hội Đảng Cộng sản Việt Nam lần thứ XIII khai mạc tại TP. Hồ Chí Minh',
        'Do dịch bệnh tại Hà Nội, Đại hội XIII của Đảng đã chuyển địa điểm tổ chức ra Đà Nẵng.',
        'Đây là lần đầu tiên Đại hội XIII được tổ chức ngoài Thủ đô, bản tin viết.',
      ],
      ['NC-VENUE'],
    );
  });

  it('keeps the official venue, a denied "outside", another capital and other openings unflagged', () => {
    expectContradicts(
      [
        'Sáng 26/1, Đại hội XIII khai mạc trọng thể tại Trung tâm Hội nghị Quốc gia, Hà Nội.',
        'Đại hội XIII khai mạc hôm nay tại TP. Hà Nội.',
        'Đại hội XIII không tổ chức ngoài Hà Nội như tin đồn.',
        'Đại hội XIII tổ chức tại Thủ đô Hà Nội.',
        'Đại hội XIII họp ngoài giờ tại Hà Nội để kịp tiến độ.',
        'Hội nghị xúc tiến đầu tư khai mạc hôm nay tại Đà Nẵng.',
        // a rebuttal quoting it
        'Tin "Đại hội XIII chuyển địa điểm tổ chức ra Đà Nẵng" là bịa đặt.',
      ],
      [],
    );
  });

  it("reads the head of the official venue's name without its tail as that venue", () => {
    const dir = mkdtempSync(join(tmpdir(), 'venue-head-'));
    const sheet = join(dir, 'sheet.json');
    writeFileSync(
      sheet,
      JSON.stringify([
        {
          id: 'NC-VENUE',
          statement: 'Đại hội XIII tổ chức tại Cung Văn hóa Hữu nghị Việt - Xô, Hà Nội.',
          date: '2020-12-18',
          source: 'test',
          topic: 'national-congress/venue',
          values: { venue: 'Cung Văn hóa Hữu nghị Việt - Xô', city: 'Hà Nội' },
        },
      ]),
    );
    const bySheet = loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), factsSheet: sheet });
    expectContradicts(['Đại hội 13 khai mạc hôm nay ở Cung Văn hóa Hữu nghị, ngành y Hà Nội đảm nhận phòng dịch.'], [], bySheet);
    expectContradicts(['Đại hội 13 khai mạc hôm nay ở Cung Văn hóa Thiếu nhi, ngành y Hà Nội đảm nhận phòng dịch.'], ['NC-VENUE'], bySheet);
  });
});

describe('a parenthesis between the event verb and a date range', () => {
  it('does not cut the date from its verb', () => {
    expectContradicts(
      [
        'Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI diễn ra tại Trung tâm Hội nghị tỉnh (đường Trần Hưng Đạo, TP. Pleiku) từ ngày 14 đến 17/10/2020, đoàn viên treo cờ.',
      ],
      ['GL-DATE'],
    );
    expectContradicts(
      [
        'Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI diễn ra tại Trung tâm Hội nghị tỉnh (đường Trần Hưng Đạo, TP. Pleiku) từ ngày 14 đến 16/10/2020, đoàn viên treo cờ.',
      ],
      [],
    );
  });
});
