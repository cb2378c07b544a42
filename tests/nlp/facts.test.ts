import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOfficialFacts } from '../../pipeline/nlp/index.ts';
import { classifier, REPO, stripDiacritics } from './helpers.ts';

const facts = (text: string, title = '') =>
  classifier()
    .classify({ title, text })
    .explanations.filter((e) => e.kind === 'fact');

/** None of the texts, as typed or without diacritics, contradicts a fact. */
const expectNoFacts = (texts: string[]) => {
  for (const text of texts) {
    expect(facts(text), text).toEqual([]);
    expect(facts(stripDiacritics(text)), text).toEqual([]);
  }
};

/** Each text, as typed and without diacritics, contradicts its fact. */
const expectFacts = (cases: Array<[text: string, factId: string]>) => {
  for (const [text, id] of cases) {
    expect(
      facts(text).map((e) => e.factId),
      text,
    ).toContain(id);
    expect(
      facts(stripDiacritics(text)).map((e) => e.factId),
      text,
    ).toContain(id);
  }
};

describe('official facts file', () => {
  it('keeps the ids and fields of the shared JSON', () => {
    const loaded = loadOfficialFacts(join(REPO, 'config/official-facts.yaml'));
    const shared = join(REPO, '../shared/data/official-facts.json');
    const source = existsSync(shared) ? (JSON.parse(readFileSync(shared, 'utf8')) as Array<Record<string, unknown>>) : null;
    expect(loaded.length).toBeGreaterThanOrEqual(13);
    expect(loaded.map((f) => f.id)).toContain('GL-DATE');
    if (source) {
      expect(loaded.map((f) => f.id)).toEqual(source.map((f) => f.id));
      for (const [i, f] of source.entries()) {
        const l = loaded[i] as unknown as Record<string, unknown>;
        for (const key of ['statement', 'date', 'source', 'topic', 'values']) expect(l[key], `${f.id}.${key}`).toEqual(f[key]);
      }
    }
  });

  it('rejects an invalid file with a message naming the file and the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'facts-'));
    const file = join(dir, 'facts.yaml');
    writeFileSync(file, 'scopes: { a: { markers: [x] } }\nfacts:\n  - { id: X, statement: s, date: "2020-13", source: s, topic: t, scope: a }\n');
    expect(() => loadOfficialFacts(file)).toThrow(/facts\.yaml[\s\S]*facts\[0\]\.date/);
    writeFileSync(file, 'scopes: { a: { markers: [x] } }\nfacts:\n  - { id: X, statement: s, date: "2020-01-01", source: s, topic: t, scope: b }\n');
    expect(() => loadOfficialFacts(file)).toThrow(/facts\[0\]\.scope: unknown scope "b"/);
  });
});

describe('contradictions', () => {
  it('a date outside the official period (GL-DATE)', () => {
    const f = facts('Đại hội đảng bộ tỉnh Gia Lai khai mạc ngày 20/10 nhé mọi người, lịch cũ đổi rồi');
    expect(f.map((e) => e.factId)).toContain('GL-DATE');
    const date = f.find((e) => e.matched.includes('20/10'));
    expect(date?.note).toMatch(/20\/10/);
    expect(date?.note).toMatch(/Đại hội đại biểu Đảng bộ tỉnh Gia Lai/);
  });

  it('a date in words, and a postponement (NC-DATE)', () => {
    expect(facts('Đại hội XIII sẽ khai mạc ngày mười lăm tháng ba').map((e) => e.factId)).toContain('NC-DATE');
    expect(facts('ĐH XIII dời sang tháng 6/2021 r mn ơi').map((e) => e.factId)).toContain('NC-DATE');
    expect(facts('dai hoi tinh bi hoan r, nghe noi ko du nguoi').map((e) => e.factId)).toContain('GL-DATE');
    // a day and month without "ngày", the sentence opening with the date and the verb right after it
    expect(facts('Sáng mai hai mươi tháng mười khai mạc Đại hội Đảng bộ tỉnh rồi cả nhà ơi.').map((e) => e.factId)).toContain('GL-DATE');
    expect(facts('Chiều nay 12 tháng 10 bế mạc đại hội đảng bộ tỉnh Gia Lai.').map((e) => e.factId)).toContain('GL-DATE');
    expect(facts('Sáng mai mười bốn tháng mười khai mạc Đại hội Đảng bộ tỉnh rồi cả nhà ơi.')).toEqual([]);
    // "ba tháng" is a length of time, not a day
    expect(facts('Đại hội Đảng bộ tỉnh đã chuẩn bị ba tháng mười ngày.')).toEqual([]);
  });

  it('dates that match the facts are not contradictions', () => {
    expect(facts('Đại hội làm việc từ ngày 14 đến hết ngày 16/10/2020 tại Trung tâm Hội nghị tỉnh.', 'Khai mạc Đại hội Đảng bộ tỉnh Gia Lai')).toEqual([]);
    expect(facts('Đại hội đại biểu toàn quốc lần thứ XIII của Đảng diễn ra từ ngày 25/1 đến ngày 2/2/2021 tại Hà Nội.')).toEqual([]);
    expect(facts('ĐH XIII họp từ 25/1/2021 đúng ko mn?')).toEqual([]);
  });

  it('the preparatory session may be dated the day before the opening, and only that day', () => {
    expect(facts('Ngày 13/10/2020, Đại hội Đảng bộ tỉnh Gia Lai tiến hành phiên họp trù bị, bầu Đoàn Chủ tịch.')).toEqual([]);
    expect(facts('Sáng 24/1/2021 Đại hội XIII họp phiên trù bị.')).toEqual([]);
    expect(facts('Ngay 24/1/2021 Dai hoi XIII hop phien tru bi.')).toEqual([]);
    // two days early is not the preparatory session's day; and the opening itself is not moved by it
    expect(facts('Ngày 12/10/2020, Đại hội Đảng bộ tỉnh Gia Lai tiến hành phiên họp trù bị.').map((e) => e.factId)).toContain('GL-DATE');
    expect(facts('Ngày 13/10/2020, Đại hội Đảng bộ tỉnh Gia Lai khai mạc.').map((e) => e.factId)).toContain('GL-DATE');
  });

  it('dates of other events in the same text are not the congress date', () => {
    expect(facts('Ngày 5/10, Hội nghị Trung ương 13 khai mạc, cho ý kiến về văn kiện trình Đại hội XIII.')).toEqual([]);
    expect(facts('Chiều 30/7, Đại hội Đảng bộ thành phố Pleiku lần thứ XIV bế mạc.')).toEqual([]);
  });

  it("a date an event verb ties to another gathering (a press conference, a conference) is that gathering's", () => {
    expectNoFacts([
      'Chiều 20/1, Tiểu ban Phục vụ Đại hội XIII tổ chức họp báo, thông tin Đại hội sẽ diễn ra từ ngày 25/1 đến ngày 2/2/2021.',
      'Sáng 12/10/2020, Tiểu ban Tuyên truyền Đại hội Đảng bộ tỉnh Gia Lai họp báo giới thiệu Đại hội.',
      'Ngày 9/10, Văn phòng Tỉnh ủy tổ chức buổi họp báo về Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI.',
      'Sáng 5/10, Đại hội XIII được bàn tại Hội nghị Trung ương 13, khai mạc hội nghị là Tổng Bí thư.',
    ]);
    // the congress's own opening in the same shapes is still read
    expectFacts([
      ['Sáng 12/10/2020, Đại hội Đảng bộ tỉnh Gia Lai khai mạc, sau buổi họp báo.', 'GL-DATE'],
      ['Chiều 20/1, Đại hội XIII khai mạc tại Hà Nội.', 'NC-DATE'],
      ['Chiều 12/10/2020, Đại hội Đảng bộ tỉnh Gia Lai tổ chức phiên khai mạc.', 'GL-DATE'],
    ]);
  });

  it('a venue claim (GL-VENUE, NC-VENUE), including a denied official venue', () => {
    expect(facts('Đại hội tỉnh mình năm nay tổ chức ở Kon Tum chứ ko phải Pleiku đâu').map((e) => e.factId)).toContain('GL-VENUE');
    expect(facts('DH Dang XIII se khong to chuc o Ha Noi ma chuyen vao Da Nang').map((e) => e.factId)).toContain('NC-VENUE');
    expect(facts('Đại hội Đảng bộ tỉnh Gia Lai tổ chức tại Trung tâm Hội nghị tỉnh.')).toEqual([]);
  });

  it("the official venue named without its qualifier is the official venue; another level's or place's is not", () => {
    expectNoFacts([
      'Đại hội Đảng bộ tỉnh Gia Lai khai mạc tại Trung tâm Hội nghị, TP. Pleiku.',
      'Sáng nay đại hội tỉnh khai mạc ở Trung tâm Hội nghị đó mọi người.',
      'Đại hội XIII khai mạc tại Trung tâm Hội nghị.',
    ]);
    expectFacts([
      ['Đại hội Đảng bộ tỉnh Gia Lai khai mạc tại Trung tâm Hội nghị huyện.', 'GL-VENUE'],
      ['Đại hội Đảng bộ tỉnh Gia Lai khai mạc tại Trung tâm Hội nghị Quốc gia.', 'GL-VENUE'],
      ['Đại hội Đảng bộ tỉnh Gia Lai tổ chức ở Trung tâm Hội nghị Quy Nhơn.', 'GL-VENUE'],
      ['Đại hội Đảng bộ tỉnh Gia Lai khai mạc tại hội trường.', 'GL-VENUE'],
    ]);
  });

  it('a body holding its own congress numbers it: "<body> tổ chức đại hội lần thứ XIII" is not the national congress', () => {
    expectNoFacts([
      'Hôm nay Đảng bộ quận Ninh Kiều tổ chức đại hội lần thứ XIII nhiệm kỳ 2020-2025, với 250 đại biểu chính thức.',
      'Đảng bộ huyện Chư Sê tiến hành Đại hội đại biểu lần thứ XIII, với 250 đại biểu chính thức.',
    ]);
    // a body that only watches or sends delegates to the national congress does not number it
    expectFacts([
      ['Đảng bộ huyện Chư Sê tổ chức xem Đại hội XIII, có 250 đại biểu chính thức.', 'NC-DELEGATES'],
      ['Chi bộ thôn tổ chức cho đảng viên theo dõi Đại hội XIII với 250 đại biểu.', 'NC-DELEGATES'],
    ]);
  });

  it('a date opening a sentence whose subject goes to the congress dates the delegations, not the congress', () => {
    expectNoFacts([
      'Từ ngày 20/1, các đoàn đại biểu dự Đại hội XIII bắt đầu tập trung tại Đà Nẵng.',
      'Ngày 20/1, các đại biểu về dự Đại hội XIII đã bắt đầu làm thủ tục.',
    ]);
    expectFacts([
      ['Từ ngày 20/1, Đại hội XIII bắt đầu làm việc tại Hà Nội.', 'NC-DATE'],
      ['Ngày 20/1, Đại hội Đảng bộ tỉnh Gia Lai khai mạc.', 'GL-DATE'],
    ]);
  });

  it('an online format claim (GL-FORMAT), unless negated', () => {
    expect(facts('Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI chuyển sang hình thức trực tuyến.').map((e) => e.factId)).toContain('GL-FORMAT');
    expect(facts('Đại hội Đảng bộ tỉnh được tổ chức trực tiếp, không trực tuyến.')).toEqual([]);
    // a negated verb of holding before the claim
    expectNoFacts(['Đại hội Đảng bộ tỉnh Gia Lai được tổ chức tập trung, không tổ chức trực tuyến.']);
    expectFacts([['Đại hội Đảng bộ tỉnh Gia Lai năm nay họp trực tuyến, không tổ chức tập trung.', 'GL-FORMAT']]);
  });

  it("a count the sheet gives for another fact with the same unit is that fact's, not a wrong count of the nearest", () => {
    // "được" is a context of the delegation to the national congress (15); 350 is the delegates' count
    expectNoFacts(['Gia Lai: Đại hội Đảng bộ tỉnh rút gọn thủ tục. Tài liệu được số hóa cho 350 đại biểu sử dụng trên máy tính bảng.']);
    expectFacts([
      ['Gia Lai: Đại hội Đảng bộ tỉnh rút gọn thủ tục. Tài liệu được số hóa cho 300 đại biểu sử dụng trên máy tính bảng.', 'GL-NATIONAL-DELEGATION'],
    ]);
  });

  it('numbers: delegates, committee members (digits and words)', () => {
    expect(facts('nghe noi dai hoi dang bo tinh gia lai nam nay chi co 200 dai bieu thoi').map((e) => e.factId)).toContain('GL-DELEGATES');
    expect(facts('Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI chỉ còn ba mươi lăm người.').map((e) => e.factId)).toContain('GL-BCH');
    expect(facts('Đại hội Đảng bộ tỉnh bầu Ban Chấp hành gồm 53 đồng chí, Ban Thường vụ gồm 15 đồng chí.')).toEqual([]);
    expect(facts('Dự Đại hội có 350 đại biểu.', 'Khai mạc Đại hội Đảng bộ tỉnh Gia Lai')).toEqual([]);
    // the congress named after the count, in its clause
    expect(facts('Gần 500 đại biểu từ khắp các huyện đã về dự Đại hội Đảng bộ tỉnh Gia Lai.').map((e) => e.factId)).toContain('GL-DELEGATES');
    expect(facts('350 đại biểu về dự Đại hội Đảng bộ tỉnh Gia Lai.')).toEqual([]);
    // a sentence stating the official size breaks it down: its smaller counts are parts, not totals
    expect(facts('Trong 53 đồng chí Ban Chấp hành Đảng bộ tỉnh khóa XVI có 8 đồng chí nữ, 12 người dưới 45 tuổi.')).toEqual([]);
    expect(facts('Ban Chấp hành Đảng bộ tỉnh khóa XVI gồm 60 đồng chí, trong đó 8 đồng chí nữ.').map((e) => e.factId)).toContain('GL-BCH');
  });

  it('a percentage of the delegates or members is a share, not their count', () => {
    expectNoFacts([
      'Nghị quyết Đại hội Đảng bộ tỉnh Gia Lai được thông qua với 100% đại biểu tán thành.',
      'Tại Đại hội Đảng bộ tỉnh Gia Lai, 100 % đại biểu được xét nghiệm trước phiên khai mạc.',
      'Đại hội Đảng bộ tỉnh Gia Lai có 98,5% đại biểu dự đủ các phiên.',
    ]);
    // the count beside it is still read
    expect(facts('Đại hội Đảng bộ tỉnh Gia Lai chỉ có 100 đại biểu, 100% đại biểu tán thành.').map((e) => e.factId)).toContain('GL-DELEGATES');
  });

  it("numbers of lower-level or other provinces' congresses are not checked", () => {
    expect(facts('Đại hội đại biểu Đảng bộ tỉnh Kon Tum lần thứ XVI đã bầu Ban Chấp hành Đảng bộ tỉnh khóa mới gồm 49 đồng chí.')).toEqual([]);
    expect(facts('Đại hội Đảng bộ huyện Đak Đoa bầu Ban Chấp hành gồm 41 đồng chí và 38 đại biểu đi dự Đại hội Đảng bộ tỉnh.')).toEqual([]);
  });

  it("a lower Party body named with the province, and another term's congress, are not the provincial congress", () => {
    expectNoFacts([
      // a body under the Provincial Committee, an institution's Party body
      'Đảng bộ Quân sự tỉnh Gia Lai là một trong những đảng bộ trực thuộc Tỉnh ủy tổ chức đại hội sớm. Đại hội bầu Ban Chấp hành gồm 15 đồng chí.',
      'Đảng bộ Công an tỉnh, đơn vị thuộc Đảng bộ trực thuộc Tỉnh ủy, đã tổ chức đại hội. Đại hội bầu Ban Chấp hành gồm 11 đồng chí.',
      'Đảng bộ Trường Cao đẳng Sư phạm Gia Lai tổ chức đại hội nhiệm kỳ 2020-2025, bầu Ban Chấp hành gồm 7 đồng chí.',
      'Đảng bộ Bệnh viện Đa khoa tỉnh Gia Lai tổ chức đại hội, bầu Ban Chấp hành gồm 9 đồng chí.',
      // an earlier or later term, provincial or national
      'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XV có 300 đại biểu dự.',
      'Đại hội Đảng bộ tỉnh nhiệm kỳ trước có 320 đại biểu dự.',
      'Mình tổng hợp: ĐH XI (2011) 1.377 đại biểu, ĐH XII (2016) 1.510, ĐH XIII (2021) 1.587.',
    ]);
    // the provincial congress's own figure in the same shapes is still read
    expectFacts([
      ['Đảng bộ tỉnh Gia Lai có 17 đảng bộ trực thuộc Tỉnh ủy. Đại hội Đảng bộ tỉnh bầu Ban Chấp hành gồm 15 đồng chí.', 'GL-BCH'],
      ['Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI có 300 đại biểu dự.', 'GL-DELEGATES'],
      ['Khác nhiệm kỳ trước, Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI chỉ có 300 đại biểu dự.', 'GL-DELEGATES'],
      ['ĐH XIII (2021) có 1.377 đại biểu, ĐH XII (2016) 1.510.', 'NC-DELEGATES'],
    ]);
  });

  it('a later sentence does not inherit the event a delegation goes to', () => {
    expectNoFacts([
      'Đại hội đại biểu Đảng bộ tỉnh Bình Định lần thứ XX đã bầu Đoàn đại biểu dự Đại hội XIII của Đảng. Đại hội diễn ra trong 3 ngày.',
      'Đại hội Đảng bộ tỉnh Gia Lai bầu đoàn đại biểu đi dự Đại hội XIII gồm 15 đồng chí. Đại hội làm việc trong 3 ngày.',
      'Đại hội Đảng bộ tỉnh Gia Lai khóa XVI bầu BCH và đoàn dự ĐH XIII. Ban Thường vụ khóa mới gồm 15 đồng chí.',
    ]);
    // nor does a later clause of its sentence (an infographic's "|" parts)
    const infographic = 'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI: 350 đại biểu | Đoàn đi dự ĐH XIII: 15 đ/c | 17 điểm cầu trực tuyến.';
    expect(facts(infographic).map((e) => e.factId)).not.toContain('NC-VENUE');
    expect(facts(stripDiacritics(infographic)).map((e) => e.factId)).not.toContain('NC-VENUE');
    expect(facts('Đại hội Đảng bộ tỉnh Gia Lai: 350 đại biểu | Đoàn đi dự ĐH XIII họp trực tuyến.').map((e) => e.factId)).toContain('NC-VENUE');
    // the electing congress's own figures after it are read against its facts
    expectFacts([
      ['Đại hội Đảng bộ tỉnh Gia Lai bầu đoàn đại biểu dự Đại hội XIII gồm 15 đồng chí. Ban Thường vụ khóa mới gồm 17 đồng chí.', 'GL-BTV'],
      ['Đại hội Đảng bộ tỉnh Gia Lai bầu đoàn đại biểu dự Đại hội XIII. Đại hội kéo dài 5 ngày.', 'GL-DATE'],
      ['Đoàn đại biểu dự Đại hội XIII lên đường. Đại hội XIII kéo dài 3 ngày.', 'NC-DATE'],
    ]);
  });

  it('claims ruled out by the statement (personnel decided in advance)', () => {
    const f = facts('Nghe nói danh sách BCH tỉnh ủy khóa mới có từ lâu rồi, đại hội chỉ là bấm nút.');
    expect(f.map((e) => e.factId)).toContain('GL-BTV');
    expect(facts('Dai hoi XIII se bau Tong bi thu bang bo phieu online qua dien thoai').map((e) => e.factId)).toContain('NC-PERSONNEL');
  });

  it('explanations cite the fact id and statement', () => {
    const [e] = facts('ĐH XIII dời sang tháng 6/2021');
    expect(e.factId).toBe('NC-DATE');
    expect(e.term).toBe('NC-DATE');
    expect(e.weight).toBeGreaterThan(0);
    expect(e.note).toContain('Đại hội đại biểu toàn quốc lần thứ XIII');
  });
});
