import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { bothForms, classifier, contradictionsOf, forBothForms } from './helpers.ts';

// The hundred-and-fifth pass (#14, study102's family Z): the writer's claim beside a rebuttal aimed at the truth — the
// other pages or the papers' earlier reports dismissed ("Chắc chắn nha mọi người, đừng tin mấy trang khác", "Vậy là mấy
// bài báo trước sai hết nhé"), and the sheet's own count asked about ("Ai nói Đại hội XIII có 1.587 đại biểu?"). Each
// as typed and without diacritics, on the lexicons alone (the configured sheet: 1.587 delegates, 25/1–2/2/2021).

const groups = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight !== 0).map((e) => e.term.split(':')[0]);
const read = (text: string) => classifier().classify({ title: '', text });

describe('the other pages or the papers dismissed beside the writer’s own version', () => {
  it('reads "đừng tin / đừng nghe mấy trang khác" and "mấy bài báo trước sai hết" as the press distrusted, not a rebuttal', () => {
    forBothForms(
      [
        'Bố mình là đảng viên, tối qua họp chi bộ được phổ biến là Đại hội XIII sẽ họp tới 12 ngày và lùi sang sau Tết. Chắc chắn nha mọi người, đừng tin mấy trang khác.',
        'Đại hội tỉnh mình khai mạc ngày 20/10 nhé, anh bên Văn phòng Tỉnh ủy bảo chắc chắn, đừng nghe mấy trang khác nói ngày 14.',
        'Vừa gọi đường dây nóng của báo thì được xác nhận Đại hội XIII kéo dài 12 ngày. Vậy là mấy bài báo trước sai hết nhé.',
      ],
      (c, t) => {
        expect(groups(c), t).toContain('press-distrust');
        expect(groups(c), t).not.toContain('rebuttal');
      },
    );
    // the writer's contradicting claim is counted, not cited
    for (const t of bothForms([
      'Bố mình là đảng viên, tối qua họp chi bộ được phổ biến là Đại hội XIII sẽ họp tới 12 ngày và lùi sang sau Tết. Chắc chắn nha mọi người, đừng tin mấy trang khác.',
    ]))
      expect(
        contradictionsOf(read(t)).map((e) => e.factId),
        t,
      ).toContain('NC-DATE');
  });

  it('keeps the warnings against the rumour’s own pages rebuttals', () => {
    forBothForms(
      [
        'Không có chuyện đại biểu đại hội tỉnh nhận phong bì 10 triệu đâu, đừng tin mấy trang làm tiền view.',
        'Mọi người đừng tin mấy bài nói Đại hội tỉnh hoãn sang tháng 11 nha, Tỉnh ủy đã có thông báo chính thức.',
        'Mình hỏi người nhà làm báo thì bảo Đại hội XIII vẫn họp ở Trung tâm Hội nghị Quốc gia, đừng tin trang lạ.',
      ],
      (c, t) => {
        expect(groups(c), t).toContain('rebuttal');
        expect(groups(c), t).not.toContain('press-distrust');
        expect(c.distortion, t).toBe(false);
      },
    );
  });
});

describe('the sheet’s own count asked about ("Ai nói … ?")', () => {
  it('reads "Ai nói <the sheet count>?" as the count denied', () => {
    for (const t of bothForms(['Ai nói Đại hội XIII có 1.587 đại biểu? Thực tế chỉ khoảng 1.500, số còn lại là khách mời.']))
      expect(
        contradictionsOf(read(t)).map((e) => e.factId),
        t,
      ).toEqual(['NC-DELEGATES']);
  });

  it('keeps another count asked about, a statement and a question that is no question unread as a denial', () => {
    for (const t of bothForms([
      'Ai nói Đại hội XIII có 1.200 đại biểu? Đại hội có 1.587 đại biểu chính thức.',
      'Ai nói Đại hội XIII có 1.587 đại biểu thì người đó nói đúng.',
      'Đại hội XIII có 1.587 đại biểu chính thức.',
    ]))
      expect(
        contradictionsOf(read(t))
          .filter((e) => /denies/.test(e.note ?? ''))
          .map((e) => e.factId),
        t,
      ).toEqual([]);
  });
});
