import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { bothForms, classifier, CONFIG, factIdsOf, REPO } from './helpers.ts';

// The hundred-and-fifth pass (#14, study102's family B): values stated plainly in the news register that the checks did
// not read — the delegation elected by the provincial congress named before its verb ("Đại hội Đảng bộ tỉnh … đã bầu
// Đoàn đại biểu đi dự Đại hội XIII … gồm N đồng chí"), the opening's day read against the sheet's start, an in-person
// claim against a sheet that links sites online, the grassroots' completion as things stood on a day ("Tính đến ngày
// d/m, 100% … đã hoàn thành"). Each as typed and without diacritics, on the lexicons alone (the configured sheet:
// 14–16/10/2020, a delegation of 15, the grassroots by 15/6/2020, in person; the national congress 25/1–2/2/2021), and
// under corpus-94's sheet (in person with 19 linked sites).

const read = (text: string, by = classifier()) => by.classify({ title: '', text });

/** Each text, in both forms, contradicts exactly `facts` (counted, weight > 0). */
function expectContradicts(texts: string[], facts: string[], by = classifier()): void {
  for (const t of bothForms(texts)) expect([...new Set(factIdsOf(read(t, by)))], t).toEqual(facts);
}

/** A classifier under corpus-94's sheet (21–23/10/2020, in person with 19 linked sites). */
function underSheet94() {
  return loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), factsSheet: join(REPO, 'tests/fixtures/dev-corpus-94.facts.json') });
}

describe('the delegation elected by the congress named before the verb', () => {
  it('reads the count after "bầu Đoàn đại biểu đi dự Đại hội XIII … gồm", the electing congress named first', () => {
    expectContradicts(
      [
        'Chiều 16/10, Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI đã bầu Đoàn đại biểu đi dự Đại hội đại biểu toàn quốc lần thứ XIII của Đảng gồm 17 đồng chí.',
        'Đại hội đại biểu Đảng bộ tỉnh Gia Lai đã bầu ra Đoàn đại biểu đi dự Đại hội XIII gồm 17 đồng chí.',
      ],
      ['GL-NATIONAL-DELEGATION'],
    );
  });

  it('keeps the official count and a count of the provincial congress itself unread as the delegation', () => {
    expectContradicts(
      [
        'Chiều 16/10, Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI đã bầu Đoàn đại biểu đi dự Đại hội đại biểu toàn quốc lần thứ XIII của Đảng gồm 15 đồng chí.',
        'Đoàn đại biểu dự Đại hội tỉnh Gia Lai có 17 người được khen thưởng.',
      ],
      [],
    );
  });
});

describe("the opening's day", () => {
  it('reads a single date the opening verb ties against the start, not the range', () => {
    expectContradicts(
      [
        'Ngày 16/10/2020, Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc tại Trung tâm Hội nghị tỉnh.',
        'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc sáng 16/10.',
      ],
      ['GL-DATE'],
    );
    // either congress's first day may be its preparatory session's (`openingWithin: 1`): two days after is not
    expectContradicts(['Sáng 27/1/2021, Đại hội đại biểu toàn quốc lần thứ XIII của Đảng khai mạc trọng thể.'], ['NC-DATE']);
  });

  it('keeps the start, the day after a preparatory session, a list of days and another day in the range unflagged', () => {
    expectContradicts(
      [
        'Ngày 14/10/2020, Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc tại Trung tâm Hội nghị tỉnh.',
        'Sáng 26/1/2021, Đại hội đại biểu toàn quốc lần thứ XIII của Đảng khai mạc trọng thể.',
        'Sáng 15/10/2020, Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc trọng thể tại Trung tâm Hội nghị tỉnh.',
        'Sau phiên trù bị ngày 14/10, Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 15/10.',
        'Lịch làm việc Đại hội Đảng bộ tỉnh do Văn phòng Tỉnh ủy công bố: 14/10 khai mạc, 15/10 thảo luận văn kiện, 16/10 bầu cử và bế mạc.',
        'Ngày 15/10, Đại hội Đảng bộ tỉnh Gia Lai bước sang ngày làm việc thứ hai.',
      ],
      [],
    );
  });
});

describe('an in-person claim against a sheet that links sites online', () => {
  const hybrid = underSheet94();

  it('reads "hoàn toàn trực tiếp", "không kết nối điểm cầu (nào)" as a contradiction of a hybrid sheet', () => {
    expectContradicts(
      [
        'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI tổ chức hoàn toàn trực tiếp, không kết nối điểm cầu nào để bảo đảm an toàn.',
        'Đại hội Đảng bộ tỉnh Gia Lai năm nay không có điểm cầu, đại biểu về hết hội trường.',
      ],
      ['GL-FORMAT'],
      hybrid,
    );
  });

  it('keeps the hybrid format stated, and the same words under an in-person sheet, unflagged', () => {
    expectContradicts(['Đại hội Đảng bộ tỉnh Gia Lai tổ chức trực tiếp, kết nối trực tuyến tới 19 điểm cầu.'], [], hybrid);
    expectContradicts(['Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI tổ chức hoàn toàn trực tiếp, không kết nối điểm cầu nào.'], []);
  });
});

describe("the grassroots' completion as things stood on a day", () => {
  it('reads "Tính đến ngày d/m, 100% / toàn bộ … đã hoàn thành đại hội" after the official day as the completion', () => {
    expectContradicts(
      [
        'Tính đến ngày 30/6/2020, 100% tổ chức cơ sở đảng trực thuộc Đảng bộ tỉnh Gia Lai đã hoàn thành đại hội nhiệm kỳ 2020-2025, đúng kế hoạch đề ra.',
        'Đến ngày 30/6/2020, toàn bộ tổ chức cơ sở đảng tỉnh Gia Lai đã hoàn thành đại hội.',
      ],
      ['GL-GRASSROOTS'],
    );
  });

  it('keeps an earlier day, a share of the bodies and a bound ("trước ngày") unflagged', () => {
    expectContradicts(
      [
        'Tính đến ngày 10/6/2020, 100% tổ chức cơ sở đảng trực thuộc Đảng bộ tỉnh Gia Lai đã hoàn thành đại hội.',
        'Tính đến ngày 30/6/2020, 85% tổ chức cơ sở đảng trực thuộc Đảng bộ tỉnh Gia Lai đã hoàn thành đại hội.',
        'Trước ngày 30/6/2020, toàn bộ tổ chức cơ sở đảng tỉnh Gia Lai đã hoàn thành đại hội.',
      ],
      [],
    );
  });
});
