import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { evidenceAgainst } from '../../pipeline/nlp/model.ts';
import { forBothForms } from './helpers.ts';

// The official completion of the lower levels' congresses called false (seventieth pass): "Báo cáo lên tỉnh là
// xong hết là không đúng" denies the sheet's own statement — the rumour's words, not a rebuttal — where a body
// whose congresses the sheet counts (cells, grassroots, units under the province) stands in the sentence or the
// one before. Phrasings written for these tests, not corpus sentences; each is checked as typed and without
// diacritics, on the lexicons alone.
const groups = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight !== 0).map((e) => e.term.split(':')[0]);
const rebuts = (c: Classification) => groups(c).some((g) => g === 'rebuttal');

describe('the official completion called false', () => {
  it('turns the verdict said of the completion, with the body in its sentence or the one before', () => {
    forBothForms(
      [
        'Ở Ia Grai còn mấy chi bộ thôn chưa họp. Báo cáo lên huyện là xong hết là không đúng.',
        'Nói 100% chi bộ cơ sở đại hội xong trước tháng 6 là sai, xã tôi còn ba chi bộ chưa họp.',
        'Bảo 17 đảng bộ trực thuộc đều đã hoàn thành đại hội trước 20/8 là không đúng đâu, khối doanh nghiệp còn phải bầu lại.',
        'Báo cáo cơ sở tổ chức xong đại hội hết rồi là bịa, làng tôi chưa họp.',
      ],
      (c, t) => {
        expect(rebuts(c), `${t}: ${groups(c).join(', ')}`).toBe(false);
        expect(groups(c), t).toContain('press-distrust');
        expect(evidenceAgainst(c), t).toBe(false);
      },
    );
  });

  it('keeps the rebuttal of a completion denied, quoted, said of no body, or of a body two sentences back', () => {
    forBothForms(
      [
        // the rumour a rebuttal answers: the completion negated, or quoted after a claim opener
        'Nói chi bộ ở Chư Sê chưa đại hội xong là không đúng.',
        'Nói chi bộ cơ sở chưa tổ chức xong đại hội là sai sự thật.',
        'Thông tin "còn nhiều chi bộ chưa đại hội xong" là không đúng, toàn bộ chi bộ đã hoàn thành đại hội trước 31/5.',
        // personnel said to be settled: no body of the completed levels
        'Nói nhân sự Đại hội Đảng bộ tỉnh là xong hết rồi là không đúng.',
        // the body too far back: another topic between
        'Chi bộ thôn 3 họp chiều qua. Trời mưa to cả buổi. Ai nói đại hội xong hết là không đúng.',
      ],
      (c, t) => {
        expect(rebuts(c), `${t}: ${groups(c).join(', ')}`).toBe(true);
        expect(groups(c), t).not.toContain('press-distrust');
      },
    );
  });
});
