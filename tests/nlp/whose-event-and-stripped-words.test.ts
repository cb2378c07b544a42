import { describe, expect, it } from 'vitest';
import { classifier, expectCongress, expectEachReads, expectNoContradictions, factIdsOf, forBothForms, stripDiacritics } from './helpers.ts';

// The hundred-and-thirty-sixth pass (study121's ranks 2, 5 and 6 from fresh-18). N′: whose event a fact is about — (a) a
// shop and its goods before "online" (`shopHolders`: c119-030 "tiệm bánh online"), (b) a generic hall in a sentence that
// names only the sheet's own place (c120-045), (c) "<n> ngày sau khi / trước <event>" an interval, not a length
// (`duration.interval`: c121-047), (d) a facility's own days (`facilities`: the press centre, c121-128, read c106-014).
// H1: China's leadership named before the gathering word (c121-152). U′ typed without diacritics: words across a cue's
// edge (`words` in distortion-cues.yaml: "bo do do cho be", "Se San", "don ban ghe", "to chuc" across the wish "chúc"). The
// configured sheet: the provincial congress
// 14–16/10/2020 at Trung tâm Hội nghị tỉnh, Pleiku, in person; the national congress 25/1–2/2/2021 at Trung tâm Hội nghị
// Quốc gia. Phrasings written for these tests, not corpus sentences; on the lexicons alone.

const rules = (text: string) =>
  classifier()
    .classify({ title: '', text })
    .explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith('rule '))
    .map((e) => e.term);
const terms = (text: string) =>
  classifier()
    .classify({ title: '', text })
    .explanations.filter((e) => e.kind === 'distortion')
    .map((e) => e.term);

describe('a shop’s kind', () => {
  it('reads "online" after a shop and its goods as the shop’s', () => {
    expectNoContradictions([
      'Chị Lan, chủ một tiệm bánh online ở Hoàn Kiếm, in lịch phân luồng những ngày Đại hội XIII dán lên tủ lạnh.',
      'Anh Tuấn, chủ shop mỹ phẩm online, kể tuần Đại hội XIII hàng giao chậm hơn.',
      'Cửa hàng trực tuyến của hợp tác xã bán chạy hơn trong dịp Đại hội Đảng bộ tỉnh.',
    ]);
  });

  it('keeps the congress said to meet online, the shop named elsewhere', () => {
    const cases: Array<[string, string]> = [
      ['Tiệm mình nghe nói Đại hội XIII họp online hết, đại biểu ngồi ở tỉnh.', 'NC-VENUE'],
      ['Nghe nói Đại hội XIII họp online, shop mình nghỉ bán mấy hôm.', 'NC-VENUE'],
    ];
    expectEachReads(cases, factIdsOf);
  });
});

describe('a generic hall', () => {
  it('reads "hội trường lớn" as the hall of the sheet’s place named in its sentence', () => {
    expectNoContradictions(['Hôm nay lớp mình đi thực tế ở Pleiku, được giới thiệu hội trường lớn nơi tổ chức Đại hội Đảng bộ tỉnh lần thứ XVI.']);
  });

  it('keeps the hall of another place, or beside the sheet’s place denied', () => {
    const cases: Array<[string, string]> = [
      ['Đại hội Đảng bộ tỉnh lần thứ XVI sẽ họp tại hội trường lớn của một khách sạn 5 sao ở Pleiku.', 'GL-VENUE'],
      ['Đại hội Đảng bộ tỉnh không họp ở Pleiku nữa mà chuyển về hội trường lớn tại An Khê.', 'GL-VENUE'],
    ];
    expectEachReads(cases, factIdsOf);
  });
});

describe('an interval from the congress', () => {
  it('does not read "<n> ngày sau khi / trước khai mạc" as the congress’s length', () => {
    expectNoContradictions([
      'Chỉ một ngày sau khi Đại hội Đảng bộ tỉnh bế mạc, Thường trực Tỉnh ủy khóa mới đã đi kiểm tra vùng lũ.',
      'Hai ngày trước khai mạc Đại hội Đảng bộ tỉnh, các tuyến phố đã treo cờ.',
    ]);
  });

  it('keeps a length said of the congress', () => {
    expectEachReads([['Đại hội Đảng bộ tỉnh chỉ họp một ngày rồi bế mạc.', 'GL-DATE']], factIdsOf);
  });
});

describe('a facility’s own days', () => {
  it('reads the press centre’s opening day as the centre’s', () => {
    expectNoContradictions([
      'Trung tâm báo chí Đại hội XIII bắt đầu hoạt động từ ngày 20/1.',
      'Trung tâm Báo chí phục vụ Đại hội XIII bắt đầu hoạt động từ ngày 23/1, phục vụ hàng trăm phóng viên.',
    ]);
  });

  it('keeps the congress’s own day beside the centre', () => {
    expectEachReads([['Đại hội XIII bắt đầu từ ngày 20/1, trung tâm báo chí đã sẵn sàng.', 'NC-DATE']], factIdsOf);
  });

  it('reads no activity across the congress’s name ("Đại hội diễn ra" holds no "hội diễn")', () => {
    const cases: Array<[string, string]> = [
      ['Đại hội Đảng bộ tỉnh diễn ra trực tuyến, đại biểu ngồi ở huyện.', 'GL-FORMAT'],
      ['Ban Tổ chức cho biết Đại hội Đảng bộ tỉnh diễn ra từ 20 đến 22/10.', 'GL-DATE'],
    ];
    expectEachReads(cases, factIdsOf);
  });
});

describe('China’s leadership', () => {
  it('holds the gathering it is named before', () => {
    expectCongress(
      [
        'Nội bộ Trung Nam Hải đã chốt người kế nhiệm cho Đại hội 20 năm 2022 rồi, tin từ người trong cuộc.',
        'Tập Cận Bình được cho là sẽ tái đắc cử tại đại hội lần này, báo nước ngoài bình luận.',
      ],
      false,
    );
  });

  it('leaves an item that names the Party’s congress', () => {
    expectCongress(['Truyền thông Trung Nam Hải cũng đưa tin về Đại hội XIII của Đảng Cộng sản Việt Nam.'], true);
  });
});

describe('words across a cue typed without diacritics', () => {
  it('reads đồ đỏ, điều đó, a river, furniture and "tổ chức" as the words', () => {
    const cases: Array<[string, string]> = [
      ['Dai hoi Dang bo tinh be mac roi, shop ve them bo do do cho be mac Tet nhe.', 'rule unattributed-cause'],
      ['Dai hoi Dang bo tinh da be mac tot dep. Dieu do cho thay cong tac chuan bi rat chu dao.', 'rule unattributed-cause'],
      ['Bao cao chinh tri Dai hoi Dang bo tinh lan thu XVI nhac den rung phong ho dau nguon song Se San.', 'rule unattributed-future'],
    ];
    for (const [text, rule] of cases) expect(rules(text), text).not.toContain(rule);
    const furniture = 'Quan minh ngay truoc nha van hoa, 3 ngay dai hoi duoc nhac don ban ghe vao trong, khach vang han.';
    expect(
      terms(furniture).some((t) => t.startsWith('pre-arranged')),
      furniture,
    ).toBe(false);
  });

  it('keeps the cause and the amount where "tổ chức" stands in the item', () => {
    forBothForms(['Tỉnh đã tổ chức xong đại hội cấp cơ sở. Hai đảng bộ còn lại phải lùi đại hội sang tháng 9 do chưa thống nhất phương án nhân sự.'], (c, t) =>
      expect(
        c.explanations.map((e) => e.term),
        t,
      ).toContain('rule unattributed-cause'),
    );
    forBothForms(['Khoản kinh phí 2,5 tỷ đồng từ quỹ thiên tai đã được điều chuyển sang phục vụ công tác tổ chức Đại hội Đảng bộ tỉnh.'], (c, t) =>
      expect(
        c.explanations.map((e) => e.term),
        t,
      ).toContain('rule unattributed-amount'),
    );
  });

  it('keeps a cause given where no word crosses it', () => {
    const text = stripDiacritics('Đại hội Đảng bộ tỉnh phải lùi sang tháng 11 do chờ ý kiến của Trung ương.');
    expect(rules(text), text).toContain('rule unattributed-cause');
  });
});
