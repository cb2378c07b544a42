import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { contradictionsOf, expectCongress, expectEachReads, expectGroup, forBothForms, forBothFormsTitled } from './helpers.ts';

// The hundred-and-twenty-eighth pass (study117's fresh-16 families): a date or format check on another event — an event
// moved for the congress, an announcement's month, a rehearsal, the study of a resolution, the platforms the public
// follows it on, the Party organisation abroad (N′); the official account or the sheet's own count dismissed (Z); a list
// printed before the vote, a well-informed source, the writer's dare, others organising a viewing (I); the grassroots
// still pending with no date (B); the venue after the congress's name (V); no vote at all in teen code (M). Under the
// shipped sheet (the province's congress 14–16/10 at the Trung tâm Hội nghị tỉnh, Pleiku, its grassroots done by
// 15/6/2020, its 17 units by 20/8/2020; the national one 25/1–2/2/2021 at the Trung tâm Hội nghị Quốc gia, Hà Nội, 1.587
// delegates). Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons
// alone.
const factIds = (c: Classification) => contradictionsOf(c).map((e) => e.factId);
const noneOf = (ids: string[]) => (c: Classification, t: string) =>
  expect(
    factIds(c).filter((f) => f && ids.includes(f)),
    t,
  ).toEqual([]);

describe('a date or a format of another event (N′)', () => {
  it('keeps an event moved for the congress, an announcement’s month, a rehearsal’s day and another activity online', () => {
    forBothForms(
      [
        'Buổi thi thử của lớp con mình bị dời sang tuần sau vì trường làm chỗ nghỉ cho đại biểu dự Đại hội tỉnh.',
        'Giải bóng đá phong trào được dời lại một tuần để phục vụ Đại hội Đảng bộ tỉnh.',
        'Buổi hòa nhạc dời sang 30/10 do nhường chỗ cho Đại hội Đảng bộ tỉnh.',
        'Bạn nhầm rồi, Đại hội XIII họp ở Trung tâm Hội nghị Quốc gia, thông báo của Ban Tổ chức từ tháng 11 đã nói rõ.',
        'Sáng 12/10, Ban Tổ chức Đại hội Đảng bộ tỉnh đã tổng duyệt chương trình phiên khai mạc tại Trung tâm Hội nghị tỉnh.',
        'Chiều 13/10, Ban Tổ chức Đại hội tiến hành diễn tập công tác an ninh cho Đại hội Đảng bộ tỉnh.',
        'Huyện ủy học tập, quán triệt Nghị quyết Đại hội XIII theo hình thức trực tuyến.',
        'Bà con kiều bào theo dõi phiên khai mạc Đại hội XIII qua truyền hình và các nền tảng trực tuyến.',
        'Đại hội Đảng bộ Ngoài nước diễn ra tại Hà Nội, kết hợp trực tuyến với các điểm cầu ở nước ngoài.',
      ],
      noneOf(['GL-DATE', 'NC-DATE', 'NC-VENUE', 'GL-FORMAT']),
    );
  });

  it('reads the congress itself moved, dated by an announcement naming it, dated by its own verb after a rehearsal, held online', () => {
    expectEachReads(
      [
        ['Đại hội Đảng bộ tỉnh bị dời sang tháng 11 vì dịch.', 'GL-DATE'],
        ['Nghe nói đại hội tỉnh dời sang 30/10 để chờ ý kiến trung ương.', 'GL-DATE'],
        ['Theo thông báo của Ban Tổ chức, Đại hội XIII diễn ra từ ngày 28/1 đến 5/2.', 'NC-DATE'],
        ['Sáng 20/10, sau buổi tổng duyệt hôm trước, Đại hội Đảng bộ tỉnh chính thức khai mạc.', 'GL-DATE'],
        ['Đại hội XIII năm nay họp trực tuyến, đại biểu ngồi ở nhà.', 'NC-VENUE'],
      ],
      factIds,
    );
  });
});

describe('the official account or the sheet’s own count dismissed (Z)', () => {
  it('reads the schedule in the press dismissed and the sheet’s count called made up', () => {
    expectGroup(['Chuẩn luôn: Đại hội XIII chỉ họp 4 ngày thôi. Đừng tin lịch trên báo.'], 'press-distrust', true);
    expectGroup(['Chuẩn luôn: Đại hội XIII chỉ họp 4 ngày thôi. Đừng tin lịch trên báo.'], 'rebuttal', false);
    expectEachReads([['Hội trường vắng tanh, con số 1.587 đại biểu là bịa.', 'NC-DELEGATES']], factIds);
  });

  it('keeps a rumour’s schedule dismissed and another count called made up', () => {
    expectGroup(['Đừng tin lịch trên mạng, Đại hội XIII họp từ 25/1 đến 2/2.'], 'rebuttal', true);
    forBothForms(['Tin đồn nói chỉ có 1.200 đại biểu là bịa, Đại hội XIII có 1.587 đại biểu.'], noneOf(['NC-DELEGATES']));
  });
});

describe('a list printed before the vote, a well-informed source, the writer’s dare, others’ viewing (I)', () => {
  it('reads the printed list and the well-informed source', () => {
    expectGroup(['Danh sách Bộ Chính trị khóa mới đã được in sẵn từ tuần trước.'], 'pre-arranged', true);
    expectGroup(['Theo một nguồn thạo tin, Đại hội XIII đã chốt nhân sự.'], 'insider', true);
    expectGroup(['Bầu bằng phiếu kín, làm gì có phiếu in sẵn.', 'Lá phiếu đã được in sẵn tên các ứng cử viên theo danh sách.'], 'pre-arranged', false);
  });

  it('keeps the writer’s dare from the rebuttal and others’ viewing from the writer’s own', () => {
    expectGroup(['Danh sách Trung ương đã có từ lâu rồi. Các bác tin hay không thì tùy.', 'Mọi người tin hay không tùy.'], 'rebuttal', false);
    expectGroup(['Nhiều hội đoàn tổ chức các buổi xem truyền hình trực tiếp phiên khai mạc Đại hội XIII.'], 'follows-broadcast', false);
    expectGroup(['Cả nhà mình ngồi xem truyền hình trực tiếp phiên khai mạc Đại hội XIII.'], 'follows-broadcast', true);
  });
});

describe('the grassroots still pending with no date (B)', () => {
  it('reads bodies pending against the whole reported done, or when the province’s congress met', () => {
    expectEachReads(
      [
        ['Vẫn còn mấy chục chi bộ ở Gia Lai chưa tổ chức đại hội, ngược với báo cáo rằng toàn bộ tổ chức cơ sở đảng đã hoàn thành.', 'GL-GRASSROOTS'],
        ['Gia Lai có 17 đảng bộ trực thuộc mà còn 4 đảng bộ chưa đại hội xong thì tỉnh đã họp đại hội tỉnh rồi.', 'GL-DIRECT-UNITS'],
      ],
      factIds,
    );
  });

  it('keeps a dated completion after them and bodies pending with nothing else said', () => {
    forBothForms(
      [
        'Ở Gia Lai vẫn còn mấy chi bộ chưa tổ chức đại hội, nhưng đến ngày 10/6/2020 toàn bộ tổ chức cơ sở đảng đã hoàn thành.',
        'Ở Gia Lai vẫn còn mấy chi bộ chưa tổ chức đại hội.',
      ],
      noneOf(['GL-GRASSROOTS', 'GL-DIRECT-UNITS']),
    );
  });
});

describe('the venue after the congress’s name (V)', () => {
  it('reads "họp Đại hội ở <place>"', () => {
    expectEachReads([['Tháng sau tỉnh mình họp Đại hội ở An Khê nha bà con.', 'GL-VENUE']], factIds);
  });

  it('keeps the official city and a lower level named', () => {
    forBothForms(
      [
        'Tháng sau tỉnh mình họp Đại hội ở Pleiku nha bà con.',
        'Tháng sau huyện mình họp đại hội ở An Khê nha bà con.',
        // (watched there: the verb inside the session's name)
        'Có ai đi xem phiên bế mạc Đại hội tỉnh ở nhà văn hóa xã không?',
      ],
      noneOf(['GL-VENUE']),
    );
  });
});

describe('no vote at all in teen code (M)', () => {
  it('reads the denial with its closing particle, not a rebuttal of voting online', () => {
    expectGroup(['đh tỉnh năm nay hok có bỏ phiếu gì đâu, vỗ tay hết á'], 'secret-ballot-denied', true);
    expectGroup(['Đại hội XIII không có bỏ phiếu trực tuyến, đại biểu bỏ phiếu kín tại hội trường.'], 'secret-ballot-denied', false);
  });
});

describe('titles (N′)', () => {
  it('keeps the study of a resolution online in a title', () => {
    forBothFormsTitled([['Tỉnh ủy quán triệt Nghị quyết Đại hội XIII theo hình thức trực tuyến', 'Hội nghị kết nối tới các huyện.']], noneOf(['NC-VENUE']));
  });
});

describe('without diacritics: the letters of a cause and of a day that are neither (U′)', () => {
  const rules = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith('rule ')).map((e) => e.term);
  it('keeps things packed for someone, an allowance, a reprimand spared and "ngay trước" from a cause and a day', () => {
    forBothForms(
      [
        'Mai ba mình đi dự đại hội tỉnh, cả nhà chuẩn bị đồ cho ba từ chiều.',
        'Mong Đại hội XIII quan tâm chế độ cho giáo viên vùng khó.',
        'Ghi lại mấy tin sai về đại hội tỉnh cho anh em đỡ bị lừa.',
      ],
      (c, t) => expect(rules(c), t).not.toContain('rule unattributed-cause'),
    );
    forBothForms(['Sáng sớm 25/1, ngay trước phiên khai mạc, Đại hội XIII họp phiên trù bị.'], noneOf(['NC-DATE']));
  });

  it('reads a cause given with no source', () => {
    forBothForms(['Đại hội tỉnh bị lùi lịch do chờ ý kiến cấp trên.'], (c, t) => expect(rules(c), t).toContain('rule unattributed-cause'));
  });
});

describe('the successor to the top post (K)', () => {
  it('reads the deputy said to come to the secretary’s post as the congress, not a letter sent up to the secretary', () => {
    expectCongress(['Chốt luôn: ông Phó Bí thư thường trực sẽ lên Bí thư, anh em trong ban nói rồi.'], true);
    expectCongress(['Tôi muốn gửi đơn thẳng lên Bí thư Tỉnh ủy về vụ tranh chấp đất.'], false);
  });
});
