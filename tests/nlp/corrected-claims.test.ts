import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { evidenceAgainst } from '../../pipeline/nlp/model.ts';
import { classifier, forBothForms, stripDiacritics, contradictionsOf } from './helpers.ts';

// News corrections read by their structure (sixty-sixth pass): a claim the item reports (in double or single quotation
// marks, or a reported clause: "một số bài viết nói …", "thông tin lan truyền rằng …"), then the sheet's value of the
// same fact stated by an office or a statement verb ("Ban Tổ chức khẳng định", "theo Văn phòng Tỉnh ủy", "thực tế"), or
// by a title that sets it against the claim ("…, không phải 60"): the claim is cited, not asserted, with no verdict word.
// Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone, under
// the default sheet (Gia Lai 14–16/10/2020, 350 delegates, a committee of 53).
const CORRECTED = 'discourse: a reported claim corrected';
const counted = (c: Classification) => contradictionsOf(c).map((e) => e.term);
const cited = (c: Classification) => c.explanations.filter((e) => e.kind === 'fact' && e.cited).map((e) => e.term);
const terms = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion').map((e) => e.term);

function expectCorrected(c: Classification, t: string, fact: string) {
  expect(terms(c), t).toContain(CORRECTED);
  expect(counted(c), t).toEqual([]);
  expect(cited(c), t).toContain(fact);
  expect(evidenceAgainst(c), t).toBe(true);
  expect(c.distortion, t).toBe(false);
}

/** The structure is not read: the contradiction counts and the item is a distortion. */
function expectAsserted(texts: string[], fact: string) {
  forBothForms(texts, (c, t) => {
    expect(terms(c), t).not.toContain(CORRECTED);
    expect(counted(c), t).toContain(fact);
    expect(c.distortion, t).toBe(true);
  });
}

describe('a reported claim, then an office states the sheet’s value of the same fact', () => {
  it('reads a quotation answered in the same sentence ("Trước thông tin \'…\', Ban Tổ chức khẳng định …")', () => {
    forBothForms(
      [
        "Trước thông tin 'Đại hội Đảng bộ tỉnh Gia Lai lùi sang tháng 11', Ban Tổ chức khẳng định Đại hội diễn ra từ 14 đến 16/10/2020.",
        'Trước thông tin lan truyền trên mạng rằng "Đại hội Đảng bộ tỉnh Gia Lai hoãn sang tháng 11", Ban Tuyên giáo Tỉnh ủy cho biết Đại hội vẫn diễn ra từ ngày 14 đến 16/10/2020.',
      ],
      (c, t) => expectCorrected(c, t, 'GL-DATE'),
    );
  });
  it('reads a reported clause answered by the next sentence ("Một số bài viết nói … Theo Văn phòng Tỉnh ủy, …")', () => {
    forBothForms(
      [
        'Một số bài viết nói Đại hội Đảng bộ tỉnh Gia Lai có 400 đại biểu. Theo Văn phòng Tỉnh ủy, Đại hội có 350 đại biểu chính thức.',
        'Mấy trang mạng đăng rằng Đại hội Đảng bộ tỉnh Gia Lai có 500 đại biểu. Văn phòng Tỉnh ủy cho biết Đại hội có 350 đại biểu chính thức.',
      ],
      (c, t) => expectCorrected(c, t, 'GL-DELEGATES'),
    );
  });
  it('reads a correction opener after a quoted count ("Thực tế, Đại hội bầu 53 đồng chí …")', () => {
    forBothForms(["Mấy trang mạng đăng 'Ban Chấp hành Đảng bộ tỉnh khóa mới gồm 60 đồng chí'. Thực tế, Đại hội bầu 53 đồng chí vào Ban Chấp hành."], (c, t) =>
      expectCorrected(c, t, 'GL-BCH'),
    );
  });
});

describe('a title that sets the sheet’s value against the claim its text reports', () => {
  it('reads "…, không phải 60" in the title', () => {
    const title = 'Ban Chấp hành Đảng bộ tỉnh Gia Lai khóa XVI gồm 53 đồng chí, không phải 60';
    const text = "Một số trang tin đăng rằng 'Ban Chấp hành Đảng bộ tỉnh khóa XVI gồm 60 đồng chí'.";
    for (const [ti, te] of [
      [title, text],
      [stripDiacritics(title), stripDiacritics(text)],
    ])
      expectCorrected(classifier().classify({ title: ti, text: te }), te, 'GL-BCH');
  });
  it('does not read a title that asks', () => {
    const c = classifier().classify({
      title: 'Đại hội Đảng bộ tỉnh Gia Lai có 350 đại biểu, không phải 500?',
      text: 'Một số trang tin đăng rằng Đại hội Đảng bộ tỉnh có 500 đại biểu.',
    });
    expect(terms(c)).not.toContain(CORRECTED);
    expect(counted(c)).toContain('GL-DELEGATES');
  });
});

describe('guards: the claim stays the writer’s', () => {
  it('when the official version is the reported one and the claim comes after it ("Báo chí đưa tin …, thật ra …")', () => {
    expectAsserted(['Báo chí đưa tin Đại hội Đảng bộ tỉnh Gia Lai có 350 đại biểu. Thật ra Đại hội Đảng bộ tỉnh có 500 đại biểu.'], 'GL-DELEGATES');
    expectAsserted(
      ['Báo tỉnh đưa tin Đại hội Đảng bộ tỉnh Gia Lai họp từ 14 đến 16/10/2020. Báo chí đưa tin sai, thật ra Đại hội lùi sang tháng 11 rồi.'],
      'GL-DATE',
    );
  });
  it('when the office’s voice is negated, or turned after the value', () => {
    expectAsserted(
      [
        "Có tin 'Đại hội Đảng bộ tỉnh Gia Lai lùi sang tháng 11'. Ban Tổ chức chưa xác nhận lịch từ 14 đến 16/10/2020.",
        'Một số trang nói Đại hội Đảng bộ tỉnh Gia Lai lùi sang tháng 11. Ban Tổ chức khẳng định vẫn họp từ 14 đến 16/10/2020, nhưng nội bộ đã chốt lùi rồi.',
      ],
      'GL-DATE',
    );
  });
  it('when nothing states the sheet’s value of that fact, or the claim is not reported', () => {
    expectAsserted(
      [
        "Trước thông tin 'Đại hội Đảng bộ tỉnh Gia Lai lùi sang tháng 11', Ban Tổ chức khẳng định sẽ thông báo sau.",
        'Đại hội Đảng bộ tỉnh Gia Lai lùi sang tháng 11. Ban Tổ chức khẳng định từ 14 đến 16/10/2020 cho có thôi.',
      ],
      'GL-DATE',
    );
    expectAsserted(['Có người nói Đại hội Đảng bộ tỉnh Gia Lai có 500 đại biểu. Tôi nghĩ Đại hội có 350 đại biểu thôi.'], 'GL-DELEGATES');
  });
});
