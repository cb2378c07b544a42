import { describe, it } from 'vitest';
import { expectEachReads, expectNoContradictions, factIdsOf } from './helpers.ts';

// Another event's or activity's fact read as the congress's (eighty-eighth pass, fresh-8's family G, with the read
// sets' other items of its forms): (a) "trực tuyến / online" right after an activity with a format of its own — an
// online contest, online learning, online TV channels (c69-119, c74-199, c81-102, c82-118); (b) a date opening its
// sentence tied to the congress through a noun that is not the sentence's subject — the congress named as a
// document's ("hội nghị học tập Nghị quyết Đại hội XIII … dời từ ngày 9/3", c70-125, c77-181), as what an activity
// is for ("…, chào mừng Đại hội XIII khai mạc vào ngày mai", c81-184), or in a venue's apposition ("…, nơi diễn ra
// Đại hội …", c81-051); (c) results "công bố trước (toàn thể) Đại hội", in front of the congress, not before it
// (c74-129, c77-134, c82-016). On main each of the first cases contradicted the configured sheet (the provincial
// congress 14–16/10/2020 in person, the national one 25/1–2/2/2021 at its venue, no list announced before it).
// Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone.

describe('another activity’s format', () => {
  it('reads "trực tuyến / online" after a contest, learning or a channel as that activity’s', () => {
    expectNoContradictions([
      'Huyện đoàn phối hợp các trường THPT tổ chức cuộc thi trực tuyến tìm hiểu về Đại hội XIII của Đảng.',
      'Phát động hội thi trực tuyến tìm hiểu Nghị quyết Đại hội XIII dành cho đoàn viên.',
      'Mình mong Văn kiện Đại hội XIII có chính sách để học sinh ở làng cũng có mạng học online ổn định.',
      'Kiều bào ở Đức theo dõi sát Đại hội XIII qua các kênh truyền hình trực tuyến.',
    ]);
  });

  it('keeps the congress held online, by its verb or its intensifier, and the delegates watching by screen', () => {
    const cases: Array<[string, string]> = [
      ['Đại hội XIII sẽ họp trực tuyến, đại biểu ngồi ở tỉnh.', 'NC-VENUE'],
      ['Đại hội tỉnh năm nay tổ chức trực tuyến 100% nha mn.', 'GL-FORMAT'],
      ['Đại hội Đảng bộ tỉnh lần thứ XVI sẽ được tổ chức theo hình thức trực tuyến, đại biểu dự tại điểm cầu huyện.', 'GL-FORMAT'],
      ['Đại hội đảng bộ tỉnh có ba trăm đại biểu thôi, còn lại ngồi ở huyện xem qua màn hình.', 'GL-FORMAT'],
      ['Nghe nói Đại hội XIII chuyển sang họp online, các tỉnh cho học sinh học ở nhà.', 'NC-VENUE'],
    ];
    expectEachReads(cases, factIdsOf);
  });
});

describe('a date opening its sentence, the congress not its subject', () => {
  it('does not tie the date through a document’s event, a purpose’s object or a venue’s apposition', () => {
    expectNoContradictions([
      'Huyện ủy cho biết hội nghị học tập Nghị quyết Đại hội XIII chỉ được dời từ ngày 9/3 sang 12/3 do trùng lịch.',
      'Các đảng bộ tổ chức học tập, quán triệt Nghị quyết Đại hội lần thứ XVI của Đảng bộ tỉnh xong trước 31/12/2020.',
      'Tối 23/1, các trường tổ chức chương trình nghệ thuật, chào mừng Đại hội XIII khai mạc vào ngày mai.',
      'Chiều 18/10, Trường ĐH Nông Lâm xuất quân 60 tình nguyện viên tại Trung tâm Hội nghị tỉnh, nơi diễn ra Đại hội Đảng bộ tỉnh lần thứ XVI từ ngày 14 đến 16/10.',
    ]);
  });

  it('keeps a date the congress is the subject of, or its verb’s own date in the apposition', () => {
    const cases: Array<[string, string]> = [
      ['Sáng 19/10, Đại hội Đảng bộ tỉnh khai mạc tại Pleiku.', 'GL-DATE'],
      ['Thông báo nhanh: mai 19/10 khai mạc đại hội tỉnh nên học sinh khối 12 nghỉ tiết 5.', 'GL-DATE'],
      ['Tối 23/1, Đại hội XIII khai mạc, các địa phương tổ chức chương trình chào mừng.', 'NC-DATE'],
      ['Chiều 13/10, các tình nguyện viên có mặt tại Trung tâm Hội nghị tỉnh, nơi diễn ra Đại hội Đảng bộ tỉnh từ ngày 18 đến 20/10.', 'GL-DATE'],
      ['Nghị quyết Đại hội XIII được ban hành, Đại hội bế mạc ngày 10/2.', 'NC-DATE'],
    ];
    expectEachReads(cases, factIdsOf);
  });
});

describe('results announced in front of the congress', () => {
  it('reads "kết quả … công bố trước (toàn thể) Đại hội" as in front of it', () => {
    expectNoContradictions([
      'Kết quả kiểm phiếu được công bố trước Đại hội XIII sau khi hoàn tất.',
      'Việc bầu Ban Chấp hành Trung ương khóa XIII bằng phiếu kín. Kết quả được công bố trước toàn thể Đại hội.',
      'Nhân sự khóa XIII bầu bằng phiếu kín điện tử ngay tại Đại hội XIII, kết quả do Ban Kiểm phiếu công bố trước Đại hội.',
    ]);
  });

  it('keeps a list announced before the congress, results said already out, and a time before it', () => {
    const cases: Array<[string, string]> = [
      ['Danh sách Ban Chấp hành Trung ương khóa XIII đã được công bố trước Đại hội XIII rồi.', 'NC-PERSONNEL'],
      ['Kết quả bầu Trung ương đã công bố trước đại hội XIII rồi nhé.', 'NC-PERSONNEL'],
      ['Kết quả bầu Ban Chấp hành Trung ương khóa XIII được công bố trước 1 tuần, đại hội chỉ là hình thức.', 'NC-PERSONNEL'],
    ];
    expectEachReads(cases, factIdsOf);
  });
});
