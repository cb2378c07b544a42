import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { contradictionsOf, forBothForms } from './helpers.ts';

// The hundred-and-third pass (#14; study102's rank 1, V, and rank 8, Y and K): an insider placed in an office the
// lexicons did not name ("Sở", "Ban Tuyên giáo", "phòng giáo dục") or a teacher as the relation, with the verb that
// vouches ("nói thế / đó", "cho xem", "kể"); an annex said to be secret ("phụ lục mật"); a part of a decision kept out
// of the papers ("một điểm không đưa lên báo"); "đọc đi rồi xóa"; a seat on a Party body bought, as the implied
// congress; the venue after a move to "TP.HCM". Phrasings written for these tests, not corpus sentences; each as typed
// and with its diacritics stripped, on the lexicons alone (the configured sheet: Hà Nội).

const groupsOf = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight > 0).map((e) => e.note ?? e.term);
const cueIds = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight > 0).map((e) => e.term.split(':')[0]);

/** Each text, in both forms, reads the cue group `group` (or, with `want` false, does not). */
function expectGroup(texts: string[], group: string, want: boolean) {
  forBothForms(texts, (c, t) => expect(cueIds(c).includes(group), `${t}: ${cueIds(c).join(', ')} ${groupsOf(c).length}`).toBe(want));
}

describe('an insider placed in an office, vouching (V)', () => {
  it('reads a teacher, a friend or someone in the Sở, the Ban Tuyên giáo or the phòng giáo dục with a verb that vouches', () => {
    expectGroup(
      [
        'Nghị quyết Đại hội XIII bỏ thi tốt nghiệp môn Văn từ năm sau. Thầy mình trong Ban Tuyên giáo nói thế.',
        'Con đại biểu đại hội tỉnh được cộng điểm thi, bạn mình trong Sở nói đó.',
        'Đại hội tỉnh quyết cắt phụ cấp giáo viên, mình được người trong Sở cho xem bản chụp.',
        'Cô mình ở phòng giáo dục kể: sau Đại hội tỉnh sẽ sáp nhập 30 trường.',
        'Người quen trong Sở Giáo dục tiết lộ Đại hội tỉnh đã chốt bỏ môn Sử.',
      ],
      'insider',
      true,
    );
  });

  it('does not read an office asked or an office denying, nor "trong số"', () => {
    expectGroup(
      [
        'Hỏi người trong Sở thì họ nói không có chuyện Đại hội tỉnh bàn việc cộng điểm.',
        'Đại hội XIII không bàn chuyện bỏ môn Sử: người trong Sở nói không có chuyện đó.',
        'Sở Giáo dục khẳng định Đại hội tỉnh không bàn việc điều chuyển giáo viên.',
        'Đại hội tỉnh bầu 15 người vào Ban Thường vụ, người trong số đó nói vậy là đúng quy trình.',
        'Thầy mình trong Ban Tuyên giáo giảng về Nghị quyết Đại hội XIII rất hay.',
      ],
      'insider',
      false,
    );
  });
});

describe('an annex said to be secret, a part kept out of the papers, read then deleted (V)', () => {
  it('reads "phụ lục mật" (quoted or not) as a secret document', () => {
    expectGroup(
      [
        'Nghị quyết Đại hội tỉnh có phụ lục mật về điều chuyển cán bộ.',
        "Ngoài Nghị quyết chính thức, Đại hội XIII còn ban hành một 'phụ lục mật' về tăng thuế.",
      ],
      'secret-document',
      true,
    );
    expectGroup(['Phụ lục của Nghị quyết Đại hội XIII đã được đăng đầy đủ trên báo Nhân Dân.'], 'secret-document', false);
  });

  it('reads a part of the decision "không đưa lên báo" as the press hiding it', () => {
    expectGroup(
      ['Nghị quyết Đại hội XIII có một điểm không đưa lên báo: bỏ môn Lịch sử bắt buộc.', 'Có những chuyện không được đưa lên báo ở Đại hội tỉnh đâu.'],
      'press-hiding',
      true,
    );
    expectGroup(['Báo Gia Lai đưa tin Đại hội tỉnh bế mạc, toàn văn nghị quyết đã đăng.'], 'press-hiding', false);
  });

  it('reads "đọc đi rồi xóa", "xem xong xóa" as the message to be hidden', () => {
    expectGroup(
      ['Đọc đi rồi xóa: Nghị quyết Đại hội tỉnh điều chuyển 500 giáo viên.', 'Đại hội XIII đã chốt Tổng Bí thư, xem xong xóa nha.'],
      'share-before-removal',
      true,
    );
    expectGroup(['Mình đọc kỹ Nghị quyết Đại hội XIII rồi, xóa tin nhắn cũ đi cho nhẹ máy.'], 'share-before-removal', false);
  });
});

describe('a seat on a Party body bought, as the congress implied (K)', () => {
  const implied = (c: Classification) => c.explanations.some((e) => e.kind === 'congress' && /an electoral act with distortion evidence/.test(e.note ?? ''));
  it('reads a Central Committee or Standing Committee seat priced, with distortion evidence, as congress-related', () => {
    forBothForms(
      [
        'Nghe nói ông X đã mua được 1 ghế Ủy viên TW dự khuyết với giá 30 tỷ, ai cũng biết.',
        'Người nhà mình làm ở Tỉnh ủy nói ghế BTV giá 5 tỷ, chạy chọt hết rồi.',
      ],
      (c, t) => {
        expect(implied(c), t).toBe(true);
        expect(c.congress && c.distortion, t).toBe(true);
      },
    );
  });

  it("does not read a company's or a union's seat", () => {
    forBothForms(
      [
        'Nghe nói ghế trong hội đồng quản trị công ty giá 30 tỷ, ông X đã lo được, ai cũng biết.',
        'Nghe nói ghế Ban Thường vụ Tỉnh đoàn giá 1 tỷ, ai cũng biết.',
      ],
      (c, t) => expect(implied(c) || c.congress, t).toBe(false),
    );
  });

  it("keeps a moderator's lock of the thread that quotes the seat unflagged", () => {
    forBothForms(
      ["[Mod] Đã khóa chủ đề. Bài mở đầu cáo buộc 'ghế BTV giá 5 tỷ' mà không có bất kỳ bằng chứng nào, ai có tố cáo thì gửi cơ quan chức năng."],
      (c, t) => {
        expect(c.distortion, t).toBe(false);
        expect(
          c.explanations.some((e) => e.term.startsWith('moderation:')),
          t,
        ).toBe(true);
      },
    );
  });
});

describe('the venue after a move to "TP.HCM" (Y)', () => {
  const venue = (c: Classification) => contradictionsOf(c).map((e) => e.factId);
  it('reads "dời vào TP.HCM" as another venue', () => {
    forBothForms(['ĐH XIII dời vào TP.HCM rồi nha mọi người.', 'Đại hội XIII chuyển vào Tp.HCM họp cho an toàn.'], (c, t) =>
      expect(venue(c), t).toContain('NC-VENUE'),
    );
  });
  it('keeps a body of the city and a rebuttal unread', () => {
    forBothForms(
      ['Đại hội Đảng bộ TP.HCM lần thứ XI bế mạc chiều nay.', 'Thông tin Đại hội XIII dời vào TP.HCM là sai sự thật, Đại hội họp tại Hà Nội.'],
      (c, t) => expect(venue(c), t).not.toContain('NC-VENUE'),
    );
  });
});
