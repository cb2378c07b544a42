import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { forBothForms } from './helpers.ts';

// The hundred-and-fiftieth pass (study123's Q′ and Z): recall families of fresh-20 read as forms. Phrasings written for
// these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone, under the configured sheet
// (GL-DELEGATES 350, NC-DATE 25/1–2/2).
const groups = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion').map((e) => e.term.split(':')[0]);
const fired = (c: Classification, group: string) => groups(c).includes(group);
const denied = (c: Classification) => c.explanations.filter((e) => e.kind === 'fact' && e.note?.startsWith('calls the official value')).map((e) => e.factId);
const rebuts = (c: Classification) => c.explanations.some((e) => e.kind === 'distortion' && e.weight < 0 && e.term.startsWith('rebuttal'));

describe('Q′: a clause the resolution is said to hold; news from the meeting room, a whisper just told', () => {
  it('reads a criminal sanction, a pension or a whole budget taken away by the resolution as a claimed decision', () => {
    forBothForms(
      [
        'Nghị quyết Đại hội XIII có điều khoản xử lý hình sự người xem phim lậu trên mạng.',
        'Nghị quyết đại hội tỉnh cắt hoàn toàn ngân sách cho các đội bóng từ năm sau.',
        'Đại hội XIII đã thông qua nghị quyết bỏ lương hưu đối với người nghỉ sớm.',
        'Nghị quyết đại hội tỉnh cắt toàn bộ biên chế của đoàn nghệ thuật.',
      ],
      (c, t) => expect(fired(c, 'rule claimed-decision'), t).toBe(true),
    );
  });

  it('leaves a clause no one says takes anything away, and the rumoured clause denied', () => {
    forBothForms(
      [
        'Nghị quyết Đại hội Đảng bộ tỉnh có điều khoản về phát triển cà phê bền vững.',
        'Bảo hiểm xã hội tỉnh khẳng định không có nghị quyết nào của Đại hội XIII về bỏ lương hưu.',
        'Trước thông tin nghị quyết đại hội tỉnh cắt hoàn toàn ngân sách thể thao, lãnh đạo Sở khẳng định đây là thông tin sai.',
      ],
      (c, t) => expect(fired(c, 'rule claimed-decision'), t).toBe(false),
    );
  });

  it('reads news heard from the meeting room and a whisper just told as an insider', () => {
    forBothForms(
      [
        'Vừa nghe tin từ phòng họp: đại hội tỉnh sẽ bầu lại Ban Thường vụ.',
        'Cán bộ huyện vừa nói nhỏ: danh sách Ban Chấp hành khóa mới chốt rồi.',
        'Chị kế toán nói nhỏ với tui là mỗi chi bộ phải nộp tiền cho đại hội.',
      ],
      (c, t) => expect(fired(c, 'insider'), t).toBe(true),
    );
    forBothForms(['Các đại biểu nói nhỏ trong phòng họp trước giờ khai mạc đại hội tỉnh.', 'Phòng họp của đại hội tỉnh đã được khử khuẩn.'], (c, t) =>
      expect(fired(c, 'insider'), t).toBe(false),
    );
  });
});

describe('Z: the official figure called wrong, hidden or written from an old plan; a claim’s own check', () => {
  it('reads a bare official day before the verdict as the official value denied where the item dates the event otherwise', () => {
    forBothForms(['Đại hội 13 khai mạc 20/1 rồi, ai bảo 25 là sai nha, tin nội bộ đó.'], (c, t) => {
      expect(rebuts(c), t).toBe(false);
      expect(denied(c), t).toContain('NC-DATE');
    });
  });

  it('keeps the rebuttal of a bare day where the item dates the event as the sheet does, or not at all', () => {
    forBothForms(['Đại hội 13 khai mạc 25/1, ai bảo 20 là sai nha.', 'Ai bảo 25 là sai nha.'], (c, t) => expect(denied(c), t).toEqual([]));
  });

  it('reads the official count with the press that printed it after a verdict said before it', () => {
    forBothForms(['Đại hội tỉnh chỉ có 300 đại biểu chính thức thôi. Mọi người đừng tin con số 350 trên báo.'], (c, t) => {
      expect(rebuts(c), t).toBe(false);
      expect(denied(c), t).toContain('GL-DELEGATES');
    });
    // another count (money) with the press after it: the verdict rebuts it
    forBothForms(['Đừng tin con số 350 triệu trên báo.'], (c, t) => expect(denied(c), t).toEqual([]));
  });

  it('reads the press figure said to be written from the old plan or to hide the real one as distrust of the press', () => {
    forBothForms(
      ['Báo ghi An Khê là ghi theo kế hoạch cũ thôi, đại hội tỉnh họp ở Pleiku.', 'Báo ghi 100% chi bộ đại hội xong là tỉnh giấu số liệu thôi.'],
      (c, t) => expect(fired(c, 'press-distrust'), t).toBe(true),
    );
    forBothForms(['Đại hội tỉnh được tổ chức theo kế hoạch cũ đã công bố.'], (c, t) => expect(fired(c, 'press-distrust'), t).toBe(false));
  });

  it('does not read a claim’s own check with its sources as a rebuttal, and keeps a reader’s check', () => {
    forBothForms(['Bí thư tỉnh khóa mới do Trung ương chỉ định, đại hội không bầu. Đây là thông tin đã kiểm chứng qua hai nguồn độc lập.'], (c, t) =>
      expect(rebuts(c), t).toBe(false),
    );
    forBothForms(['Bạn đọc gặp tin nghi vấn về đại hội tỉnh có thể gửi cho ban kiểm chứng qua hộp thư của báo.'], (c, t) => expect(rebuts(c), t).toBe(true));
  });
});
