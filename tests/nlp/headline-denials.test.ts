import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { evidenceAgainst } from '../../pipeline/nlp/model.ts';
import { contradictionsOf, forBothFormsTitled as forBothForms } from './helpers.ts';

// A headline that denies the claim its item reports (seventy-second pass): the verdict is in the title, the body quotes
// the rumour. Four forms of Vietnamese press headlines — a negator opening a clause before the quoted claim, a verdict
// closing the title after it, a why-question that takes the verdict as given, a sanction for posting it — read as a
// rebuttal: the title names the claim, the claims the item quotes are cited. Phrasings written for these tests, not
// corpus sentences; title and body as typed and without diacritics, on the lexicons alone, under the default sheet
// (Gia Lai 14–16/10/2020).
const DENIAL = 'discourse: the headline denies the claim';
const terms = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion').map((e) => e.term);

/** The title is read as a denial: the item is a rebuttal, not flagged. */
function denied(items: Array<[string, string]>) {
  forBothForms(items, (c, t) => {
    expect(terms(c), t).toContain(DENIAL);
    expect(evidenceAgainst(c), t).toBe(true);
    expect(c.distortion, t).toBe(false);
  });
}

/** The title is not read as a denial, and the item stays flagged. */
function notDenied(items: Array<[string, string]>) {
  forBothForms(items, (c, t) => {
    expect(terms(c), t).not.toContain(DENIAL);
    expect(c.distortion, t).toBe(true);
  });
}

describe('a negator opening a clause of the title, then the quoted claim', () => {
  it('reads "Không có \'…\' nào", "Không có … nào phải \'…\'"', () => {
    denied([
      [
        "Không có 'danh sách Ban Thường vụ rò rỉ' nào trước Đại hội Đảng bộ tỉnh",
        'Mấy ngày qua, một số nhóm Facebook lan truyền "Danh sách rò rỉ Ban Thường vụ khóa mới, đã chốt từ trước, tải về liền trước khi bị gỡ". Văn phòng Tỉnh ủy cho biết nhân sự do Ban Chấp hành khóa mới bầu bằng phiếu kín sau Đại hội.',
      ],
      [
        "Không có chi bộ nào phải 'họp lại đại hội vì mua phiếu'",
        'Một trang Facebook đăng "Đại hội Đảng bộ tỉnh phải bầu lại vì có người mua phiếu, chụp màn hình lại kẻo bị xóa". Ban Tổ chức Tỉnh ủy cho biết các đảng bộ trực thuộc đã hoàn thành đại hội đúng kế hoạch.',
      ],
    ]);
  });
  it('reads "…, không \'…\'" after the official version', () => {
    denied([
      [
        "Đại hội Đảng bộ tỉnh bầu Ban Chấp hành bằng phiếu kín, không 'giơ tay'",
        "Trước tin đồn 'Đại hội Đảng bộ tỉnh bầu Ban Chấp hành bằng giơ tay cho nhanh, nhân sự đã chốt sẵn', Ban Tổ chức Đại hội cho biết việc bầu cử thực hiện bằng phiếu kín.",
      ],
    ]);
  });
});

describe('a verdict closing the title after the quoted claim', () => {
  it('reads "\'…\' — câu nói không có thật", "Thông tin \'…\': không có bằng chứng"', () => {
    denied([
      [
        "'Bí thư Tỉnh ủy sẽ chỉ làm hai năm' — câu nói không có thật",
        "Câu 'Nhiệm kỳ này tôi sẽ chỉ làm hai năm rồi về hưu' được gán cho tân Bí thư Tỉnh ủy tại phiên bế mạc Đại hội Đảng bộ tỉnh. Đối chiếu toàn văn diễn văn bế mạc: không có câu nào như vậy.",
      ],
      [
        'Thông tin "ghế Tỉnh ủy viên giá 5 tỷ": không có bằng chứng',
        'Một trang mạng dẫn "nguồn tin giấu tên" cho rằng mỗi ghế vào Ban Chấp hành Đảng bộ tỉnh "có giá 5 tỷ đồng, ai cũng biết". Chúng tôi không tìm thấy đơn tố cáo hay kết luận nào liên quan đến Đại hội Đảng bộ tỉnh.',
      ],
    ]);
  });
});

describe('a why-question that takes the verdict as given, and a sanction for posting', () => {
  it('reads "Vì sao các \'…\' … luôn sai?"', () => {
    denied([
      [
        "Vì sao các 'danh sách trúng cử' trước Đại hội Đảng bộ tỉnh luôn sai?",
        "Trước mỗi kỳ đại hội, mạng xã hội lại rộ lên các 'danh sách trúng cử chuẩn 100%'. Ban Chấp hành do Đại hội Đảng bộ tỉnh bầu bằng phiếu kín, kết quả chỉ có sau khi kiểm phiếu.",
      ],
    ]);
  });
  it('reads "Xử phạt chủ tài khoản … đăng tin …": what was posted is the claim', () => {
    denied([
      [
        'Xử phạt chủ tài khoản Facebook đăng tin Đại hội Đảng bộ tỉnh bị hoãn',
        "Công an thành phố đã xử phạt 5 triệu đồng chủ một tài khoản đăng tin 'Đại hội Đảng bộ tỉnh bị hoãn vì có ca nhiễm'. Người này thừa nhận đã nghe đồn trong nhóm Zalo rồi đăng lại.",
      ],
    ]);
  });
});

describe('guards: titles that deny nothing, or whose denial is not theirs', () => {
  it('does not read the rumour’s own negation with no quoted claim, nor a negator inside its clause', () => {
    notDenied([
      ['Đại hội Đảng bộ tỉnh không bỏ phiếu kín', 'Nghe nói lần này bầu Ban Chấp hành bằng giơ tay cho nhanh, nhân sự đã chốt sẵn từ trước.'],
      [
        "Ba ứng viên bị loại khỏi danh sách bầu cử vì không 'chạy' đủ tiền",
        'Nguồn tin của chúng tôi cho biết Tiểu ban Nhân sự Đại hội Đảng bộ tỉnh đã loại ba người vì không nộp đủ tiền.',
      ],
    ]);
  });
  it('does not read a title that asks, nor a why-question with no verdict or about a quoted outlet', () => {
    notDenied([
      [
        "Không có 'danh sách rò rỉ' nào thật sao?",
        'Nhóm Zalo chuyền tay danh sách Ban Thường vụ khóa mới của Đại hội Đảng bộ tỉnh, đã chốt từ trước, tải về liền trước khi bị gỡ.',
      ],
      ['Vì sao Đại hội Đảng bộ tỉnh sẽ không có bỏ phiếu kín thật sự?', 'Nghe nói nhân sự đã chốt sẵn từ trước, bầu chỉ cho đủ thủ tục.'],
      ["Vì sao 'báo tỉnh' luôn sai?", 'Báo tỉnh đưa Đại hội Đảng bộ tỉnh có 350 đại biểu, người trong Tỉnh ủy nói thật ra là 500, nhân sự đã chốt sẵn.'],
    ]);
  });
  it('does not read a denial the title reports, one set against the title’s own claim, nor one the item calls the lie', () => {
    notDenied([
      [
        "Báo tỉnh nói không có 'danh sách rò rỉ' nào, nhưng danh sách đã chốt từ trước",
        'Danh sách Ban Thường vụ khóa mới của Đại hội Đảng bộ tỉnh đã chốt từ trước, tải về liền trước khi bị gỡ.',
      ],
      [
        "Đại hội Đảng bộ tỉnh hoãn sang tháng 11, không 'họp đúng lịch' như báo đưa",
        'Người trong Tỉnh ủy cho biết Đại hội Đảng bộ tỉnh Gia Lai hoãn sang tháng 11, tải về liền trước khi bị gỡ.',
      ],
      [
        "Không có 'danh sách rò rỉ' nào",
        'Ban Tổ chức Đại hội Đảng bộ tỉnh càng phủ nhận càng thấy có, danh sách Ban Thường vụ đã chốt từ trước, tải về liền trước khi bị gỡ.',
      ],
    ]);
  });
});

// The seventy-seventh pass: a title that denies, with no quotation, a value the sheet rules out (family C of the
// seventy-first pass) — read by the facts check: a claim a negator turns away, whose fact the text quotes.
describe('a title that denies a value the sheet rules out, with no quotation', () => {
  it('reads "… không rút ngắn còn 2 ngày", "… không lùi sang tháng 11", "Đại hội XIII không họp trực tuyến"', () => {
    denied([
      [
        'Đại hội Đảng bộ tỉnh không rút ngắn còn 2 ngày',
        'Thông tin "Đại hội Đảng bộ tỉnh chỉ họp 2 ngày" lan truyền trên mạng mấy ngày qua. Văn phòng Tỉnh ủy cho biết chương trình vẫn là 3 ngày như kế hoạch.',
      ],
      [
        'Đại hội Đảng bộ tỉnh không lùi sang tháng 11',
        "Tin 'Đại hội Đảng bộ tỉnh lùi sang tháng 11' được chia sẻ trong nhiều nhóm Zalo. Văn phòng Tỉnh ủy khẳng định Đại hội diễn ra đúng lịch.",
      ],
      [
        'Đại hội XIII không họp trực tuyến',
        'Nhiều trang chia sẻ "Đại hội XIII họp trực tuyến, đại biểu ở nhà bấm nút". Đại hội họp tập trung tại Cung Văn hóa Hữu nghị.',
      ],
    ]);
  });
  it('the negator reaches the count through its length phrase, in the text too', () => {
    forBothForms([['', 'Đại hội Đảng bộ tỉnh không rút ngắn còn 2 ngày đâu, vẫn họp 3 ngày như kế hoạch.']], (c, t) =>
      expect(
        contradictionsOf(c).map((e) => e.term),
        t,
      ).toEqual([]),
    );
  });
  it('does not read a denied official value, a title that asks or asserts its own value, nor a text that asserts the claim', () => {
    notDenied([
      ['Đại hội Đảng bộ tỉnh không họp ở Pleiku', 'Nghe nói năm nay Đại hội Đảng bộ tỉnh dời về họp ở Quy Nhơn cho kín, nhân sự đã chốt sẵn.'],
      ['Đại hội Đảng bộ tỉnh không rút ngắn còn 2 ngày?', 'Nghe nói Đại hội Đảng bộ tỉnh chỉ họp 2 ngày cho nhanh, nhân sự đã chốt sẵn.'],
      [
        'Đại hội Đảng bộ tỉnh không họp 3 ngày, chỉ họp 2 ngày',
        'Người trong cuộc cho biết Đại hội Đảng bộ tỉnh chỉ họp 2 ngày cho nhanh, nhân sự đã chốt sẵn.',
      ],
      ['Đại hội Đảng bộ tỉnh không lùi lịch', 'Nhưng người trong cuộc cho biết Đại hội Đảng bộ tỉnh sẽ lùi sang tháng 11, nhân sự đã chốt sẵn, báo chí giấu.'],
      [
        'Đại hội XIII không họp trực tuyến',
        'Nhiều trang chia sẻ "Đại hội XIII họp trực tuyến, đại biểu ở nhà bấm nút", và thực tế Đại hội XIII họp trực tuyến, báo chí giấu.',
      ],
    ]);
  });
});

describe("seventy-eighth pass: a document said not to hold the claim, and a sanction with the office as the clause's subject", () => {
  it('reads "Dự thảo văn kiện … không có nội dung …" and "Công an … làm việc với chủ tài khoản tung tin …"', () => {
    denied([
      [
        'Dự thảo văn kiện Đại hội Đảng bộ tỉnh không có nội dung nhập hai huyện',
        'Trước thông tin "văn kiện mật của Đại hội Đảng bộ tỉnh có nội dung nhập hai huyện, nguồn tin nội bộ", Ban Tuyên giáo cho biết dự thảo đã đăng toàn văn trên báo tỉnh.',
      ],
      [
        'Sở Tư pháp: Nghị quyết Đại hội Đảng bộ tỉnh không có nội dung thu hồi đất rẫy',
        "Liên quan đến 'bản nghị quyết rò rỉ' cho rằng Đại hội Đảng bộ tỉnh quyết thu hồi đất rẫy, Sở Tư pháp cho biết nghị quyết đã công bố công khai.",
      ],
      [
        'Công an huyện làm việc với chủ tài khoản tung tin mua phiếu tại Đại hội Đảng bộ huyện',
        'Người này thừa nhận bài viết "đại biểu được bồi dưỡng tiền để gạch tên" chỉ là nghe kể lại, không có bằng chứng, đã tự gỡ bài.',
      ],
    ]);
  });
  it('does not read a document denial that asks, one over a text that quotes nothing, nor an office that works with a district', () => {
    notDenied([
      [
        'Văn kiện Đại hội Đảng bộ tỉnh không có nội dung về Tây Nguyên?',
        'Nghe nói văn kiện mật đã bỏ hẳn phần Tây Nguyên, nguồn tin nội bộ cho biết danh sách Ban Thường vụ đã chốt sẵn.',
      ],
      [
        'Văn kiện Đại hội Đảng bộ tỉnh không có nội dung chống tham nhũng',
        'Nghe nói văn kiện mật đã bỏ hẳn phần này, nguồn tin nội bộ cho biết danh sách Ban Thường vụ đã chốt sẵn, báo chí giấu.',
      ],
      [
        'Tỉnh ủy làm việc với huyện, đăng ký chỉ tiêu mới trước Đại hội Đảng bộ tỉnh',
        'Nghe nói danh sách Ban Thường vụ đã chốt sẵn từ tháng trước, nguồn tin nội bộ, ai cũng biết rồi.',
      ],
    ]);
  });
});
