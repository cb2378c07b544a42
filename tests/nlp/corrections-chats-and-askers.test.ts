import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectGroup, factIdsOf, firedGroup, forBothForms } from './helpers.ts';

// The hundred-and-thirty-fifth pass (study121's R and S on fresh-18: c121-037, c120-069, c121-032, c119-196, c119-176,
// c121-110, c122-145, c119-158): a corrected-claim marker that gives the right value itself and reaches every figure of
// the reported sentence, a moderator's notice naming the rumours it removed, a chat's answer line, the writer's own
// misreading owned, a link asked for to watch the broadcast, and hearsay asked about with the asker's own aim.
// Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone.
const weighs = (c: Classification, group: string) => firedGroup(c, group).reduce((s, e) => s + e.weight, 0);
const explained = (c: Classification, term: string) => c.explanations.some((e) => e.term === term);

describe('a corrected-claim marker that gives the right value', () => {
  it('cites the reported count where "Số chính thức là" / "Số đúng" gives the value in a sentence naming no congress', () => {
    forBothForms(
      [
        'Có bạn gửi ảnh một trang khác ghi 1.612 đại biểu dự Đại hội XIII. Số chính thức là 1.587 đại biểu nha, mình xem thông cáo rồi.',
        'Một số trang lan truyền rằng Đại hội XIII có 1.612 đại biểu. Con số chính thức là 1.587 đại biểu.',
        'Nhiều bài ghi Đại hội XIII có 1.612 đại biểu – con số này sai. Số đúng: 1.587 đại biểu.',
      ],
      (c, t) => expect(factIdsOf(c), t).toEqual([]),
    );
  });

  it('reaches every figure of the reported sentence it corrects', () => {
    forBothForms(
      [
        'Các em lưu ý: nhiều bài thu hoạch ghi Đại hội tỉnh có 380 đại biểu, đại diện 70.000 đảng viên – con số này sai. Số đúng: 350 đại biểu chính thức, đại diện hơn 66.000 đảng viên.',
      ],
      (c, t) => expect(factIdsOf(c), t).toEqual([]),
    );
  });

  it('still counts a wrong value called official, an unreported claim, and a figure outside the reported sentence', () => {
    forBothForms(
      [
        'Số chính thức là 1.612 đại biểu dự Đại hội XIII nhé mọi người.',
        'Đại hội XIII có 1.612 đại biểu. Số chính thức là 1.587 đại biểu.',
        'Nhiều bài ghi Đại hội tỉnh có 380 đại biểu – con số này sai. Số đúng: 350 đại biểu. Còn Đại hội tỉnh đại diện 70.000 đảng viên.',
      ],
      (c, t) => expect(factIdsOf(c).length, t).toBeGreaterThan(0),
    );
  });
});

describe("a moderator's notice names the rumours it removed", () => {
  it('cites the claim after "bài đồn / tin đồn" where the notice gives the official schedule', () => {
    forBothForms(
      [
        '📌 Thông báo của quản trị viên: Mấy hôm nay có nhiều bài đồn đại hội tỉnh bị hoãn, bị cắt ngắn… Admin đã xóa các bài không có nguồn. Lịch chính thức là 14-16/10, ai cần thì đọc báo tỉnh.',
        'Admin nhắc: mấy bài đồn đại hội tỉnh bị hoãn là không có nguồn, đã xóa. Lịch chính thức là 14-16/10.',
      ],
      (c, t) => expect(factIdsOf(c), t).toEqual([]),
    );
  });

  it('still counts the claim where nothing corrects it', () => {
    forBothForms(['Tin đồn đại hội tỉnh bị hoãn sang tháng 11 đang lan khắp nơi, ai biết gì thêm không?'], (c, t) =>
      expect(factIdsOf(c), t).toContain('GL-DATE'),
    );
  });
});

describe("a chat's answer line rebuts the asker's hearsay", () => {
  it('reads the question line answered by a denial under another label as the message answered', () => {
    forBothForms(
      [
        'Khách: Shop ơi em nghe nói HN phong tỏa 10 ngày vì đại hội, thật không ạ?\nShop: Không đâu chị ơi, em vừa hỏi bưu cục, chỉ phân luồng thôi.',
        'Chị Lan: nghe nói đại hội tỉnh hoãn hả em?\nEm: không có đâu chị, báo tỉnh vẫn đăng lịch.',
      ],
      (c, t) => {
        expect(weighs(c, 'hearsay'), t).toBe(0);
        expect(explained(c, 'discourse: a chat answers the question'), t).toBe(true);
      },
    );
  });

  it('keeps the hearsay where the line asks nothing, the same speaker goes on, or the answer is the idiom "không đâu xa"', () => {
    forBothForms(
      [
        'Khách: em nghe nói HN phong tỏa 10 ngày vì đại hội.\nShop: Không đâu chị ơi, chỉ phân luồng thôi.',
        'Khách: em nghe nói HN phong tỏa 10 ngày vì đại hội, thật không ạ?\nKhách: Không có đâu, em đùa.',
        'A: nghe nói đại hội tỉnh hoãn thật không?\nB: Không đâu xa, ngay xã mình cũng vậy.',
      ],
      (c, t) => expect(weighs(c, 'hearsay'), t).toBeGreaterThan(0),
    );
  });
});

describe("the writer's own misreading owned", () => {
  it('reads "đọc nhầm", "nghe đồn bậy" and "Sửa lại bài" as the own error, the hearsay in it not counted', () => {
    forBothForms(
      [
        "Sửa lại bài hôm qua của shop: BCH khóa mới là 51 người chứ không phải 55 như shop ghi, shop đọc nhầm, còn chuyện 'gài sẵn' là shop nghe đồn bậy, xin lỗi cả nhà",
      ],
      (c, t) => {
        expect(weighs(c, 'retraction'), t).toBeLessThan(0);
        expect(weighs(c, 'hearsay'), t).toBe(0);
      },
    );
    expectGroup(['Mình đọc nhầm lịch, đại hội tỉnh họp 14-16/10 nha', 'Sửa lại bài trước của mình: lịch họp là 14-16/10'], 'retraction', true);
  });

  it('keeps hearsay that is no error owned', () => {
    expectGroup(['Shop nghe đồn đại hội tỉnh bị hoãn, cả nhà chuẩn bị hàng nha'], 'hearsay', true);
  });
});

describe('the asker', () => {
  it('does not read a link asked for to watch the broadcast as a call to share before removal', () => {
    expectGroup(
      [
        'Có ai có link xem trực tiếp phiên bế mạc đại hội tỉnh chiều nay không ạ? Ở Sài Gòn không bắt được kênh tỉnh.',
        'Bạn nào có link coi lễ khai mạc Đại hội XIII không?',
      ],
      'share-before-removal',
      false,
    );
    expectGroup(['Ai có link clip đại hội bị xóa thì gửi mình với', 'Ai có link thì share gấp trước khi bị xóa'], 'share-before-removal', true);
  });

  it('discounts hearsay asked about in a question that gives its own practical aim', () => {
    forBothForms(['Mình nghe nói đại hội tỉnh chỉ phát phiên khai mạc với bế mạc, có đúng không? Ở xa muốn xem mà không biết kênh nào.'], (c, t) =>
      expect(weighs(c, 'hearsay'), t).toBe(1),
    );
    forBothForms(['Mình nghe nói đại hội tỉnh chỉ phát phiên khai mạc với bế mạc, có đúng không?'], (c, t) => expect(weighs(c, 'hearsay'), t).toBe(2));
  });
});

describe("the writer's own claim read as a rebuttal (recall Z)", () => {
  it('does not read "Báo nào ghi khác là sai" as a rebuttal, and keeps a verdict on a rumour one', () => {
    expectGroup(
      ['ĐH 13 có đúng 1.612 đại biểu nhé, chắc chắn luôn. Báo nào ghi khác là sai.', 'Đại hội tỉnh họp 5 ngày, tờ báo nào đưa khác là bịa.'],
      'rebuttal',
      false,
    );
    expectGroup(['Tin Đại hội XIII có 1.612 đại biểu là sai.'], 'rebuttal', true);
  });

  it('does not read "Thực tế" as a correction opener after the writer tells readers the press made it up', () => {
    expectGroup(['Báo đưa 17 điểm cầu trực tuyến là bịa. Thực tế chỉ 5 điểm cầu có sóng, cán bộ ngồi xem điện thoại.'], 'correction-opener', false);
    expectGroup(['Một số trang cho rằng Đại hội XIII họp 12 ngày. Thực tế, Đại hội XIII họp từ 25/1 đến 1/2/2021.'], 'correction-opener', true);
  });
});
