import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { CONFIG, forBothForms, stripDiacritics } from './helpers.ts';

// The congress implied, for an item with distortion evidence that names no congress, by words that are
// never scored (`impliedInItem` in config/topics/congress-2020.yaml; sixty-seventh pass): its attendees,
// a candidate or a personnel plan, the term spoken of as "this time", and a sitting with its business.
// Phrasings written for these tests, not corpus sentences; each is checked as typed and with its
// diacritics stripped, on the lexicons alone.
const pairOf = (c: Classification) => c.explanations.find((e) => e.kind === 'congress' && /an electoral act with distortion evidence/.test(e.note ?? ''))?.term;

function expectImplied(texts: string[], want: boolean) {
  forBothForms(texts, (c, t) => {
    const why = `${t} (congress ${c.scores.congress}, distortion ${c.scores.distortion}, pair ${pairOf(c)})`;
    expect(c.congress, why).toBe(want);
    expect(c.distortion, why).toBe(want);
    expect(pairOf(c) !== undefined, why).toBe(want);
  });
}

// [sub-family, phrasings, implied]
const cases: Array<[string, string[], boolean]> = [
  [
    "the sitting's attendees beside its opening or closing",
    [
      'Nay khai mạc có 1.800 người dự đó, nghe nói tăng thêm 200 suất cho người nhà.',
      'Bế mạc rồi mà nghe nói còn mấy chục người tham dự chưa được về, giữ lại họp kín.',
    ],
    true,
  ],
  [
    'a sitting and its business, with no office named',
    [
      'Sao hôm nay bế mạc sớm vậy, nghe nói có người ngất trong hội trường rồi giải tán luôn.',
      'Nguồn tin thân cận: hội trường ở Hà Nội vừa thông qua việc sáp nhập hai tỉnh, chia sẻ cho mọi người cùng biết.',
    ],
    true,
  ],
  [
    'a candidate or a personnel plan beside a Party office',
    [
      'Nghe nói ứng viên Bí thư tỉnh được gửi từ trên về, giá đã thỏa thuận xong.',
      'Lộ văn bản mật của Tỉnh ủy về phương án nhân sự chủ chốt, chia sẻ gấp trước khi bị xóa.',
    ],
    true,
  ],
  [
    'the term spoken of as "this time" beside a Party office',
    [
      'Ban Thường vụ lần này mười lăm người, nghe nói để dành một suất cho người trên điều về.',
      'Nghe nói đại biểu năm nay lên gần 2000 người, dồn thêm người nhà vào cho chắc ăn.',
    ],
    true,
  ],
  [
    'nothing from electoral acts alone, or from "this time" beside a sitting',
    [
      'BIẾN LỚN: bầu cử Mỹ phát hiện cả xe tải phiếu bầu giả, chia sẻ gấp trước khi bị xóa!!!',
      'Nghe nói kết quả kiểm phiếu ở phường có rồi, ông ứng viên trẻ trúng cao nhất.',
      'Nghe nói khai mạc SEA Games năm nay bị dời vì dịch, nguồn tin thân cận.',
      'Nghe nói năm nay giá cà phê lên gấp đôi, họp chợ bàn mãi.',
    ],
    false,
  ],
  [
    "nothing at another event's sitting, or where another organisation is named",
    [
      'Nghe nói lễ khai mạc festival cà phê có 10.000 người dự, tốn 50 tỷ, chưa báo nào dám đưa.',
      'Nghe nói lễ khai mạc hội chợ ở hội trường tỉnh tốn 30 tỷ, người trong cuộc kể.',
      'Nghe đồn Đại hội Đoàn trường năm nay đã chốt sẵn bí thư, ứng viên khác nộp hồ sơ cũng vô ích.',
      'Nghe nói đại hội cổ đông năm nay đã dàn xếp xong ghế chủ tịch, cổ đông nhỏ đi họp chỉ để giơ tay.',
    ],
    false,
  ],
];

describe('the congress implied by words read only for an item with distortion evidence', () => {
  for (const [name, texts, want] of cases) it(name, () => expectImplied(texts, want));

  it('implies nothing without distortion evidence, nor in a rebuttal of the rumour', () => {
    forBothForms(
      ['Sáng nay khai mạc, có 350 người dự, hội trường kín chỗ.', 'Tin bế mạc sớm vì có người ngất trong hội trường là bịa đặt, mọi người đừng chia sẻ.'],
      (c, t) => {
        expect(c.distortion, t).toBe(false);
        expect(pairOf(c), t).toBeUndefined();
      },
    );
  });

  it('a Party post and its election said as one phrase, when the model does not see the congress', () => {
    // The anchor "bầu bí thư" makes the lexicons' congress on its own; a model that outvotes it leaves the
    // override, which reads the phrase as an office and an act at once.
    const c = loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), modelFile: undefined });
    c.learned = { rescore: (lexicon) => ({ ...lexicon, congress: false, scores: { ...lexicon.scores, congress: 0.3 } }) };
    const read = (text: string) => c.classify({ title: '', text });
    for (const t of ['Bầu bí thư xong rồi đó, mà ông này có tên từ tháng 6, nguồn tin thân cận.', 'Nghe nói bầu lại bí thư là do trên chỉ định sẵn.']) {
      for (const form of [t, stripDiacritics(t)]) {
        const r = read(form);
        expect(r.congress, form).toBe(true);
        expect(pairOf(r), form).toMatch(/^bầu (lại )?bí thư \+ /);
      }
    }
    for (const t of ['Nghe nói Chi đoàn bầu bí thư xong rồi, có sẵn người từ trước.', 'Bầu bí thư xong rồi, ai cũng vui.']) {
      for (const form of [t, stripDiacritics(t)]) expect(read(form).congress, form).toBe(false);
    }
  });
});
