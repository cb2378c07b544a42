import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { forBothForms } from './helpers.ts';

// The hundred-and-forty-fourth pass (study122's Q′, Z, S′, J′): recall families of fresh-19 read as forms. Phrasings
// written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone, under the
// configured sheet (GL-DELEGATES 350, GL-BCH 53).
const groups = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion').map((e) => e.term.split(':')[0]);
const fired = (c: Classification, group: string) => groups(c).includes(group);
const denied = (c: Classification) => c.explanations.filter((e) => e.kind === 'fact' && e.note?.startsWith('calls the official value')).map((e) => e.factId);
const rebuts = (c: Classification) => c.explanations.some((e) => e.kind === 'distortion' && e.weight < 0 && e.term.startsWith('rebuttal'));

describe('Q′: a secret clause, or a cut or "real" version of the official text', () => {
  it('reads a secret clause, a passage cut from the published text and the published text called an edited one', () => {
    forBothForms(
      [
        'Nghị quyết Đại hội Đảng bộ tỉnh có một điều khoản bí mật về thu hồi đất vườn.',
        'Nghị quyết Đại hội XIII có điều khoản mật cho các tập đoàn lớn.',
        'Câu phát biểu của Bí thư tại Đại hội Đảng bộ tỉnh đã bị cắt khỏi bản đăng trên báo chính thống.',
        'Đoạn này của Nghị quyết Đại hội tỉnh không được đưa vào bản công bố, chỉ người trong họp mới biết.',
        'Văn kiện Đại hội XIII thật có chương về thuế đất, bản đăng báo là bản đã sửa.',
        'Nghị quyết Đại hội tỉnh có đoạn giải thể đoàn nghệ thuật, bản công bố đã bị cắt bớt.',
      ],
      (c, t) => expect(fired(c, 'secret-document'), t).toBe(true),
    );
  });

  it('does not let the official press count against the cut it is said to have made', () => {
    forBothForms(['Đoạn phát biểu bế mạc Đại hội Đảng bộ tỉnh này đã bị cắt khỏi bản đăng trên báo chính thống.'], (c, t) => {
      expect(fired(c, 'official-press'), t).toBe(false);
    });
  });

  it('leaves a clause, a bulletin and a published version that no one says is cut or secret', () => {
    forBothForms(
      [
        'Nghị quyết Đại hội Đảng bộ tỉnh có điều khoản về phát triển cà phê bền vững.',
        'Toàn văn Nghị quyết Đại hội Đảng bộ tỉnh được đăng trên báo chính thống.',
        'Bản công bố Nghị quyết Đại hội tỉnh gồm 6 chương, bạn đọc có thể tải về.',
        'Bản tin 19h đưa tin phiên bế mạc Đại hội Đảng bộ tỉnh.',
        // a debunk: the rumoured clause is not in the official text
        'Điều khoản thu hồi đất không có trong bản chính thức của Nghị quyết Đại hội tỉnh.',
      ],
      (c, t) => expect(fired(c, 'secret-document'), t).toBe(false),
    );
  });
});

describe('Z: the official count called wrong after the writer’s own; an unnamed colleague at work in an office', () => {
  it('reads a bare official count before the verdict as the official value denied where the item asserts another', () => {
    forBothForms(
      [
        'Đại hội Đảng bộ tỉnh có 342 đại biểu thôi nha, mẹ em đi dự nè, ai nói 350 là sai bét.',
        'Đại hội Đảng bộ tỉnh có 342 đại biểu thôi nha. Ai nói 350 người là sai.',
      ],
      (c, t) => {
        expect(rebuts(c), t).toBe(false);
        expect(denied(c), t).toContain('GL-DELEGATES');
      },
    );
  });

  it('keeps the rebuttal of the rumour’s bare count, and where the item asserts no other count', () => {
    forBothForms(['Đại hội Đảng bộ tỉnh có 350 đại biểu, ai nói 342 là sai bét.', 'Mình không rõ bao nhiêu, nhưng ai nói 350 là sai bét.'], (c, t) => {
      expect(denied(c), t).toEqual([]);
    });
  });

  it('reads a correction the writer says will come as a forecast, not a rebuttal', () => {
    forBothForms(['Ban Chấp hành Đảng bộ tỉnh khóa mới vẫn 50 người thôi, báo đăng 53 là ghi nhầm, mai kia sẽ đính chính.'], (c, t) =>
      expect(rebuts(c), t).toBe(false),
    );
    forBothForms(['Báo Gia Lai đã đính chính: Ban Chấp hành Đảng bộ tỉnh khóa XVI có 53 đồng chí.'], (c, t) => expect(rebuts(c), t).toBe(true));
  });

  it('reads "một chị / anh / người làm ở <an office>" as an insider', () => {
    forBothForms(
      [
        'Theo một chị làm ở Văn phòng Tỉnh ủy thì Ban Chấp hành khóa mới vẫn 50 người.',
        'Nguồn tin từ một anh làm trong Ban Tổ chức, đại hội tỉnh sẽ bầu lại.',
        'Một người công tác tại Huyện ủy nói danh sách đã chốt từ trước.',
      ],
      (c, t) => expect(fired(c, 'insider'), t).toBe(true),
    );
    forBothForms(['Một chị làm ở công ty may kể chuyện đi xem khai mạc đại hội.', 'Một anh làm ở bệnh viện tỉnh trực suốt đại hội.'], (c, t) =>
      expect(fired(c, 'insider'), t).toBe(false),
    );
  });
});

describe('S′ and J′: the crowd that relays the rumour after the question; a new ban said to come', () => {
  it('reads "(nhiều nhóm bên …) đang đồn vậy" after a yes/no question as a leading question', () => {
    forBothForms(
      [
        'Có đúng là đại hội tỉnh không cho đảng viên trẻ vào Ban Chấp hành không? Nhiều nhóm bên Chư Sê đang đồn vậy, nói là có chỉ đạo rồi. Ai biết nói giùm với.',
        'Đại hội tỉnh chỉ họp 1 ngày rồi giải tán phải không mọi người? Mấy nhóm bên giáo xứ cũng đang đồn thế.',
      ],
      (c, t) => {
        expect(fired(c, 'rule leading-question'), t).toBe(true);
        expect(fired(c, 'genuine-question'), t).toBe(false);
      },
    );
    // no question: nothing is led
    forBothForms(['Nhiều nhóm đang đồn vậy nhưng Văn phòng Tỉnh ủy đã bác bỏ.'], (c, t) => expect(fired(c, 'rule leading-question'), t).toBe(false));
  });

  it('reads "sau Đại hội … sẽ có chính sách (mới) cấm …" as a settled future, and not a ban in force', () => {
    forBothForms(
      ['Sau Đại hội XIII sẽ có chính sách mới CẤM đi lao động Đài Loan với người dưới 30 tuổi.', 'Sau Đại hội tỉnh sẽ có quy định cấm bán hàng rong ở Pleiku.'],
      (c, t) => expect(fired(c, 'rule unattributed-new-ban'), t).toBe(true),
    );
    forBothForms(
      [
        'Theo Sở Lao động, sau Đại hội XIII sẽ có chính sách mới cấm các công ty thu phí trái quy định.',
        'Lệnh cấm flycam quanh hội trường Đại hội tỉnh có hiệu lực từ hôm nay.',
      ],
      (c, t) => expect(fired(c, 'rule unattributed-new-ban'), t).toBe(false),
    );
  });
});
