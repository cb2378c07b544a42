import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { SentenceMarks } from '../../pipeline/nlp/classifier.ts';
import { classifierOptionsFromConfig, loadClassifier, loadOfficialFacts } from '../../pipeline/nlp/index.ts';
import { NgramCollector } from '../../pipeline/nlp/model.ts';
import type { PreparedText } from '../../pipeline/nlp/text.ts';
import { CONFIG, REPO, stripDiacritics } from './helpers.ts';

// The same checks with two facts sheets: the configured one and a sheet with other values.
const OTHER = join(REPO, 'tests/nlp/fixtures/official-facts-other.json');
const configured = loadClassifier(classifierOptionsFromConfig(loadConfig(CONFIG)));
const other = loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), factsSheet: OTHER });
/** The facts a text contradicts and asserts (cited claims are located but do not count). */
const factIds = (c: typeof configured, text: string) =>
  c
    .classify({ title: '', text })
    .explanations.filter((e) => e.kind === 'fact' && !e.cited)
    .map((e) => e.factId);
const citedIds = (c: typeof configured, text: string) =>
  c
    .classify({ title: '', text })
    .explanations.filter((e) => e.kind === 'fact' && e.cited && e.weight === 0)
    .map((e) => e.factId);

describe('facts read from the sheet', () => {
  // [text, facts contradicted with the configured sheet, with the other sheet]
  const cases: Array<[string, string[], string[]]> = [
    ['Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 14/10/2020.', [], ['GL-DATE']],
    // (the opening's own day is the start: the other sheet's 20/10; the hundred-and-fifth pass)
    ['Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 20/10/2020.', ['GL-DATE'], []],
    ['Đại hội Đảng bộ tỉnh Gia Lai năm nay kéo dài 4 ngày.', ['GL-DATE'], []],
    ['Đại hội tỉnh Gia Lai chỉ họp có ba ngày thôi.', [], ['GL-DATE']],
    ['Dự Đại hội Đảng bộ tỉnh Gia Lai có 400 đại biểu.', ['GL-DELEGATES'], []],
    ['Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI có bảy mươi người.', ['GL-BCH'], []],
    ['Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI gồm 53 đồng chí.', [], ['GL-BCH']],
    ['Ban Thường vụ Tỉnh ủy Gia Lai khóa 16 lên tận 17 người.', ['GL-BTV'], []],
    ['Đại hội Đảng bộ tỉnh Gia Lai tổ chức tại Trung tâm Hội nghị tỉnh.', [], ['GL-VENUE']],
    ['Đại hội Đảng bộ tỉnh Gia Lai tổ chức tại Nhà văn hóa Thanh niên ở An Khê.', ['GL-VENUE'], []],
    ['Đại hội 13 họp ở Hội trường Ba Đình.', ['NC-VENUE'], []],
    // (an opening on a later day of the range contradicts the start: the configured 25/1, or the day after it)
    ['ĐH 13 khai mạc ngày 1/2/2021.', ['NC-DATE'], []],
    ['ĐH 13 khai mạc ngày 25/1/2021.', [], ['NC-DATE']],
    ['Đại hội XIII chỉ họp có năm ngày.', ['NC-DATE'], []],
    ['Đại hội lần thứ 13 của Đảng có 1.600 đại biểu.', ['NC-DELEGATES'], []],
  ];
  for (const [text, withConfigured, withOther] of cases) {
    it(text, () => {
      expect(factIds(configured, text), 'configured sheet').toEqual(withConfigured);
      expect(factIds(other, text), 'other sheet').toEqual(withOther);
    });
  }

  // The judgement itself, with the shipped model: it was trained on items labelled against the
  // configured sheet, and must not have learned that sheet's values (a held-out set with another sheet judges us).
  const judged: Array<[string, boolean, boolean]> = [
    ['Đại hội Đảng bộ tỉnh Gia Lai năm nay kéo dài 4 ngày.', true, false],
    ['Dự Đại hội Đảng bộ tỉnh Gia Lai có 400 đại biểu.', true, false],
    ['Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 20/10/2020.', true, false],
    ['Đại hội Đảng bộ tỉnh Gia Lai tổ chức tại Trung tâm Hội nghị tỉnh.', false, true],
    ['Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI gồm 53 đồng chí.', false, true],
    ['Đại hội tỉnh Gia Lai chỉ họp có ba ngày thôi.', false, true],
    ['Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 14/10/2020.', false, true],
  ];
  it("the shipped model's distortion judgement follows the sheet, not the values it was trained with", () => {
    expect(configured.learned).not.toBeNull();
    for (const [text, withConfigured, withOther] of judged) {
      expect(configured.classify({ title: '', text }).distortion, `${text} (configured sheet)`).toBe(withConfigured);
      expect(other.classify({ title: '', text }).distortion, `${text} (other sheet)`).toBe(withOther);
    }
  });

  it('the sheet replaces statements and values, and keeps the configured checks', () => {
    const facts = loadOfficialFacts(join(REPO, 'config/official-facts.yaml'), OTHER);
    expect(facts.map((f) => f.id)).toContain('GL-BCH');
    const bch = facts.find((f) => f.id === 'GL-BCH')!;
    expect(bch.statement).toContain('70 đồng chí');
    expect(bch.checks).toContainEqual(expect.objectContaining({ kind: 'number', value: 70 }));
    const date = facts.find((f) => f.id === 'NC-DATE')!;
    expect(date.checks).toContainEqual({ kind: 'dates', start: '2021-02-01', end: '2021-02-05', openingWithin: 1 });
    // no days in the sheet: the length comes from the dates
    expect(date.checks).toContainEqual({ kind: 'duration', days: 5 });
  });

  it("a claims check applies only when the sheet's values call for it (online vs an in-person or hybrid congress)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'sheet-'));
    const sheet = join(dir, 'hybrid.json');
    const facts = JSON.parse(readFileSync(OTHER, 'utf8')) as Array<{ id: string; values: Record<string, unknown> }>;
    writeFileSync(sheet, JSON.stringify(facts.map((f) => (f.id === 'GL-FORMAT' ? { ...f, values: { format: 'hybrid' } } : f))));
    const hybrid = loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), factsSheet: sheet });
    const online = 'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI họp trực tuyến với 18 điểm cầu.';
    expect(factIds(configured, online)).toEqual(['GL-FORMAT']);
    expect(factIds(hybrid, online)).toEqual([]);
    // online only, or behind closed doors, still contradicts a hybrid congress
    expect(factIds(hybrid, 'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI chỉ họp trực tuyến, đại biểu ngồi nhà.')).toEqual(['GL-FORMAT']);
    expect(factIds(hybrid, 'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI họp kín.')).toEqual(['GL-FORMAT']);
    expect(factIds(hybrid, 'Đại hội Đảng bộ tỉnh Gia Lai họp 100% online nha cả nhà.')).toEqual(['GL-FORMAT']);
  });

  it('a sheet value given in words reads as the form its words name (valueForms)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sheet-'));
    const facts = JSON.parse(readFileSync(OTHER, 'utf8')) as Array<{ id: string; values: Record<string, unknown> }>;
    const withFormat = (format: string) => {
      const sheet = join(dir, `${format.length}.json`);
      writeFileSync(sheet, JSON.stringify(facts.map((f) => (f.id === 'GL-FORMAT' ? { ...f, values: { format } } : f))));
      return loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), factsSheet: sheet });
    };
    const closed = 'Đại hội Đảng bộ tỉnh Gia Lai lần này họp kín 100%.';
    const online = 'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI họp trực tuyến với 18 điểm cầu.';
    const hybrid = withFormat('trực tiếp, kết hợp trực tuyến tới 17 điểm cầu cấp huyện');
    expect(factIds(hybrid, closed)).toEqual(['GL-FORMAT']);
    expect(factIds(hybrid, online)).toEqual([]);
    expect(factIds(hybrid, 'Đại hội Đảng bộ tỉnh Gia Lai được tổ chức trực tuyến hoàn toàn.')).toEqual(['GL-FORMAT']);
    const inPerson = withFormat('tổ chức trực tiếp tại hội trường');
    expect(factIds(inPerson, online)).toEqual(['GL-FORMAT']);
    // a value in words that names no form matches no `when`: the checks that need one are dropped
    expect(factIds(withFormat('theo kế hoạch'), closed)).toEqual([]);
  });

  it('a fact the checks need a value for, missing from the sheet, is an error naming the fact', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sheet-'));
    const sheet = join(dir, 'sheet.json');
    writeFileSync(
      sheet,
      JSON.stringify([{ id: 'GL-BCH', statement: 's', date: '2020-10-16', source: 's', topic: 'gialai-congress/committee-size', values: {} }]),
    );
    expect(() => loadOfficialFacts(join(REPO, 'config/official-facts.yaml'), sheet)).toThrow(/GL-BCH.*needs value.*values\.members/);
    writeFileSync(sheet, JSON.stringify([{ id: 'X-1', statement: 's', date: '2020-10-16', source: 's', topic: 'other/topic', values: {} }]));
    expect(() => loadOfficialFacts(join(REPO, 'config/official-facts.yaml'), sheet)).toThrow(/X-1: no fact with this id or topic/);
    writeFileSync(sheet, '{ not json');
    expect(() => loadOfficialFacts(join(REPO, 'config/official-facts.yaml'), sheet)).toThrow(/not valid JSON/);
  });
});

describe('fact checks that read more phrasings', () => {
  const ids = (text: string) => factIds(configured, text);

  it('a period other than the official one, and "tới tận"', () => {
    expect(ids('dh 13 hop tu 25 toi 27/1 la xong')).toContain('NC-DATE');
    expect(ids('ĐH XIII kéo dài từ 25/1 tới tận 9/2')).toContain('NC-DATE');
    expect(ids('Đại hội XIII làm việc từ ngày 25/1 đến ngày 2/2/2021.')).toEqual([]);
  });

  it('durations and shifts in digits and words, not when denied', () => {
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai rút ngắn còn hai ngày.')).toContain('GL-DATE');
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai đã lùi 1 ngày so với kế hoạch.')).toContain('GL-DATE');
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai làm việc 3 ngày chứ không phải 5 ngày.')).toEqual([]);
  });

  it('a venue by a venue noun, or a hotel, not only a province', () => {
    expect(ids('Đại hội tỉnh Gia Lai họp ở khách sạn cho kín đáo.')).toContain('GL-VENUE');
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai tổ chức tại Trung tâm Hội nghị Quy Nhơn.')).toContain('GL-VENUE');
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai tổ chức tại hội trường lớn, Trung tâm Hội nghị tỉnh.')).toEqual([]);
  });

  it('a venue named before "là nơi diễn ra Đại hội", checked against either sheet', () => {
    const text = 'Khách sạn Hoàng Anh sẽ là nơi diễn ra Đại hội Đảng bộ tỉnh Gia Lai.';
    expect(ids(text)).toEqual(['GL-VENUE']);
    expect(factIds(other, text)).toEqual(['GL-VENUE']);
    const official = 'Trung tâm Hội nghị tỉnh ở Pleiku là nơi tổ chức Đại hội Đảng bộ tỉnh Gia Lai.';
    expect(ids(official)).toEqual([]);
    expect(factIds(other, official)).toEqual(['GL-VENUE']);
    // the event must follow the predicate: a town hosting celebrations is no venue claim
    expect(ids('Pleiku là nơi diễn ra nhiều hoạt động chào mừng Đại hội Đảng bộ tỉnh Gia Lai.')).toEqual([]);
  });

  it('a date after the congress named as the object of its verb ("diễn ra Đại hội … từ ngày …")', () => {
    const text = 'Tuần sau sẽ diễn ra Đại hội Đảng bộ tỉnh Gia Lai khóa XVI từ ngày 20 đến 23/10.';
    expect(ids(text)).toEqual(['GL-DATE']);
    expect(factIds(other, text)).toEqual([]);
    // another clause's date is not the congress's
    expect(ids('Sắp diễn ra Đại hội Đảng bộ tỉnh Gia Lai, còn hội chợ thì mở từ ngày 20 đến 23/10.')).toEqual([]);
  });

  it('a countdown ("còn một ngày nữa") is not a length; a length still is', () => {
    expect(ids('Chỉ còn một ngày nữa, Đại hội Đảng bộ tỉnh Gia Lai sẽ khai mạc.')).toEqual([]);
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai chỉ còn một ngày.')).toEqual(['GL-DATE']);
  });

  it("a date opening the sentence is not the congress's when its verb has a date of its own", () => {
    expect(ids('Sáng 20/1, đoàn đại biểu tỉnh lên đường dự Đại hội XIII, khai mạc ngày 25/1 tại Hà Nội.')).toEqual([]);
    expect(ids('Sáng 20/1, Đại hội XIII khai mạc tại Hà Nội.')).toEqual(['NC-DATE']);
  });

  it('a question between two numbers asserts neither', () => {
    expect(ids('Đại hội XIII có 1.587 hay 1.700 đại biểu chính thức vậy mọi người?')).toEqual([]);
    expect(ids('Đại hội XIII có 1.700 đại biểu chính thức.')).toContain('NC-DELEGATES');
  });

  it('an item that rebuts or asks which version is right cites the versions: no contradiction counts', () => {
    expect(ids('Nhóm kia bảo Đại hội Đảng bộ tỉnh Gia Lai bị hoãn sang tháng 11, trang Tỉnh ủy vẫn ghi lịch cũ. Bên nào đúng vậy mọi người?')).toEqual([]);
    // still located, for the item page and a transcript's time code
    expect(
      citedIds(configured, 'Nhóm kia bảo Đại hội Đảng bộ tỉnh Gia Lai bị hoãn sang tháng 11, trang Tỉnh ủy vẫn ghi lịch cũ. Bên nào đúng vậy mọi người?'),
    ).toContain('GL-DATE');
    expect(ids('Tuần trước mình đăng Đại hội XIII có 1.700 đại biểu, xin đính chính lại, mọi người thông cảm.')).toEqual([]);
    expect(ids('Nhóm kia bảo Đại hội Đảng bộ tỉnh Gia Lai bị hoãn sang tháng 11, trang Tỉnh ủy giấu đấy.')).toContain('GL-DATE');
  });

  it('approximate numbers get a relative tolerance', () => {
    expect(ids('Đại hội XIII có khoảng 1.600 đại biểu.')).toEqual([]);
    expect(ids('Đại hội XIII có gần 2.000 đại biểu.')).toContain('NC-DELEGATES');
    expect(ids('Đại hội XIII có 1.600 đại biểu.')).toContain('NC-DELEGATES');
  });

  it('national and provincial committees are told apart', () => {
    expect(ids('Đại hội XIII bầu Ban Chấp hành Trung ương gồm 180 ủy viên chính thức.')).toEqual([]);
    expect(ids('Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa mới có 60 người.')).toContain('GL-BCH');
  });

  it("the Gia Lai delegation to the national congress, and another province's", () => {
    expect(ids('Đoàn đại biểu Gia Lai đi dự Đại hội XIII có hai mươi người.')).toContain('GL-NATIONAL-DELEGATION');
    expect(ids('Đoàn đại biểu Đảng bộ tỉnh Kon Tum dự Đại hội XIII gồm 20 đồng chí.')).toEqual([]);
  });

  it("an ordinal after another organisation numbers that organisation's congress, not ours", () => {
    expect(ids('Đại hội đại biểu Đảng bộ huyện Krông Pa lần thứ XIII diễn ra từ 6 đến 7/8/2020.')).toEqual([]);
    expect(ids('Đại hội Đảng bộ thành phố Pleiku lần thứ XVI diễn ra trong 3 ngày.')).toEqual([]);
    // the ordinal alone, or after the event's own name, still names the congress
    expect(ids('Đại hội XIII diễn ra từ 6 đến 7/8/2020.')).toEqual(['NC-DATE']);
    expect(ids('Đoàn đại biểu tỉnh dự Đại hội XIII khai mạc ngày 6/8/2020.')).toEqual(['NC-DATE']);
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI diễn ra trong 4 ngày.')).toEqual(['GL-DATE']);
  });

  it('the party members the delegates stand for, when the sheet gives them', () => {
    const text = 'Dự Đại hội Đảng bộ tỉnh Gia Lai có 350 đại biểu, thay mặt cho hơn 110 nghìn đảng viên.';
    expect(ids(text)).toEqual(['GL-DELEGATES']);
    expect(ids('Dự Đại hội Đảng bộ tỉnh Gia Lai có 350 đại biểu, thay mặt cho hơn 66.000 đảng viên.')).toEqual([]);
    // a ratio is no total
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai có 350 đại biểu, tức 1 đại biểu đại diện cho 190 đảng viên.')).toEqual([]);
    // a sheet without the figure drops the check, it does not fail
    const dir = mkdtempSync(join(tmpdir(), 'sheet-'));
    const sheet = join(dir, 'no-members.json');
    const facts = JSON.parse(readFileSync(OTHER, 'utf8')) as Array<{ id: string; values: Record<string, unknown> }>;
    writeFileSync(sheet, JSON.stringify(facts.map((f) => (f.id === 'GL-DELEGATES' ? { ...f, values: { delegates: 350 } } : f))));
    const without = loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), factsSheet: sheet });
    expect(factIds(without, text)).toEqual([]);
  });

  it('a number after "so với" is what the claim is compared with', () => {
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai diễn ra trong 3 ngày, rút ngắn so với 5 ngày của nhiệm kỳ trước.')).toEqual([]);
    expect(ids('Đại hội XIII có 1.587 đại biểu, tăng so với 1.510 đại biểu của Đại hội XII.')).toEqual([]);
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai rút ngắn còn 2 ngày.')).toEqual(['GL-DATE']);
  });

  it('a claim about another gathering is not a claim about the congress', () => {
    expect(ids('Tỉnh ủy Gia Lai tổ chức hội nghị trực tuyến quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI.')).toEqual([]);
    expect(ids('Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI họp trực tuyến.')).toContain('GL-FORMAT');
    expect(ids('ĐH 13 họp trực tuyến thôi, đại biểu ngồi ở nhà.')).toContain('NC-VENUE');
  });

  it('the national congress named as "Đại hội Đảng 13" or "Đại hội Đảng lần 13": its claims are checked', () => {
    expect(ids('Đại hội Đảng 13 chỉ họp 4 ngày thôi, tới 29/1 là xong.')).toContain('NC-DATE');
    expect(ids('Dai hoi Dang lan 13 hop tu 20 den 23/1.')).toContain('NC-DATE');
    expect(ids('Đại hội Đảng 13 làm việc từ ngày 25/1 đến ngày 2/2/2021.')).toEqual([]);
  });

  it('a length after its number ("bế mạc sau 4 ngày làm việc"), when its sentence names the event', () => {
    const before = 'Đại hội Đảng bộ tỉnh Gia Lai bế mạc sau 4 ngày làm việc.';
    const after = 'Chiều nay, sau bốn ngày làm việc khẩn trương, Đại hội Đảng bộ tỉnh Gia Lai đã bế mạc.';
    for (const text of [before, after]) {
      expect(factIds(configured, text), text).toEqual(['GL-DATE']);
      expect(factIds(other, text), text).toEqual([]);
    }
    expect(factIds(other, 'Đại hội Đảng bộ tỉnh Gia Lai bế mạc sau 3 ngày làm việc.')).toEqual(['GL-DATE']);
    // a part of it, another province's congress, a sentence naming no event, a date before a comma: not read
    expect(ids('Sau 2 ngày làm việc đầu tiên, Đại hội Đảng bộ tỉnh Gia Lai bắt đầu bầu cử.')).toEqual([]);
    expect(ids('Đại hội Đảng bộ tỉnh Thái Bình bế mạc sau 4 ngày làm việc, bầu đoàn đại biểu dự Đại hội XIII.')).toEqual([]);
    expect(ids('Đại hội bầu 15 đại biểu dự Đại hội XIII. Đại hội bế mạc sau 4 ngày làm việc.')).toEqual([]);
    expect(ids('Sáng 15/10, ngày làm việc thứ hai của Đại hội Đảng bộ tỉnh Gia Lai.')).toEqual([]);
  });

  it('a length right after the event\'s noun ("đại hội 4 ngày mà …"), not a time from it, an ordinal before a date or a part', () => {
    const stated = 'Đại hội Đảng bộ tỉnh Gia Lai xong rồi. Đại hội 4 ngày mà không thấy bàn gì về đất đai.';
    expect(factIds(configured, stated)).toEqual(['GL-DATE']);
    expect(factIds(other, stated)).toEqual([]);
    expect(factIds(other, stated.replace('4 ngày', '3 ngày'))).toEqual(['GL-DATE']);
    // a count before a date after a length phrase is still a length ("chỉ họp đúng 1 ngày 21/10"); the date's day is no count
    expect(factIds(other, 'Đại hội Đảng bộ tỉnh Gia Lai chỉ họp đúng 1 ngày 21/10 rồi về.')).toEqual(['GL-DATE']);
    expect(factIds(other, 'Đại hội Đảng bộ tỉnh Gia Lai họp ngày 21/10 rồi về.')).toEqual([]);
    for (const text of [
      'Trước đại hội 5 ngày, Đảng bộ tỉnh Gia Lai đã hoàn tất công tác chuẩn bị.',
      'Sau đại hội 5 ngày, Tỉnh ủy Gia Lai khóa XVI họp phiên đầu tiên.',
      'Đại hội Đảng bộ tỉnh Gia Lai 2 ngày đầu thảo luận văn kiện.',
      // another gathering's length
      'Đại hội Đảng bộ tỉnh Gia Lai xong rồi. Đại hội Đoàn 5 ngày mà không thấy bàn gì.',
      // an indefinite day, no length
      'Tại Đại hội Đảng bộ tỉnh Gia Lai một ngày nọ, đại biểu kể chuyện làng.',
      'Đại hội Đảng bộ tỉnh Gia Lai xong rồi. Đại hội một ngày kia sẽ được kể lại.',
      'Đại hội Đảng bộ tỉnh Gia Lai kéo dài, có một ngày nào đó mưa to.',
    ])
      for (const c of [configured, other]) expect(factIds(c, text), text).toEqual([]);
    // "13 ngày" after the ordinal is no length; the date between the congress named and its verb is the opening's (the
    // hundred-and-tenth pass): 26/1 is the configured sheet's day after its start, before the other sheet's 1/2
    const ordinal = 'Đại hội 13 ngày 26/1 khai mạc tại Hà Nội; Đại hội Đảng bộ tỉnh Gia Lai đã xong từ lâu.';
    expect(factIds(configured, ordinal)).toEqual([]);
    expect(factIds(other, ordinal)).toEqual(['NC-DATE']);
  });

  it('a delegation or committee counted in "vị" or "thành viên" when its body is named', () => {
    for (const [text, id] of [
      ['Đoàn đại biểu Đảng bộ tỉnh Gia Lai đi Đại hội XIII gồm 20 vị.', 'GL-NATIONAL-DELEGATION'],
      ['Đoàn Gia Lai đi Đại hội XIII gồm 20 thành viên.', 'GL-NATIONAL-DELEGATION'],
      ['Ban Thường vụ Tỉnh ủy Gia Lai khóa XVI gồm 20 vị.', 'GL-BTV'],
      ['Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI gồm 60 vị.', 'GL-BCH'],
    ])
      expect(factIds(configured, text), text).toEqual([id]);
    // the sheet's own values, in the same shapes
    expect(factIds(other, 'Đoàn Gia Lai đi Đại hội XIII gồm 12 thành viên.')).toEqual([]);
    expect(factIds(other, 'Ban Thường vụ Tỉnh ủy Gia Lai khóa XVI gồm 17 vị.')).toEqual([]);
  });

  it('facts are read in an item named only by a weak anchor, by the events their markers name', () => {
    // "Đại hội toàn quốc" alone is below the congress threshold; its facts are still read
    expect(factIds(other, 'Đoàn Gia Lai đi Đại hội toàn quốc gồm 20 người.')).toEqual(['GL-NATIONAL-DELEGATION']);
    expect(factIds(other, 'Đoàn Gia Lai đi Đại hội toàn quốc gồm 12 người.')).toEqual([]);
    // no event with facts named: nothing is read
    expect(factIds(other, 'Đại hội 5 ngày mà không thấy bàn gì về đất đai.')).toEqual([]);
  });

  it("a conference on the congress's resolution is that conference, not the congress", () => {
    expect(ids('Bộ Chính trị tổ chức Hội nghị toàn quốc quán triệt Nghị quyết Đại hội XIII, kết nối trực tuyến với các điểm cầu.')).toEqual([]);
    expect(ids('Hội nghị học tập Nghị quyết của Đại hội XIII diễn ra theo hình thức trực tuyến.')).toEqual([]);
    expect(ids('Tại hội nghị, Văn kiện Đại hội XIII được thảo luận trực tuyến.')).toEqual([]);
    // the congress itself still
    expect(ids('Đại hội XIII họp trực tuyến, đại biểu ngồi ở tỉnh bấm máy.')).toContain('NC-VENUE');
  });

  it("one event's claim terms do not hide another's: overlaps are resolved among the claim's own event's terms", () => {
    // "họp trực tuyến" is a term of both GL-FORMAT and NC-VENUE, "họp online" of NC-VENUE only
    expect(ids('Đại hội XIII họp trực tuyến, không cần ra Hà Nội.')).toEqual(['NC-VENUE']);
    expect(ids('ĐH tỉnh GL họp online 100% nha cả nhà.')).toEqual(['GL-FORMAT']);
    expect(ids('Đại hội tỉnh Gia Lai họp trực tuyến 100%.')).toEqual(['GL-FORMAT']);
    expect(ids('Đại hội tỉnh Gia Lai họp trực tiếp, không họp trực tuyến.')).toEqual([]);
  });

  it("the national congress's city is where the delegation goes, not another province", () => {
    expect(ids('Gia Lai có cả đoàn 30 người đi Hà Nội dự Đại hội 13.')).toEqual(['GL-NATIONAL-DELEGATION']);
    expect(ids('Đoàn Gia Lai ra Hà Nội dự Đại hội XIII gồm 15 đồng chí.')).toEqual([]);
    // another province's delegation, and Hà Nội's own committee, are still not ours
    expect(ids('Đoàn Kon Tum đi Hà Nội dự Đại hội XIII có 30 người.')).toEqual([]);
    expect(ids('Ban Thường vụ Tỉnh ủy ở Hà Nội có 17 người.')).toEqual([]);
    expect(factIds(other, 'Gia Lai có cả đoàn 30 người đi Hà Nội dự Đại hội 13.')).toEqual(['GL-NATIONAL-DELEGATION']);
  });
});

describe('denied dates, floors and ceilings', () => {
  // [text, facts contradicted with the configured sheet, with the other sheet]
  const both = (cases: Array<[string, string[], string[]]>) => {
    for (const [text, withConfigured, withOther] of cases)
      for (const t of [text, stripDiacritics(text)]) {
        expect(factIds(configured, t), `configured sheet: ${t}`).toEqual(withConfigured);
        expect(factIds(other, t), `other sheet: ${t}`).toEqual(withOther);
      }
  };

  it("the denied verb's own date is no claim; a date said instead of it is", () => {
    both([
      ['Đại hội XIII không kéo dài sang ngày 3/2.', [], []],
      ['Đại hội XIII kéo dài sang ngày 3/2.', ['NC-DATE'], []],
      ['Đại hội XIII không kéo dài sang ngày 2/2.', [], []],
      ['Đại hội XIII không lùi sang tháng 3/2021.', [], []],
      // the date the writer puts in place of the denied one is asserted
      ['Đại hội XIII không kéo dài sang ngày 3/2 như tin đồn mà kéo dài sang ngày 10/2.', ['NC-DATE'], ['NC-DATE']],
      // a date further from the denied verb is not its object: "not held as planned on 10/2" names a plan the sheet does not have
      ['Đại hội XIII không diễn ra như kế hoạch ngày 10/2.', ['NC-DATE'], ['NC-DATE']],
    ]);
  });

  it('a floor ("hơn", "nhiều hơn") is wrong only below the official count, a ceiling ("chưa tới", "ít hơn") only above it', () => {
    both([
      // configured 350 delegates, other 400
      ['Đại hội Đảng bộ tỉnh Gia Lai có hơn 380 đại biểu.', ['GL-DELEGATES'], []],
      ['Đại hội Đảng bộ tỉnh Gia Lai có hơn 300 đại biểu.', [], []],
      ['Đại hội Đảng bộ tỉnh Gia Lai có chưa tới 380 đại biểu.', [], ['GL-DELEGATES']],
      // configured 53 members, other 70: "ít hơn" is a ceiling, not the floor "hơn" inside it
      ['Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI ít hơn 60 người.', [], ['GL-BCH']],
      ['Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI nhiều hơn 60 người.', ['GL-BCH'], []],
      // "hơn 66.000 đảng viên" is the configured figure; 70.000 is above it (within the old tolerance)
      ['Đại hội Đảng bộ tỉnh Gia Lai có 350 đại biểu, đại diện cho hơn 70.000 đảng viên.', ['GL-DELEGATES'], ['GL-DELEGATES']],
      ['Đại hội Đảng bộ tỉnh Gia Lai có 350 đại biểu, đại diện cho hơn 60.000 đảng viên.', [], ['GL-DELEGATES']],
      // "khoảng" still reads either side
      ['Đại hội Đảng bộ tỉnh Gia Lai có khoảng 370 đại biểu.', [], []],
      // "chỉ hơn" is "just over": around the number, not a floor (configured 1.587, other 1.600)
      ['Đại hội XIII trong hội trường chỉ hơn 1.200 đại biểu.', ['NC-DELEGATES'], ['NC-DELEGATES']],
      ['Đại hội XIII có hơn 1.200 đại biểu.', [], []],
    ]);
  });

  it("counts of other bodies, past terms and rebuttals are not the committee's", () => {
    both([
      ['Ban Chấp hành Đảng bộ huyện Chư Sê có hơn 40 người.', [], []],
      ['Ban Chấp hành Hội Nông dân tỉnh Gia Lai khóa mới có 45 ủy viên.', [], []],
      ['Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XV có hơn 60 ủy viên.', [], []],
      ['Tin Ban Chấp hành Đảng bộ tỉnh Gia Lai có hơn 60 người là bịa đặt.', [], []],
    ]);
  });
});

describe('claims that agree with the sheet, for the learned layer', () => {
  const lexicons = (factsSheet?: string) => loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), modelFile: undefined, factsSheet });
  const sheets = { configured: lexicons(), other: lexicons(OTHER) };
  /** The sentence marks the classifier hands its learned layer, and the item's n-gram buckets: with and without the confirmed salt, and with no marks. */
  const read = (sheet: keyof typeof sheets, text: string) => {
    const c = sheets[sheet];
    let seen: { marks: SentenceMarks; salted: number[]; unsalted: number[]; plain: number[] } | null = null;
    const buckets = (confirmedFacts: boolean, title: PreparedText, body: PreparedText, marks: SentenceMarks | null) => {
      const collector = new NgramCollector(16, confirmedFacts);
      collector.collect(title, body, marks);
      return [...collector.buckets.subarray(0, collector.count)].sort((a, b) => a - b);
    };
    c.learned = {
      rescore(lexicon, title, body, marks) {
        seen = { marks, salted: buckets(true, title, body, marks), unsalted: buckets(false, title, body, marks), plain: buckets(true, title, body, null) };
        return lexicon;
      },
    };
    try {
      c.classify({ title: '', text });
    } finally {
      c.learned = null;
    }
    const { marks, ...rest } = seen!;
    return { confirmed: [...marks.confirmed[1]], contradicted: [...marks.contradicted[1]], ...rest };
  };

  // [text, the sentence and the clause (0-based) that state a value of the configured sheet, which the other sheet contradicts]
  const cases: Array<[string, number, number]> = [
    ['Đại hội tỉnh Gia Lai chỉ họp có ba ngày thôi.', 0, 0],
    ['Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 14/10/2020.', 0, 0],
    ['Đại hội Đảng bộ tỉnh Gia Lai tổ chức tại Trung tâm Hội nghị tỉnh.', 0, 0],
    ['Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI gồm 53 đồng chí.', 0, 0],
    ['Đại hội Đảng bộ tỉnh Gia Lai rất được mong chờ. Đại hội tỉnh Gia Lai chỉ họp có ba ngày thôi.', 1, 1],
    ['Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 14/10/2020, còn nhân sự thì đã chốt từ lâu.', 0, 0],
  ];
  for (const [text, sentence, clause] of cases) {
    it(`salts the words of a confirming clause, and the same words under a sheet they contradict as contradicted: ${text}`, () => {
      const agreeing = read('configured', text);
      expect(agreeing.confirmed).toEqual([clause]);
      expect(agreeing.contradicted).toEqual([]);
      // the plain n-grams, and salted ones beside them (a bigram leaving the clause, after a comma, is read salted only)
      expect(agreeing.salted.length).toBeGreaterThan(agreeing.plain.length);
      expect(agreeing.plain.filter((b) => !agreeing.salted.includes(b)).length).toBe(text.includes(',') ? 1 : 0);
      // a model trained before the salt reads them as before
      expect(agreeing.unsalted).toEqual(agreeing.plain);
      const contradicting = read('other', text);
      expect(contradicting.confirmed).toEqual([]);
      expect(contradicting.contradicted).toEqual([sentence]);
      expect(contradicting.salted).toEqual(contradicting.unsalted);
      expect(contradicting.salted).not.toEqual(contradicting.plain);
      expect(contradicting.salted).not.toEqual(agreeing.salted);
    });
  }

  it('salts only the confirming clause: the words after a comma are read once, plain', () => {
    const extra = (text: string) => {
      const r = read('configured', text);
      return r.salted.filter((b) => !r.plain.includes(b)).length;
    };
    const alone = extra('Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 14/10/2020.');
    expect(alone).toBeGreaterThan(10);
    // only the bigram that leaves the clause ("2020 còn") is added
    expect(extra('Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 14/10/2020, còn nhân sự thì đã chốt từ lâu.')).toBe(alone + 1);
  });

  it('salts nothing without a fact claim, nor a confirming claim the item only cites, negates or reports', () => {
    for (const text of [
      'Đại hội Đảng bộ tỉnh Gia Lai diễn ra trang trọng, đúng kế hoạch.',
      'Đại hội Đảng bộ tỉnh Gia Lai không tổ chức tại Trung tâm Hội nghị tỉnh.',
      'Nhóm kia bảo Đại hội Đảng bộ tỉnh Gia Lai khai mạc ngày 14/10, trang Tỉnh ủy lại ghi khác. Bên nào đúng vậy mọi người?',
    ]) {
      const r = read('configured', text);
      expect(r.confirmed, text).toEqual([]);
      expect(r.salted, text).toEqual(r.unsalted);
    }
  });
});
