import { describe, expect, it } from 'vitest';
import { classifier, contradictionsOf, expectGroup, forBothForms } from './helpers.ts';

// Readings that differ between an item as typed and the same item without diacritics (hundred-and-sixth pass, study102
// U′): "thay bao" is "thấy báo" (saw the paper) as often as the hearsay "thấy bảo"; "chia se" is "chia sẻ" and "trung
// bay" "trưng bày", not "sẽ" and "trúng"; "hoan thanh" is "hoàn thành", not "hoãn", and "noi chuyen" "nói chuyện", not
// "chuyển" (an event verb tying a date to the congress). Each test fails on main in the form without diacritics and
// passes in both here. Phrasings written for these tests, not corpus sentences; on the lexicons alone.

const ruleFired = (rule: string) => (c: ReturnType<ReturnType<typeof classifier>['classify']>) =>
  c.explanations.some((e) => e.kind === 'distortion' && e.term === `rule ${rule}`);
const dated = (c: ReturnType<ReturnType<typeof classifier>['classify']>) => contradictionsOf(c).filter((e) => e.factId === 'GL-DATE');

describe('"thấy bảo" counts as hearsay only typed with its accents', () => {
  it('reads "thấy báo nên / nói / đăng" as a paper seen, not hearsay', () => {
    expectGroup(
      [
        'Mình thấy báo nên đăng chân dung từng ủy viên Ban Thường vụ mới sau Đại hội Đảng bộ tỉnh cho dân biết mặt.',
        'Nay thấy báo nói Đại hội Đảng bộ tỉnh vẫn họp tháng 10, ai biết lịch chính thức không?',
        'Thấy báo đăng hình đoàn đại biểu dự Đại hội XIII mặc thổ cẩm đẹp ghê.',
      ],
      'hearsay',
      false,
    );
  });

  it('keeps hearsay led by a person in both forms, and "thấy bảo" typed with its accents', () => {
    expectGroup(['Thấy người ta bảo Đại hội XIII lùi sang tháng 3, không biết thật không.'], 'hearsay', true);
    const typed = classifier().classify({ title: '', text: 'Ban Chấp hành Đảng bộ tỉnh khóa mới có ba người bị loại phút chót, em thấy bảo thế.' });
    expect(typed.explanations.some((e) => e.kind === 'distortion' && e.term.startsWith('hearsay:'))).toBe(true);
  });
});

describe('a settled future read inside a longer word without diacritics', () => {
  it('reads "chia sẻ" and "trưng bày" as no settled future', () => {
    forBothForms(
      [
        'Đại biểu dự Đại hội XIII chia sẻ với học sinh về các ủy viên Bộ Chính trị khóa mới.',
        'Tranh đẹp sẽ được trưng bày ở sảnh trường trong tuần diễn ra Đại hội XIII của Đảng.',
      ],
      (c, t) => expect(ruleFired('unattributed-future')(c), t).toBe(false),
    );
  });

  it('keeps a settled future about the posts where no longer word crosses it', () => {
    forBothForms(['Ủy viên Bộ Chính trị khóa mới sẽ là người của nhóm kia, chắc chắn luôn.'], (c, t) =>
      expect(ruleFired('unattributed-future')(c), t).toBe(true),
    );
  });
});

describe('an event verb read inside a longer word without diacritics', () => {
  it("reads the grassroots' completion and a talk's day as no date of the congress", () => {
    forBothForms(
      [
        'Đại hội cơ sở hoàn thành trước 30/6/2020 và Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI diễn ra đúng kế hoạch.',
        'Ngày 14/3, một thành viên Đảng bộ tỉnh Gia Lai dự Đại hội XIII đã có buổi nói chuyện với học sinh.',
      ],
      (c, t) =>
        expect(
          dated(c).map((e) => e.matched),
          t,
        ).toEqual([]),
    );
  });

  it('keeps the congress postponed to another day in both forms', () => {
    forBothForms(['Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI hoãn sang ngày 30/11/2020.'], (c, t) => expect(dated(c).length, t).toBeGreaterThan(0));
  });
});

// The hundred-and-thirty-first pass (study118's U′): a place name or a longer word holding a cue's syllable at its edge
// once the accents are gone — "Chư Sê" is no "sẽ", "Ba Đình / Bình Định sẵn sàng" no "định sẵn", "chính thức không" no
// "thực không", "đừng đăng / bài đăng" no Party "đảng". Phrasings written for these tests, not corpus sentences.
describe('a place name or a longer word holding a cue without diacritics', () => {
  it('reads "Chư Sê" as the district, not a settled future', () => {
    forBothForms(
      [
        'Cà phê và hồ tiêu Chư Sê được giới thiệu ở khu trưng bày bên lề Đại hội Đảng bộ tỉnh.',
        'Đoàn đại biểu huyện Chư Sê lên đường dự Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI.',
      ],
      (c, t) => expect(ruleFired('unattributed-future')(c), t).toBe(false),
    );
  });

  // (typed with its accents "Bình Định sẵn sàng" holds "định sẵn" as written: not this pass's, the crossing words read
  // only text without diacritics)
  it('reads "Ba Đình sẵn sàng" as a place ready, not pre-arranged', () => {
    expectGroup(
      [
        'Các nhà nghỉ quanh Ba Đình sẵn sàng đón đại biểu và phóng viên dự Đại hội XIII.',
        'Mấy quán ăn khu Ba Đình sẵn sàng phục vụ xuyên đêm trong tuần Đại hội XIII của Đảng.',
      ],
      'pre-arranged',
      false,
    );
  });

  it('keeps "định sẵn" where no place name crosses it', () => {
    expectGroup(['Ban Chấp hành khóa mới đã định sẵn từ trước, đại hội chỉ là hình thức.'], 'pre-arranged', true);
  });

  it('reads "nguồn chính thức không?" as a question for a source, not the leading "thực không"', () => {
    forBothForms(['Mình nghe đồn về nhân sự đại hội tỉnh, có bạn nào có nguồn chính thức không?'], (c, t) =>
      expect(ruleFired('leading-question')(c) || ruleFired('leading-question-hearsay')(c), t).toBe(false),
    );
  });
});
