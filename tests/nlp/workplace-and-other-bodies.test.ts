import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { compileGatherings, gatheringsSchema, otherGathering, readGatherings } from '../../pipeline/nlp/gatherings.ts';
import { loadYamlFile } from '../../pipeline/nlp/lexicon.ts';
import { bothForms, classifier, contradictionsOf, expectCongress, forBothForms, REPO } from './helpers.ts';

// The hundred-and-sixteenth pass (study113's ranks 4, 5 and 7; fresh-13's families H, U′ and C). H: another body's
// congress read as the Party's — a union's own ordinal congress ("Đại hội XIII Công đoàn Việt Nam", c100-130, c69-096),
// a bishops' conference (c102-185), China's party by its short name ("đại hội đảng TQ", c100-165). U′: typed without
// diacritics "dai hoi thanh cong / thanh pho" read as the church's "hội thánh" (c99-075, c100-126). C: a workplace's
// words (công đoàn, công ty, đoàn viên) beside the Party's own body cancelling every anchor of an item without a strong
// term (c100-021). B: the Central Committee elected "bằng hình thức biểu quyết công khai" (c100-106). Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the
// lexicons alone.
const markers = compileGatherings(loadYamlFile(`${REPO}/config/gatherings.yaml`, gatheringsSchema, 'gathering holders'));
const holderOf = (text: string) => readGatherings(markers, text).mentions[0].holder;

describe('a union’s own ordinal congress (H)', () => {
  const UNION = [
    'Bế mạc Đại hội XIII Công đoàn Việt Nam sau ba ngày làm việc tại Hà Nội, nhiệm kỳ 2023-2028.',
    'Sáng nay Đại hội lần thứ XIII Công đoàn Việt Nam khai mạc với 1.100 đại biểu chính thức.',
    'Đại hội 13 của Hội Nông dân tỉnh bầu Ban Chấp hành mới gồm 35 người.',
  ];

  it('reads the organisation named right after the ordinal as the holder', () => {
    for (const t of bothForms(UNION)) {
      expect(holderOf(t), t).toMatchObject({ party: false });
      expect(otherGathering([readGatherings(markers, ''), readGatherings(markers, t)]), t).not.toBeNull();
    }
  });

  it('is not congress-related', () => {
    expectCongress(UNION, false);
  });

  it('keeps the Party’s ordinal: its own name after it, a comma, a lowercase one-word holder', () => {
    for (const t of bothForms([
      'Đại hội XIII Đảng Cộng sản Việt Nam khai mạc tại Hà Nội.',
      'Chào mừng Đại hội XIII, công đoàn nhà máy tổ chức hội thao.',
      'Chào mừng Đại hội XIII đoàn viên công đoàn thi đua lao động giỏi.',
      'BẰNG CHỨNG ĐH 13 DỜI LỊCH, công văn đóng dấu hẳn hoi, dời sang 15/2.',
    ]))
      expect(holderOf(t), t).toEqual({ party: true });
    expectCongress(['Chào mừng Đại hội XIII, công đoàn nhà máy tổ chức hội thao cho công nhân.'], true);
  });
});

// The hundred-and-twentieth pass (study115's C′, a regression of the 116th): the Party's ordinal after a Party document
// or a contest on one ("Nghị quyết / Văn kiện / tìm hiểu … Đại hội XIII") names the Party's congress; an organisation past
// "của" owns the document or the contest (c104-074: "cuộc thi tìm hiểu Nghị quyết Đại hội XIII của công đoàn trường").
describe('the Party’s ordinal after its document or a contest on it (C′)', () => {
  const OWNED = [
    'Kết quả tuần 2 cuộc thi tìm hiểu Nghị quyết Đại hội XIII của công đoàn trường: 40/42 đoàn viên dự thi.',
    'Chi đoàn lớp 11A1 tổ chức tìm hiểu Văn kiện Đại hội 13 của Đoàn trường vào chiều thứ 6.',
    'Cuộc thi tìm hiểu Đại hội XIII của Hội Nông dân xã có 120 hội viên tham gia.',
    'Hội thi tìm hiểu Nghị quyết Đại hội lần thứ XIII của Công đoàn cơ sở đã trao 5 giải.',
  ];

  it('reads the Party as the holder and the item as congress-related', () => {
    for (const t of bothForms(OWNED)) expect(holderOf(t), t).toEqual({ party: true });
    expectCongress(OWNED, true);
  });

  it('keeps an organisation named right after the ordinal, or with no document before the congress, as the holder', () => {
    for (const t of bothForms([
      'Công đoàn trường học tập Nghị quyết Đại hội XIII Công đoàn Việt Nam trong tháng 3.',
      'Đại hội 13 của Hội Nông dân tỉnh bầu Ban Chấp hành mới gồm 35 người.',
      'Ban tổ chức cuộc thi tìm hiểu về Đại hội XIII Công đoàn Việt Nam công bố kết quả.',
    ]))
      expect(holderOf(t), t).toMatchObject({ party: false });
  });
});

describe('a bishops’ conference and China’s party by its short name (H)', () => {
  it('reads them as the holders of the gathering', () => {
    expectCongress(
      [
        'Nghe nói danh sách của Hội đồng Giám mục khóa tới đã được chốt trước, đại hội năm nay bỏ phiếu hình thức thôi.',
        'Đại hội Hội đồng Giám mục Việt Nam họp tại Hà Nội, bầu chủ tịch mới.',
        'nghe nói đại hội đảng TQ đợt này siết xuất khẩu vải, xưởng may mình chuẩn bị nghỉ.',
        'Đại hội Đảng Trung Quốc bế mạc, thông qua sửa đổi điều lệ.',
      ],
      false,
    );
  });

  it('keeps the Party’s congress beside China named in passing', () => {
    expectCongress(['Đại hội đảng bộ tỉnh bàn chuyện xuất khẩu cà phê sang TQ, bầu Ban Chấp hành 51 người.'], true);
  });
});

describe('"hội thánh" only as its own word (U′)', () => {
  it('does not read the church in "đại hội thành công / thành phố" typed without diacritics', () => {
    for (const t of [
      'Mong dai hoi thanh cong tot dep, quan com gan hoi truong dong khach lam.',
      'Ket qua dai hoi thanh pho nhiem ky 2020-2025 bi huy, phai bau lai bi thu roi ha?',
    ]) {
      const c = classifier().classify({ title: '', text: t });
      expect(
        c.explanations.some((e) => e.kind === 'negative' && e.term === 'hội thánh'),
        t,
      ).toBe(false);
      expect(c.congress, t).toBe(true);
    }
  });

  it('keeps a church’s own congress', () => {
    forBothForms(['Hội thánh Tin Lành tỉnh tổ chức đại hội, bầu ban trị sự mới.', 'Đại hội Hội thánh Tin Lành miền Nam nhiệm kỳ mới bầu ban trị sự.'], (c, t) =>
      expect(c.congress, t).toBe(false),
    );
  });
});

describe('a workplace’s words beside the Party’s own body (C)', () => {
  it('cancel only what they stand near where a Party body is named', () => {
    expectCongress(
      [
        'Chi bộ Phân xưởng Ép mía tổ chức đại hội điểm nhiệm kỳ 2020-2025 với 14 đảng viên. Đại hội bầu chi ủy 3 đồng chí. Ban Chấp hành Công đoàn Nhà máy tham dự, chúc mừng.',
        'Chi bộ tổ sản xuất số 2 đại hội xong rồi, bầu lại bí thư chi bộ. Công ty cho nghỉ nửa buổi để anh em đi dự.',
      ],
      true,
    );
  });

  it('keep the reading of the union’s or the company’s own gathering', () => {
    expectCongress(
      [
        'Đại hội Công đoàn cơ sở Công ty Cao su nhiệm kỳ 2023-2028 có sự chỉ đạo của Đảng ủy công ty. Đại hội bầu Ban Chấp hành 7 đồng chí.',
        'Công ty tổ chức đại hội cổ đông thường niên, Chi bộ công ty góp ý. Đại hội bầu Hội đồng quản trị mới.',
      ],
      false,
    );
  });
});

describe('the Central Committee elected by an open vote (B, NC-PERSONNEL)', () => {
  const personnel = (c: Classification) => contradictionsOf(c).map((e) => e.factId);

  it('reads the election or the committee right before "bằng (hình thức) biểu quyết công khai" as the method', () => {
    forBothForms(
      [
        'Đại hội XIII đã bầu Ban Chấp hành Trung ương khóa XIII bằng hình thức biểu quyết công khai tại hội trường.',
        'Nghe nói Đại hội XIII bầu BCH TW bằng biểu quyết công khai cho nhanh.',
      ],
      (c, t) => expect(personnel(c), t).toContain('NC-PERSONNEL'),
    );
  });

  it('leaves the resolution, the documents and the list passed by an open vote', () => {
    forBothForms(
      [
        'Đại hội XIII đã thông qua Nghị quyết Đại hội bằng hình thức biểu quyết công khai, 100% đại biểu tán thành.',
        'Văn kiện được thảo luận, biểu quyết công khai; nhân sự khóa XIII được bầu bằng phiếu kín tại Đại hội.',
      ],
      (c, t) => expect(personnel(c), t).not.toContain('NC-PERSONNEL'),
    );
  });
});
