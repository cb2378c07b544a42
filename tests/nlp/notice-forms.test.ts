import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { loadConfig } from '../../core/config.ts';
import { classifierOptionsFromConfig, loadClassifier, type Classifier } from '../../pipeline/nlp/index.ts';
import { CONFIG, REPO, contradictionsOf, expectGroup, forBothForms, forBothFormsTitled, stripDiacritics } from './helpers.ts';

// The notice and fact-check forms, and two reading bugs (ninetieth pass; fresh-8's study, the eighty-seventh pass,
// families R, Q and X). A moderator's notice or a fact-check names the rumour's posts by a determiner and "bài" ("các
// bài 'leak nhân sự'", "một bài 'danh sách … rò rỉ'") or a post's caption after "kèm" ("share kèm câu 'xem trước khi
// bị xóa'"); a fact-check asks the claim, quoted, in its title and answers "Sai." as its text's first sentence; a
// reader asks for the official link ("ai có link báo chính thức"). The rumour named in such a frame is reported, not
// asserted; a notice that asserts the rumour in its own words still flags. And two readings: a date's month before
// ", đồng chí" is no count of members, and a dash inside a venue's name does not cut the name. Phrasings written for
// these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone.
const SHARE = 'share-before-removal';
const SECRET = 'secret-document';
const DENIAL = 'discourse: the headline denies the claim';
const terms = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion').map((e) => e.term);

describe('posts named by a determiner and "bài", a caption named after "kèm"', () => {
  it('does not count the rumour’s words inside the quotation such a name gives', () => {
    expectGroup(
      [
        'Ban quản trị nhắc: thời gian qua có nhiều bài đăng "leak danh sách Ban Thường vụ khóa mới", các bài này sẽ bị xóa.',
        "Hôm qua nhóm đã từ chối một bài 'danh sách Bộ Chính trị rò rỉ' vì không dẫn nguồn; nhân sự chỉ được biết sau khi Đại hội bầu.",
        'Nội quy: nhóm không duyệt những bài viết “văn bản mật về nhân sự Đại hội tỉnh”, ai vi phạm sẽ bị mời ra khỏi nhóm.',
      ],
      SECRET,
      false,
    );
    expectGroup(
      [
        'Cái ảnh "Ban Thường vụ khóa mới đã chốt" đang được chia sẻ kèm câu "xem ngay trước khi bị xóa" là ảnh ghép từ năm 2015.',
        'Clip cũ về Đại hội tỉnh lại được đăng kèm dòng “lưu về trước khi bị gỡ”, thực ra quay ở một hội nghị khác.',
        "Video được phát tán kèm lời 'share gấp kẻo bị xóa' nhưng là cảnh họp dân năm 2018, không phải Đại hội Đảng bộ tỉnh.",
      ],
      SHARE,
      false,
    );
  });

  it('still counts the rumour asserted in the writer’s own words, and a quotation after a name that is no post', () => {
    expectGroup(
      [
        // the writer's own claim outside the quotation
        'Nhiều bài "Đại hội tỉnh" đã bị gỡ, vì danh sách Ban Thường vụ rò rỉ là thật, ai còn thì lưu lại.',
        // a bare "bài" with no determiner, and the writer's leak outside any quotation
        'Bài "nhân sự khóa mới" hôm qua đúng hết, danh sách Ban Thường vụ bị rò rỉ từ Văn phòng Tỉnh ủy.',
      ],
      SECRET,
      true,
    );
    expectGroup(
      [
        // the writer's own call after the caption it names
        'Ảnh Đại hội tỉnh kèm câu "nhân sự đã chốt", mọi người share gấp trước khi bị xóa nhé.',
        // a speech's words ("câu" alone) are no caption named: the rumour's own evidence
        'Người trong cuộc nhắn đúng một câu "share gấp trước khi bị xóa" rồi gửi danh sách Ban Thường vụ đã chốt.',
      ],
      SHARE,
      true,
    );
  });
});

describe('a quoted question in the title answered by a verdict opening the text', () => {
  it('reads the title’s quotation as the claim the item answers', () => {
    forBothFormsTitled(
      [
        [
          "'Đoàn Gia Lai đi Đại hội XIII 16 người, 3 người Trung ương cài vào'?",
          'Sai. Đoàn đại biểu Đảng bộ tỉnh Gia Lai dự Đại hội XIII gồm 13 đồng chí, do Đại hội Đảng bộ tỉnh bầu bằng phiếu kín.',
        ],
        [
          '"Danh sách Ban Thường vụ khóa mới rò rỉ, đã chốt từ trước"? Thông tin sai',
          'Sai sự thật. Ban Thường vụ do Ban Chấp hành Đảng bộ tỉnh khóa mới bầu tại hội nghị lần thứ nhất, sau Đại hội.',
        ],
        ['“Đại hội Đảng bộ tỉnh hoãn sang tháng 12”?', 'Không đúng! Văn phòng Tỉnh ủy cho biết Đại hội Đảng bộ tỉnh diễn ra đúng lịch.'],
      ],
      (c, t) => {
        expect(terms(c), t).toContain(DENIAL);
        expect(c.distortion, t).toBe(false);
      },
    );
  });

  it('keeps a quotation answered otherwise, a question in the writer’s own words, and the rumour asserted in the text', () => {
    forBothFormsTitled(
      [
        // answered as true
        [
          "'Danh sách Ban Thường vụ khóa mới rò rỉ, đã chốt từ trước'?",
          'Đúng. Người nhà làm ở Văn phòng Tỉnh ủy nói danh sách đã chốt, share gấp trước khi bị xóa.',
        ],
        // the quotation does not open the title
        [
          "Có thật 'danh sách Ban Thường vụ khóa mới rò rỉ, đã chốt từ trước'?",
          'Sai. Nhưng người nhà làm ở Văn phòng Tỉnh ủy nói danh sách đã chốt, share gấp trước khi bị xóa.',
        ],
      ],
      (c, t) => {
        expect(terms(c), t).not.toContain(DENIAL);
        expect(c.distortion, t).toBe(true);
      },
    );
    // read as the answer, the text's own claim outside the quotation still counts
    forBothFormsTitled(
      [["'Đại hội Đảng bộ tỉnh hoãn'?", 'Sai. Người nhà làm ở Văn phòng Tỉnh ủy nói danh sách Ban Thường vụ đã chốt từ trước, share gấp trước khi bị xóa.']],
      (c, t) => expect(c.distortion, t).toBe(true),
    );
  });
});

describe('"ai có link" asking for the official link', () => {
  it('reads a request for the official paper, notice or a replay as asking, not a call to share', () => {
    expectGroup(
      [
        'Ban Chấp hành tỉnh khóa mới có bao nhiêu người vậy mọi người? Ai có link báo chính thức cho mình xin.',
        'Đại hội Đảng bộ tỉnh bế mạc rồi à mn? Ai có link xem lại phiên bế mạc không.',
        'Nhóm này ghi 14/10, nhóm kia ghi 16/10, có ai có link thông báo của Tỉnh ủy về Đại hội không ạ?',
      ],
      SHARE,
      false,
    );
  });

  it('still reads "ai có link" of the rumour’s file as the call', () => {
    expectGroup(
      ['Danh sách Ban Thường vụ khóa mới rò rỉ rồi, ai có link file thì gửi gấp trước khi bị xóa.', 'Ai có link clip Đại hội tỉnh thì share đi.'],
      SHARE,
      true,
    );
  });
});

describe('a date’s month before ", đồng chí" is no count of members', () => {
  const bch = (c: Classification) => contradictionsOf(c).filter((e) => e.factId === 'GL-BCH');
  const counts = (c: Classification) => contradictionsOf(c).filter((e) => e.note?.startsWith('says'));

  it('reads no count from "chiều 16/10, đồng chí …" or "chiều 16/10/2020, đồng chí …"', () => {
    forBothForms(
      [
        'Tại Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ tỉnh khóa XVI chiều 16/10, đồng chí Bí thư Tỉnh ủy khóa XV được bầu giữ chức Bí thư Tỉnh ủy khóa XVI.',
        'Ban Chấp hành Đảng bộ tỉnh khóa XVI họp phiên đầu tiên chiều 16/10/2020, đồng chí Bí thư Tỉnh ủy chủ trì.',
      ],
      (c, t) => expect(bch(c), t).toEqual([]),
    );
  });

  it('still reads the count with its unit, a fraction’s total, and a number that ends a sentence', () => {
    forBothForms(
      [
        'Tỉnh ủy thông báo: 55/55 đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh khóa XVI đã nhận nhiệm vụ.',
        'Ban Chấp hành Đảng bộ tỉnh khóa XVI được bổ sung thêm người, tổng cộng 57. Người trong Ban Tổ chức nói với tôi vậy.',
        'Đại hội bầu Ban Chấp hành Đảng bộ tỉnh khóa XVI gồm 55 đồng chí.',
        'Chiều 16/10, Ban Chấp hành Đảng bộ tỉnh khóa XVI gồm 55 đồng chí, đồng chí Bí thư Tỉnh ủy tái cử.',
      ],
      (c, t) => expect(counts(c).length, t).toBeGreaterThan(0),
    );
  });
});

describe('a dash inside the venue’s name', () => {
  let cached: Classifier | null = null;
  // sheet 82: the national congress at the "Cung Văn hóa Hữu nghị Việt - Xô", Hà Nội
  const underSheet = () =>
    (cached ??= loadClassifier({
      ...classifierOptionsFromConfig(loadConfig(CONFIG)),
      modelFile: undefined,
      factsSheet: join(REPO, 'tests/fixtures/dev-corpus-82.facts.json'),
    }));
  const venue = (text: string) =>
    contradictionsOf(underSheet().classify({ title: '', text }))
      .filter((e) => e.factId === 'NC-VENUE')
      .map((e) => e.note);

  it('reads the official name with an en or em dash, spaced or not, as with a hyphen', () => {
    for (const name of ['Việt – Xô', 'Việt—Xô', 'Việt - Xô', 'Việt-Xô'])
      for (const strip of [false, true]) {
        const text = `Đại hội đại biểu toàn quốc lần thứ XIII của Đảng đã khai mạc tại Cung Văn hóa Hữu nghị ${name}, Hà Nội.`;
        const t = strip ? stripDiacritics(text) : text;
        expect(venue(t), t).toEqual([]);
      }
  });

  it('still reads another venue after a dash', () => {
    for (const strip of [false, true]) {
      const text = 'Đại hội đại biểu toàn quốc lần thứ XIII của Đảng đã khai mạc tại Trung tâm Hội nghị Quốc gia – Hà Nội.';
      const t = strip ? stripDiacritics(text) : text;
      expect(venue(t).length, t).toBeGreaterThan(0);
    }
  });
});
