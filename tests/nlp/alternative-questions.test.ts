import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { forBothForms, contradictionsOf } from './helpers.ts';

// An alternative question (eightieth pass): the writer asks which of two things holds — "… có họp trực tuyến không hay
// vẫn họp ở Hà Nội?", "… bế mạc ngày 1/2 hay 2/2 ạ" — and a claim of the sheet's facts in either alternative is asked
// about, not asserted: its contradiction is cited (weight 0). Not a yes/no question that leads with the claim ("Có phải
// … hay sao …?"), hearsay before it ("Nghe nói …, hay là …?"), or a "hay" in a statement. Phrasings written for these
// tests, not corpus sentences; as typed and without diacritics, on the lexicons alone, under the configured facts.
const counted = (c: Classification) => contradictionsOf(c).map((e) => e.term);
const cited = (c: Classification) => c.explanations.filter((e) => e.kind === 'fact' && e.weight === 0).map((e) => e.term);

// the claim one side of the alternatives, the question closed by its mark or a particle
const ASKED = [
  'Cả nhà ơi, Đại hội XIII năm nay có họp trực tuyến không hay vẫn họp ở Hà Nội như mọi khi?',
  'Cho em hỏi Đại hội XIII họp tới 2/2 hay 3/2 ạ, em cần ghi vào bài cho đúng.',
  'Danh sách Trung ương có được công bố trước Đại hội XIII không, hay chỉ đại biểu mới được biết?',
];
// a yes/no question leading with the claim, hearsay before it, a "hay" in a statement, no alternative at all
const PASSED_ON = [
  'Có phải Đại hội XIII họp trực tuyến hay sao mà không thấy ai đưa tin?',
  'Nghe nói Đại hội XIII họp trực tuyến, hay là mình nghe nhầm vậy?',
  'Đại hội XIII họp trực tuyến hay trực tiếp thì danh sách cũng công bố trước rồi.',
  'Có phải Đại hội XIII họp trực tuyến không mọi người?',
];

describe('a claim asked about in an alternative question', () => {
  it('cites the contradiction where the claim is one side of an alternative question', () => {
    forBothForms(ASKED, (c, t) => {
      expect(counted(c), t).toEqual([]);
      expect(cited(c).length, t).toBeGreaterThan(0);
    });
  });

  it('still counts it after a leading yes/no question or hearsay, in a statement, or with no alternative', () => {
    forBothForms(PASSED_ON, (c, t) => expect(counted(c).length, t).toBeGreaterThan(0));
  });
});
