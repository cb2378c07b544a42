import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { CONFIG, contradictionsOf, expectCongress, expectGroup, forBothForms, REPO, stripDiacritics } from './helpers.ts';

// The hundred-and-fourth pass (study102's ranks 2, 6 and 7). R: a notice, an erratum or a correction quotes the wrong
// version — a moderator's removal verb before the post it removes ("Gỡ bài '…'", "Admin xin phép gỡ bài '…'") or after
// it ("Bài '…' đã bị gỡ vì sai"), a reader's "thấy ghi '…'", a group as the poster ("trên một số nhóm cho rằng "…""):
// the claim inside is quoted, in any item; an article's "đăng ngày d/m" is its own date; a teacher's "nhiều em ghi …"
// reports what the pupils wrote. G/H/X: a military or police Party committee's own thirteenth congress, a parents' or
// an association's gathering, a hall named with a spelled month. Phrasings written for these tests, not corpus
// sentences; each as typed and with its diacritics stripped, on the lexicons alone.

const factsOf = (c: Classification, id: string) => contradictionsOf(c).filter((e) => e.factId === id);

function expectFacts(texts: string[], id: string, count: number) {
  forBothForms(texts, (c, t) =>
    expect(
      factsOf(c, id).length,
      `${t} → ${contradictionsOf(c)
        .map((e) => `${e.factId} ${e.matched}`)
        .join('; ')}`,
    ).toBe(count),
  );
}

describe('a moderator’s removal notice quoting the post it removes (R a)', () => {
  it('reads the removed post’s value as quoted, the removal verb before or after the quotation', () => {
    expectFacts(
      [
        "Gỡ bài 'Đại hội XIII kéo dài tới ngày 10/2'. Lịch chính thức đã đăng trên báo Nhân Dân.",
        "Nhắc lại nội quy nhóm: bài 'Đại hội XIII kéo dài tới ngày 10/2' đã bị gỡ vì sai, mọi người xem lịch trên báo.",
        'Admin xin phép khóa chủ đề "Đại hội XIII kéo dài tới ngày 10/2", ai cần thì xem lịch trên báo.',
      ],
      'NC-DATE',
      0,
    );
  });

  it('reads the admin’s own check in the notice as no insider', () => {
    const notice = ["Admin xin phép gỡ bài 'đoàn tỉnh có 3 người bị loại'. Đã hỏi người quen ở Tỉnh ủy và đọc báo: đoàn vẫn đủ người."];
    expectGroup(notice, 'insider', false);
    expectGroup(notice, 'personnel-speculation', false);
  });

  it('still reads the writer’s own claim beside the removed post, and an insider outside notices', () => {
    expectFacts(["Gỡ bài 'Đại hội XIII họp ở Đà Nẵng' làm gì, Đại hội XIII kéo dài tới ngày 10/2 là thật mà."], 'NC-DATE', 1);
    expectFacts(["Bài 'Đại hội XIII kéo dài tới ngày 10/2' đã bị gỡ, nhưng Đại hội XIII kéo dài tới ngày 10/2 là chắc chắn."], 'NC-DATE', 1);
    expectGroup(['Đã hỏi người quen ở Tỉnh ủy, đoàn tỉnh có 3 người bị loại vào phút chót.'], 'insider', true);
  });
});

describe('errata and corrections quoting the wrong version (R b)', () => {
  it('reads an article’s “đăng ngày d/m” as its own date, not the event’s', () => {
    expectFacts(
      [
        'Xin lỗi bạn đọc. Bài "Đại hội XIII làm việc trong 9 ngày" đăng ngày 20/1 có sai sót về thời gian, chúng tôi đã sửa lại.',
        'Đính chính: bản tin Đại hội XIII làm việc đăng lúc 20/1 ghi nhầm giờ khai mạc.',
      ],
      'NC-DATE',
      0,
    );
    expectFacts(['Đại hội XIII khai mạc ngày 20/1, mọi người chú ý theo dõi.'], 'NC-DATE', 1);
  });

  it('reads a reader’s “thấy ghi ‘…’” as the page’s words', () => {
    expectFacts(["Đọc trên mấy trang tổng hợp thấy ghi 'Đại hội XIII kéo dài tới ngày 10/2', thật ra lịch chính thức khác."], 'NC-DATE', 0);
  });

  it('reads a teacher’s “nhiều em ghi …” as the pupils’ claim, corrected', () => {
    expectFacts(
      [
        'Cô chấm bài thấy nhiều em ghi Đại hội XIII họp ở Đà Nẵng. Cô sửa lại nhé: theo thông báo chính thức, Đại hội XIII họp tại Trung tâm Hội nghị Quốc gia, Hà Nội.',
      ],
      'NC-VENUE',
      0,
    );
    expectFacts(['Em ghi lại cho cả lớp: Đại hội XIII họp ở Đà Nẵng.'], 'NC-VENUE', 1);
  });
});

describe('a group named as the poster of a quoted claim (R c)', () => {
  it('reads the claim as the groups’ words', () => {
    expectFacts(['Liên quan thông tin trên một số nhóm cho rằng "Đại hội XIII kéo dài tới ngày 10/2", Văn phòng Trung ương đã có thông báo.'], 'NC-DATE', 0);
  });
});

describe('another body’s congress or gathering (G, H)', () => {
  it('reads a military Party committee’s “lần thứ XIII” as its own congress', () => {
    expectFacts(['Đại hội đại biểu Đảng bộ Quân sự tỉnh Gia Lai lần thứ XIII đã diễn ra với sự tham dự của 150 đại biểu.'], 'NC-DELEGATES', 0);
    expectFacts(['Đại hội đại biểu toàn quốc lần thứ XIII đã diễn ra với sự tham dự của 150 đại biểu.'], 'NC-DELEGATES', 1);
  });

  it('reads a parents’ meeting and an association’s committee as theirs, not the Party’s', () => {
    expectCongress(
      [
        'Trường thu quỹ 200 nghìn mỗi học sinh để tổ chức đại hội cha mẹ học sinh toàn trường, có đúng không mọi người?',
        'Lộ danh sách Ban chấp hành Hội Xe ôm công nghệ khóa mới trước đại hội, toàn người của hãng lớn.',
      ],
      false,
    );
    expectCongress(['Lộ danh sách Ban chấp hành Đảng bộ tỉnh khóa mới trước đại hội, toàn người của phe lớn.'], true);
  });
});

describe('a hall named with a spelled month (X)', () => {
  const sheetOf = (file: string) =>
    loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), modelFile: undefined, factsSheet: join(REPO, 'tests/nlp/fixtures', file) });
  const spelled = sheetOf('official-facts-spelled-hall.json');
  const dated = sheetOf('official-facts-dated-hall.json');
  const dateFacts = (c: Classification) => contradictionsOf(c).filter((e) => e.factId === 'GL-DATE');
  const both = (text: string) => [text, stripDiacritics(text)];

  it('reads no date in the sheet’s hall, its month spelled in the sheet or in the text', () => {
    for (const t of both('Sáng nay Đại hội Đảng bộ tỉnh khai mạc ở Hội trường 2 Tháng 9, phố phường rợp cờ.'))
      expect(dateFacts(spelled.classify({ title: '', text: t })), t).toEqual([]);
    for (const t of both('Sáng nay Đại hội Đảng bộ tỉnh khai mạc ở Hội trường 17 tháng 3, phố phường rợp cờ.'))
      expect(dateFacts(dated.classify({ title: '', text: t })), t).toEqual([]);
  });

  it('still reads the event’s own date beside the hall', () => {
    for (const t of both('Đại hội Đảng bộ tỉnh tổ chức tại Hội trường 2 Tháng 9. Đại hội khai mạc ngày 2/11.'))
      expect(dateFacts(spelled.classify({ title: '', text: t })).length, t).toBe(1);
  });
});
