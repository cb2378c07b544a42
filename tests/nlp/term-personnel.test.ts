import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { forBothForms } from './helpers.ts';

// The congress named by the term's personnel (forty-fifth pass): a rumour about the seats of "khóa
// tới" or about "Ban Thường vụ mới" never says "đại hội", yet a reader knows which vote made those
// seats. Phrasings written for these tests, not corpus sentences; each is checked as typed and with
// its diacritics stripped, on the lexicons alone.
const implied = (c: Classification) =>
  c.explanations.some((e) => e.kind === 'congress' && /office \+ electoral act|an electoral act with distortion/.test(e.note ?? ''));

function expectCongress(texts: string[], want: boolean, byImplication = true) {
  forBothForms(texts, (c, t) => {
    expect(c.congress, `${t} (congress ${c.scores.congress}, distortion ${c.scores.distortion})`).toBe(want);
    if (want && byImplication) expect(implied(c), t).toBe(true);
  });
}

describe('the term whose seats a post speaks of', () => {
  it('implies the congress beside a Party office, in a post that spreads a rumour', () => {
    expectCongress(
      [
        'Nghe nói ghế Phó Bí thư Tỉnh ủy khóa tới đã có chủ, đại biểu chỉ giơ tay cho đủ.',
        'Người nhà làm trong Ban Tổ chức kể khóa này Thường vụ huyện sẽ có 3 người từ nơi khác về.',
        'Sao kỳ này Ban Thường vụ Tỉnh ủy đông thế? Nghe nói chia ghế cho đủ các phe.',
      ],
      true,
    );
  });

  it('implies nothing without a Party office, or about another organisation', () => {
    expectCongress(
      [
        'Nghe nói kỳ này giá cà phê lên gấp đôi, chắc chắn luôn.',
        'Nghe nói khóa tới trường mình tuyển thêm hai lớp, nguồn tin thân cận.',
        'Nghe nói Ban Chấp hành Hội Nông dân khóa tới đã có sẵn người, chỉ là thủ tục.',
      ],
      false,
    );
  });
});

describe('a Party body named as newly elected', () => {
  it('is an office and an act at once: alone, with distortion evidence, it implies the congress', () => {
    expectCongress(
      [
        'Ban Thường vụ mới sao lại tới 19 người? Nghe nói nhét thêm người ngoài tỉnh.',
        'Huyện ủy mới toàn con ông cháu cha, người trong cuộc ai cũng biết.',
        'Tui có người quen trong ban tổ chức nói Bộ Chính trị mới đã chốt từ mùa hè.',
      ],
      true,
    );
  });

  it('is not the body when the new thing is its building, nor a foreign party named by its capital', () => {
    expectCongress(
      [
        'Nghe nói trụ sở Tỉnh ủy mới xây xong rồi mà chưa khánh thành, tốn cả trăm tỷ.',
        'Bắc Kinh vừa công bố Thường vụ Bộ Chính trị mới, 7 người. Nghe nói danh sách chốt từ mùa hè.',
        'Nghe nói Ban Thường vụ Tỉnh đoàn mới toàn con ông cháu cha.',
      ],
      false,
    );
  });

  it('a list sent to that capital for approval is still a rumour about our congress', () => {
    // (the foreign power's approval is an anchor of its own: see "trung quốc duyệt")
    expectCongress(['Nguồn tin thân cận: danh sách Bộ Chính trị mới đã được gửi sang Bắc Kinh duyệt trước khi bỏ phiếu.'], true, false);
  });
});
