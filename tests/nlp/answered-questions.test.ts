import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectDates, firedGroup, forBothForms, forBothFormsTitled, nationalDates } from './helpers.ts';

// The hundred-and-eighth pass (study107's rank 1, R widened). An item answering a question or a rumour in the answer,
// mailbag, newsletter or notice register — a field opening "Trả lời câu hỏi …", "Về câu hỏi '…'", "Hộp thư thính giả",
// "Thông báo của quản trị nhóm", or saying "Bản tin nhận được câu hỏi …", "thính giả gửi tin nhắn hỏi …" — quotes the
// question or the rumour: the wrong value inside its quotation marks is theirs, cited. A warning not to believe a
// rumour ("không tin tin '…'") and a version denied by name ("không phải '…'") name their quotation so in any item.
// What such an item asserts outside the quotation marks stays its own. Phrasings written for these tests, not corpus
// sentences; each as typed and with its diacritics stripped, on the lexicons alone. R (b): an insider whose sentence
// says nothing was issued ("Con trai tôi làm ở BHYT tỉnh bảo chưa có văn bản nào") is the correction's source.

const RUMOUR = 'Đại hội XIII kéo dài tới ngày 10/2 để bầu lại';

describe('an item answering a question or a rumour quotes it (R a)', () => {
  it('reads the value inside the quotation of an answer, a mailbag, a newsletter or a notice as the question’s', () => {
    expectDates(
      [
        `Trả lời câu hỏi hôm qua của chú Ba về chuyện '${RUMOUR}': mình đã đọc kỹ thông báo, mọi người yên tâm.`,
        `Re: Trả lời bác Hai về chuyện "${RUMOUR}": bác đừng lo, cháu đọc báo rồi.`,
        `Về câu hỏi '${RUMOUR}': không phải vậy chị Thu ơi, mọi người yên tâm.`,
        `Bản tin nhận được câu hỏi của nhiều hội viên về việc '${RUMOUR}'. Ban biên tập đề nghị hội viên chỉ đọc tin trên báo Đảng.`,
        `Một số thính giả gửi tin nhắn hỏi về đoạn clip '${RUMOUR}'. Chương trình đề nghị bà con chỉ nghe tin từ đài.`,
        `Thông báo của quản trị nhóm: nhóm đã xóa 4 bài đăng '${RUMOUR}'. Thành viên nào đăng tiếp sẽ bị mời ra khỏi nhóm.`,
      ],
      0,
    );
  });

  it('reads an answer register named by the title alone', () => {
    forBothFormsTitled([['Hộp thư thính giả', `Một số thính giả hỏi về đoạn clip '${RUMOUR}'. Chương trình đề nghị bà con chỉ nghe tin từ đài.`]], (c, t) =>
      expect(nationalDates(c).length, t).toBe(0),
    );
  });

  it('still reads the value such an item asserts outside the quotation marks, and an opener not at the start', () => {
    expectDates(
      [
        `Trả lời bác Tâm: ${RUMOUR}, người nhà tôi ở Hà Nội nói vậy.`,
        `Trả lời chị Lan về chuyện 'bầu cử ở xã': ${RUMOUR} là chắc chắn.`,
        `Tin nóng: '${RUMOUR}', ai hỏi thì mình trả lời câu hỏi sau.`,
        `Gửi câu hỏi cho hộp thư bạn đọc cả tháng nay mà không ai trả lời: '${RUMOUR}' có phải không?`,
      ],
      1,
    );
  });
});

describe('a warning not to believe a rumour, and a version denied by name, quote it (R a)', () => {
  it('reads the value after “không tin tin” and “không phải” as the rumour’s', () => {
    expectDates(
      [`Đồn Biên phòng khuyến cáo bà con không tin tin '${RUMOUR}'.`, `Đại hội XIII bế mạc ngày 1/2, không phải 'kéo dài tới ngày 10/2 để bầu lại'.`],
      0,
    );
  });

  it('still reads the wrong value the writer gives beside the version he denies', () => {
    expectDates([`${RUMOUR}, chứ không phải 'bế mạc ngày 1/2' như báo nói.`], 1);
  });
});

describe('an insider cited for the truth is the correction’s source (R b)', () => {
  const insiderWeight = (c: Classification) => firedGroup(c, 'insider').reduce((sum, e) => sum + e.weight, 0);

  it('takes back the insider’s weight where its sentence says nothing was issued', () => {
    forBothForms(
      [
        "Tin 'miễn viện phí cho đảng viên dự đại hội' hôm qua là không có đâu. Con trai tôi làm ở Sở Y tế tỉnh bảo chưa có văn bản nào.",
        'Mọi người đừng lo chuyện sáp nhập sau đại hội. Em có chị họ làm ở Sở Nội vụ, chị ấy bảo chưa có quyết định nào hết.',
      ],
      (c, t) => expect(insiderWeight(c), t).toBe(0),
    );
  });

  it('still reads the insider beside another cue in its sentence, a value against the sheet in the item, or a claim of its own', () => {
    forBothForms(
      [
        'Con trai tôi làm ở Tỉnh ủy bảo chưa có văn bản nào, nhưng danh sách nhân sự đã được chốt sẵn từ trước rồi.',
        `Con trai tôi làm ở Tỉnh ủy bảo chưa có văn bản nào. ${RUMOUR}.`,
        'Con trai tôi làm ở Tỉnh ủy bảo danh sách Bộ Chính trị đã có từ tháng trước rồi.',
      ],
      (c, t) => expect(insiderWeight(c), t).toBe(2),
    );
  });
});
