import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { AGENT_CONGRESS } from '../../pipeline/nlp/agent-congress.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { CONFIG, contradictionsOf, expectCongress, firedGroup, forBothForms, REPO, stripDiacritics } from './helpers.ts';

// The ninety-fifth pass. K: another organisation, a company or a foreign power named as the claim's agent, origin,
// buyer or the members' description ("bên công ty … lo hết", "của Trung Quốc", "bán … cho công ty", "đồng chí là …
// cựu chiến binh") holds no gathering of its own; read after the model's decision (its negative still counts for the
// lexicon score and the features), the item's own congress terms stand. A body's own gathering stays another
// organisation's. U: "lão thành" typed without diacritics is no Laos; "mỗi người nói một số" is no hearsay. X: a day
// and month ending the sheet's venue name ("Hội trường 17/3") is no date. Phrasings written for these tests, not
// corpus sentences; each as typed and with its diacritics stripped, on the lexicons alone.

const restored = (c: Classification) => c.explanations.some((e) => e.term === AGENT_CONGRESS);

describe('another body named as the claim’s agent, origin, buyer or members (family K, after the model)', () => {
  it('keeps the congress when a company, a union or a foreign power acts on its people', () => {
    expectCongress(
      [
        // the body as the subject of a verb acting on the congress's people (a near and an event negative)
        'Nghe nói lần này ông ấy vào Thường vụ là chắc, bên công ty cao su lo hết rồi, đại hội chỉ là hình thức thôi.',
        'Ít nhất hai ủy viên Trung ương khóa XIII là người thân cận, Bắc Kinh đã vận động từ năm 2018.',
        // the verb in quotation marks
        'Ai cũng biết công ty xây dựng lớn nhất tỉnh đã "mua" được một ghế trong Ban Chấp hành khóa XVI.',
        // the body whose people are placed
        'Tin nội bộ: BCH tỉnh khóa XVI sẽ có thêm 5 người của Thành đoàn, ghế Thường vụ cũng chia xong rồi.',
      ],
      true,
    );
  });

  it('keeps the congress when the other body is an origin, a buyer or the members’ description', () => {
    expectCongress(
      [
        'Đại biểu dự đại hội tỉnh được phát khẩu trang của Trung Quốc, ai không đeo không cho vào hội trường.',
        'Chi bộ thôn 3 vừa tổ chức đại hội nhiệm kỳ 2020-2025, có 9 đảng viên dự. Nghị quyết chi bộ: năm nay trồng thêm 10 ha cà phê, bán cho công ty chế biến.',
        'Chi bộ khu phố 2 vừa tổ chức đại hội nhiệm kỳ 2020–2025. Chi bộ có 25 đảng viên, trong đó 20 đồng chí là cán bộ hưu trí, cựu chiến binh.',
      ],
      true,
    );
  });

  it('shows the override after the scores: the lexicon score is the threshold, the note at the other body', () => {
    forBothForms(['Đại biểu dự đại hội tỉnh được phát khẩu trang của Trung Quốc, ai không đeo không cho vào hội trường.'], (c, t) => {
      expect(restored(c), t).toBe(true);
      expect(c.scores.congress, t).toBe(0.5);
    });
  });

  it('reads no holder for a gathering a body acts on from another clause (whose gathering)', () => {
    expectCongress(['Nhân sự khóa XVI đã được một nhóm lợi ích có dính với doanh nghiệp nước ngoài duyệt trước khi Đại hội khai mạc.'], true);
  });

  it('leaves a body’s own gathering another organisation’s', () => {
    expectCongress(
      [
        // the body right before or right after the gathering word holds it, whatever verb follows
        'Đại hội Tỉnh đoàn vận động đoàn viên tham gia, bầu Ban Chấp hành khóa mới.',
        'Bên Lào đại hội Đảng xong rồi, nghe nói nhân sự Tổng Bí thư đã được định trước cả năm.',
        'Đại hội của Hội Cựu chiến binh tỉnh bầu Ban Chấp hành khóa mới gồm 15 người.',
        // a body's own verbs on its gathering
        'Hội Nông dân xã hoãn đại hội sang tháng sau, Ban Chấp hành cũ tiếp tục điều hành.',
        'Công ty cổ phần duyệt danh sách đề cử trước đại hội cổ đông thường niên.',
        // only the words every organisation's gathering uses
        'Hội Phụ nữ vận động hội viên chuẩn bị đại hội nhiệm kỳ mới.',
        'Câu lạc bộ xe cổ vận động hành lang cho đại hội khóa mới của câu lạc bộ.',
        'Đại hội Liên đoàn Bóng đá khóa IX: nhà tài trợ công ty X chi tiền để vận động bầu ban chấp hành.',
        // a foreign party's own congress
        'Nghe nói ở đại hội 20 năm tới ông Tập sẽ được bầu nhiệm kỳ ba, danh sách Thường vụ Bộ Chính trị bên đó đã định sẵn. Nói chung bên Trung Quốc là vậy.',
      ],
      false,
    );
  });
});

describe('words that hold another word’s letters without diacritics (family U)', () => {
  it('reads "lão thành" as a veteran, not Laos', () => {
    expectCongress(
      [
        'Đại hội Đảng bộ tỉnh năm nay mời 12 đại biểu lão thành, nghe nói danh sách Ban Thường vụ đã chốt từ tháng 8.',
        'Các cán bộ lão thành của tỉnh được mời dự phiên khai mạc Đại hội Đảng bộ tỉnh.',
      ],
      true,
    );
  });

  it('still reads Laos where it is named', () => {
    expectCongress(
      ['Đại hội Đảng Nhân dân Cách mạng Lào bầu Ban Chấp hành Trung ương khóa mới.', 'Lào tổ chức đại hội đảng, bầu Ban Chấp hành Trung ương mới.'],
      false,
    );
  });

  it('reads "mỗi người nói một số" as differing accounts, not hearsay', () => {
    forBothForms(
      ['Đại hội Đảng bộ tỉnh: BCH tỉnh khóa mới có bao nhiêu người vậy? Trên nhóm thấy mỗi người nói một số, báo nào đăng chính thức thì gửi giùm.'],
      (c, t) => expect(firedGroup(c, 'hearsay'), t).toEqual([]),
    );
    forBothForms(['Đại hội Đảng bộ tỉnh: trên nhóm thấy mọi người nói BCH tỉnh khóa mới có 61 người.'], (c, t) =>
      expect(firedGroup(c, 'hearsay').length, t).toBe(1),
    );
  });
});

describe('a day and month ending the sheet’s venue name (family X)', () => {
  const sheet = loadClassifier({
    ...classifierOptionsFromConfig(loadConfig(CONFIG)),
    modelFile: undefined,
    factsSheet: join(REPO, 'tests/nlp/fixtures/official-facts-dated-hall.json'),
  });
  const dateFacts = (c: Classification) => contradictionsOf(c).filter((e) => e.factId === 'GL-DATE');

  it('reads no date in "Hội trường 17/3" under a sheet whose venue it is', () => {
    for (const text of ['Thông báo: từ 20 đến 23/10 diễn ra Đại hội Đảng bộ tỉnh tại Hội trường 17/3, khu vực quanh hội trường hạn chế đỗ xe.'])
      for (const t of [text, stripDiacritics(text)]) expect(dateFacts(sheet.classify({ title: '', text: t })), t).toEqual([]);
  });

  it('still reads the event’s own date beside the venue’s name', () => {
    for (const text of [
      'Đại hội Đảng bộ tỉnh tổ chức tại Hội trường 17/3. Đại hội khai mạc ngày 17/11.',
      'Đại hội Đảng bộ tỉnh năm nay không họp ở Hội trường 17/3 mà họp ở Pleiku, khai mạc ngày 17/11.',
    ])
      for (const t of [text, stripDiacritics(text)]) expect(dateFacts(sheet.classify({ title: '', text: t })).length, t).toBe(1);
  });
});
