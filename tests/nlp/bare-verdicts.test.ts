import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { evidenceAgainst } from '../../pipeline/nlp/model.ts';
import { forBothForms, contradictionsOf } from './helpers.ts';

// Rebuttals read as distortion (sixty-fourth pass): a rumour reported, then answered by a verdict standing alone in
// the next sentence ("Sai.", "Hoàn toàn sai.", "Không đúng.", "Bịa.", "Fake.", "Tin giả nhé.") or in the last clause of
// its sentence ("…, tin đồn nhảm thôi"); a denied claim that holds the official account or the press's silence itself
// ("Tin … không truyền hình trực tiếp là bịa đặt"). Phrasings written for these tests, not corpus sentences; each is
// checked as typed and without diacritics, on the lexicons alone (the default sheet: Gia Lai in person, televised).
const groups = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight !== 0).map((e) => e.term.split(':')[0]);

/** A rebuttal: the given rebuttal group counts against distortion, the claim it answers counts nothing. */
function expectAnswered(texts: string[], group: string) {
  forBothForms(texts, (c, t) => {
    const g = groups(c);
    expect(g, t).toContain(group);
    expect(g, t).not.toContain('press-distrust');
    expect(
      g.filter((x) => !['rebuttal', 'bare-verdict', 'official-guidance', 'named-source'].includes(x)),
      t,
    ).toEqual([]);
    expect(contradictionsOf(c), t).toEqual([]);
    expect(evidenceAgainst(c), t).toBe(true);
    expect(c.distortion, t).toBe(false);
  });
}

/** No standing verdict read: the rumour's cues count and the item is a distortion. */
function expectNoVerdict(texts: string[]) {
  forBothForms(texts, (c, t) => {
    expect(groups(c), t).not.toContain('bare-verdict');
    expect(c.distortion, `${t}: ${groups(c).join(', ')}`).toBe(true);
  });
}

describe('a verdict standing alone as the next sentence answers the rumour reported before it', () => {
  it('reads the bare verdict and suppresses the sentence it answers', () => {
    expectAnswered(
      [
        'Có tin nói Đại hội XIII bầu Trung ương bằng giơ tay. Sai.',
        'Có tin nói Đại hội XIII bầu Trung ương bằng giơ tay. Hoàn toàn sai.',
        'Nghe nói Đại hội tỉnh hoãn sang tháng 11. Không đúng.',
        'Mấy nhóm Zalo đồn Đại hội Đảng bộ tỉnh hoãn sang tháng 11. Bịa.',
        'Có người share Đại hội XIII bầu Trung ương bằng giơ tay. Fake.',
        'Có tin nói Đại hội XIII bầu Trung ương bằng giơ tay. Tin giả nhé.',
        'Nghe nói Đại hội tỉnh hoãn sang tháng 11. Tin đồn thất thiệt.',
        'Mấy nhóm Zalo đồn Đại hội tỉnh hoãn sang tháng 11. Sai nhé, đại hội vẫn họp đúng lịch.',
        'Nghe nói đại hội tỉnh phải bầu lại bí thư. Tất cả đều sai mọi người ạ!',
      ],
      'bare-verdict',
    );
  });
});

describe('a verdict standing alone as the last clause answers its own sentence', () => {
  it('reads the dismissal after a comma', () => {
    expectAnswered(
      [
        'Đại hội XIII hoãn sang tháng 3 vì COVID, tin đồn nhảm thôi.',
        'Đại hội XIII hoãn sang tháng 3, tin vịt cả.',
        'Nghe nói Đại hội tỉnh hoãn sang tháng 11, bịa hết.',
        'Nghe nói Đại hội tỉnh hoãn sang tháng 11, sai bét.',
        'Nghe nói Đại hội tỉnh hoãn sang tháng 11, không có đâu.',
        'Đồn Đại hội Đảng bộ tỉnh bầu lại bí thư, chỉ là tin đồn.',
      ],
      'bare-verdict',
    );
  });
});

describe('a verdict standing alone said of the official version is the rumour calling it false', () => {
  it('turns the verdict that answers the press, the official account or an official source', () => {
    forBothForms(
      [
        'Báo tỉnh đưa tin Đại hội Đảng bộ tỉnh có 350 đại biểu. Sai bét, thật ra chỉ 300 người, số còn lại là ghế trống.',
        'Truyền hình nói Đại hội Đảng bộ tỉnh họp 3 ngày. Xạo, thật ra đã chốt xong nhân sự từ trước.',
        'Theo thông tin chính thức, Đại hội XIII có 1.587 đại biểu, sai hết.',
      ],
      (c, t) => {
        expect(groups(c), t).toContain('press-distrust');
        expect(groups(c), t).not.toContain('bare-verdict');
        expect(evidenceAgainst(c), t).toBe(false);
        expect(c.distortion, t).toBe(true);
      },
    );
  });

  it('keeps the press said to be wrong a distortion', () => {
    expectNoVerdict(['Báo chí đưa tin sai, thật ra Đại hội XIII đã bầu Trung ương bằng giơ tay.']);
  });
});

describe('a verdict word that does not stand alone answers nothing', () => {
  it('leaves a heading, a negated verdict, a longer clause, a condition and a sneer after a quotation to the rumour', () => {
    expectNoVerdict([
      'Tin đồn: Đại hội Đảng bộ tỉnh hoãn sang tháng 11 vì nhân sự chưa thống nhất.',
      'Không sai! Nghe nói Đại hội tỉnh hoãn sang tháng 11 vì nhân sự.',
      'Sai một ly đi một dặm, nghe nói đại hội tỉnh bầu lại bí thư.',
      'Nghe nói đại hội tỉnh hoãn sang tháng 11. Sai lầm lớn của lãnh đạo tỉnh.',
      'Nghe nói đại hội tỉnh hoãn sang tháng 11, sai thì thôi nhé.',
      'Đại hội Đảng bộ tỉnh năm nay bầu lại bí thư vì nhân sự đã có sẵn, cả cái đại hội "dân chủ" giả.',
    ]);
  });
});

describe('a denied claim that says the official account is missing is still a rebuttal', () => {
  it('does not turn the verdict on a negated subject or on one inside the claim it denies', () => {
    expectAnswered(
      [
        'Tin Đại hội Đảng bộ tỉnh Gia Lai không truyền hình trực tiếp là bịa đặt.',
        'Thông tin Đại hội Đảng bộ tỉnh chỉ họp trực tuyến, không truyền hình trực tiếp là sai sự thật.',
        'Tin đại hội tỉnh Gia Lai không được truyền hình trực tiếp là sai.',
        'Chuyện tivi không chiếu phiên bế mạc Đại hội Đảng bộ tỉnh là bịa.',
        'Tin truyền hình cắt phiên bầu ở Đại hội XIII là bịa đặt.',
      ],
      'rebuttal',
    );
  });

  it('still turns the verdict beside the press said to hide what the item tells, outside a denied claim', () => {
    forBothForms(['Sự thật về Đại hội Đảng bộ tỉnh mà TV không chiếu: kết quả bầu đã có sẵn.'], (c, t) => {
      expect(groups(c), t).toContain('press-distrust');
      expect(c.distortion, t).toBe(true);
    });
  });
});
