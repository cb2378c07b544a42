import { describe, expect, it } from 'vitest';
import { forBothForms } from './helpers.ts';

// Quotations in a list (eightieth pass): a writer who lists what others post — "toàn “mua ghế”, “rò rỉ”, “nghị quyết
// mật”", "tràn ngập 'danh sách rò rỉ', 'tin nội bộ'" — names their words; the cues inside two or more quotations joined
// only by a comma, "và", "hay" or "hoặc" are mentioned, not used, in any item. Not a single quotation (a rumour's scare
// quotes), a cue outside the list, or quotations joined by a verb. Phrasings written for these tests, not corpus
// sentences; as typed and without diacritics, on the lexicons alone.
const cues = (c: { explanations: { kind: string; term: string; weight?: number }[] }) =>
  c.explanations.filter((e) => e.kind === 'distortion' && (e.weight ?? 0) > 0 && e.term.includes(': ') && !e.term.startsWith('style')).map((e) => e.term);

// [text, whether its cues are all inside quotations listed]: the rumours' words listed by commas, "hay", "và"; then one
// quotation alone, the cue outside the quotations listed, two quotations joined by a verb
const CASES: Array<[string, boolean]> = [
  ['Mấy hôm nay nhóm nào cũng toàn "danh sách rò rỉ", "tin nội bộ", đọc mà mệt.', true],
  ['Lướt mạng cả tuần chỉ thấy “nghị quyết mật” hay “mua ghế”, chẳng bài nào ghi nguồn.', true],
  ['Cứ mùa đại hội là lại có "kịch bản nhân sự" và "danh sách rò rỉ", bà con đọc xong lại đi hỏi nhau.', true],
  ['Lộ "nghị quyết mật" của Đại hội XIII về nhân sự.', false],
  ['Tin nội bộ: "ông A", "ông B" sẽ vào Ban Thường vụ khóa mới của đại hội tỉnh.', false],
  ['Họ bảo "danh sách rò rỉ" là "tin nội bộ" chuẩn của đại hội tỉnh.', false],
];

describe('quotations in a list', () => {
  it('does not count the cues inside two or more quotations listed, and still counts one alone, one outside, one joined by a verb', () => {
    for (const [text, listed] of CASES) forBothForms([text], (c, t) => expect(cues(c).length === 0, t).toBe(listed));
  });
});
