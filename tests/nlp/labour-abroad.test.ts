import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { classifier, expectCongress, firedGroup, forBothForms, stripDiacritics } from './helpers.ts';

// The hundred-and-forty-third pass (study122's L and U′, fresh-19's recruitment writer). L: "nước ngoài" as the place of
// work — labour export's own words — is no foreign power for outside-hand; the insider "dì làm (việc) ở" counts typed
// without diacritics only where it cannot be "đi làm (việc) ở". U′: typed without diacritics "lao động", "giải lao" hold
// Laos's letters; in an item that names a Party body they are labour and a break, not the foreign-event negative. With
// them the same collisions of a cue's letters: "chăm sóc" (care) is no "sốc", "là Gia Kon" (a name) is no "là giả".
// Phrasings written for these tests, not corpus sentences; each as typed and with its diacritics stripped, on the
// lexicons alone.

const classify = (text: string) => classifier().classify({ title: '', text });
const rule = (c: Classification, id: string) => c.explanations.some((e) => e.kind === 'distortion' && e.weight > 0 && e.term === `rule ${id}`);

describe('"nước ngoài" as the place of work (family L)', () => {
  it('reads labour export as no foreign hand', () => {
    forBothForms(
      [
        'Văn kiện Đại hội XIII là căn cứ sửa chính sách về đưa người lao động đi làm việc ở nước ngoài theo hướng bảo vệ người lao động.',
        'Bộ đã ban hành kế hoạch thực hiện Nghị quyết Đại hội XIII, siết chặt quản lý doanh nghiệp đưa người lao động đi làm việc tại nước ngoài.',
        'Nghị quyết Đại hội Đảng bộ tỉnh đặt chỉ tiêu đưa người đi xuất khẩu lao động ra nước ngoài, chọn người có tay nghề.',
        'Đại hội XIII chỉ đạo bố trí việc làm cho lao động trở về từ nước ngoài, đưa người vào các khu công nghiệp.',
      ],
      (c, t) => expect(rule(c, 'outside-hand'), t).toBe(false),
    );
  });

  it('still reads a foreign power that arranges the congress, beside labour-export words', () => {
    for (const text of [
      'Nghe nói nhân sự Đại hội XIII là do nước ngoài sắp xếp hết rồi, anh em đi làm việc ở nước ngoài ai cũng biết.',
      'Anh em lao động nước ngoài đồn rằng Mỹ đã duyệt nhân sự Bộ Chính trị khóa XIII.',
      'Có thế lực nước ngoài chỉ đạo nhân sự Đại hội XIII, mấy nhóm xuất khẩu lao động bàn tán ầm ầm.',
    ])
      forBothForms([text], (c, t) => expect(c.distortion, t).toBe(true));
  });

  it('reads the insider "dì làm việc ở" typed without diacritics only where the relative stands apart from the verb', () => {
    const insider = (t: string) => firedGroup(classify(t), 'insider').length > 0;
    // typed with its accents: an aunt at work
    expect(insider('Nghe dì làm việc ở Tỉnh ủy nói nhân sự Đại hội đã chốt hết rồi.')).toBe(true);
    expect(insider('Dì làm ở Tỉnh ủy kể danh sách Ban Chấp hành khóa mới đã chốt rồi.')).toBe(true);
    // without them: going to work, or on a trip
    expect(insider(stripDiacritics('Nghị quyết Đại hội giao chỉ tiêu mỗi xã đưa 100 lao động đi làm việc ở nước ngoài.'))).toBe(false);
    expect(insider(stripDiacritics('Đoàn cán bộ đi công tác ở Tỉnh ủy bạn trước ngày Đại hội Đảng bộ tỉnh.'))).toBe(false);
    // the relative, then another word, then the verb: an aunt still
    forBothForms(['Dì mình làm ở Tỉnh ủy nói danh sách Ban Chấp hành khóa mới đã chốt hết rồi.'], (c, t) =>
      expect(firedGroup(c, 'insider').length, t).toBeGreaterThan(0),
    );
  });
});

describe('"lao động", "giải lao" beside a Party body, typed without diacritics (family U′)', () => {
  it('keeps the congress of an item that names the Party body', () => {
    expectCongress(
      [
        'Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI đặt mục tiêu mỗi năm đào tạo nghề cho 20.000 lao động.',
        'Sở Lao động đã tham mưu Tỉnh ủy kế hoạch thực hiện Nghị quyết Đại hội về giải quyết việc làm cho người lao động.',
        'Đại hội Đảng bộ huyện nghỉ giải lao 15 phút rồi bước vào phiên bầu cử Ban Chấp hành khóa mới.',
      ],
      true,
    );
  });

  it('still reads Laos where it is named, a Party body beside it', () => {
    expectCongress(
      [
        'Đại hội Đảng Nhân dân Cách mạng Lào bầu Ban Chấp hành Trung ương khóa mới, có nhiều đại biểu là công nhân lao động.',
        'Đoàn đại biểu Tỉnh ủy sang dự Đại hội Đảng bộ tỉnh Champasak (Lào), tăng cường hợp tác lao động Việt – Lào.',
        'Đảng bộ tỉnh Attapeu của nước bạn Lào tổ chức đại hội, bầu Ban Chấp hành khóa mới; người lao động hai bên biên giới theo dõi.',
      ],
      false,
    );
  });

  it('reads "chăm sóc" as care, not "sốc", and "là Gia Kon" as a name, not "là giả"', () => {
    forBothForms(['Đại hội Đảng bộ tỉnh thảo luận việc chăm sóc người cao tuổi và trẻ em.'], (c, t) => expect(firedGroup(c, 'sensational'), t).toEqual([]));
    forBothForms(['Nghe nói sáp nhập tỉnh, lấy tên tỉnh mới là Gia Kon, Nghị quyết Đại hội đã chốt rồi.'], (c, t) =>
      expect(firedGroup(c, 'rebuttal'), t).toEqual([]),
    );
    // the shock itself, and the rebuttal, written lowercase or in title case, stay
    forBothForms(['Đại hội Đảng bộ tỉnh bàn y tế, nhiều đại biểu sốc vì ngân sách thấp.'], (c, t) =>
      expect(firedGroup(c, 'sensational').length, t).toBeGreaterThan(0),
    );
    forBothForms(['Thông tin "Đại hội Đảng bộ tỉnh bị hoãn" là giả, Ban Tổ chức Tỉnh ủy khẳng định.', 'Thông Tin Giả Về Đại Hội Đảng Bộ Tỉnh'], (c, t) =>
      expect(firedGroup(c, 'rebuttal').length, t).toBeGreaterThan(0),
    );
  });
});
