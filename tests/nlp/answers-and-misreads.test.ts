import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { classifier, expectEachReads, expectGroup, factIdsOf, forBothForms, stripDiacritics } from './helpers.ts';

// The hundred-and-twenty-first pass (study115's ranks 2, 3 and 10, fresh-14's families R, N and S). R: the official
// answer opening "Trước thông tin … cho rằng '…'" or "(Tóm tắt:) Trả lời phóng viên về …" (c105-090, c106-143), the
// community note "Bối cảnh bổ sung:" and a video's title quoted before "sử dụng hình ảnh" (c106-165), the moderator's
// "📢 ADMIN:", "Nhóm đã xóa 3 bài đăng '…'" and the version set aside as "không phải mấy cái '…'" (c103-143, c103-197).
// N: the contest "trắc nghiệm trực tuyến" (c104-196), the standing committee elected by the first plenum and its duties
// "sẽ được Tỉnh ủy công bố" (c103-053), a market's cause (c103-196), a printing crew's quarantine (c105-006). S: which day is right, asked between two sources (c103-132).
// Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone (the
// configured sheet).
const terms = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight > 0).map((e) => e.term);
const expectRule = (texts: string[], rule: string, want: boolean) =>
  forBothForms(texts, (c, t) => expect(terms(c).includes(`rule ${rule}`), `${t} → ${terms(c).join(', ')}`).toBe(want));
const expectNoFact = (texts: string[], fact: string) => forBothForms(texts, (c, t) => expect(factIdsOf(c), t).not.toContain(fact));

describe('the official answer to a named post or to the press (R)', () => {
  it('reads the quotation after "Trước thông tin … cho rằng", "Trả lời phóng viên / báo chí" as the post’s', () => {
    expectGroup(
      [
        'Trước thông tin trên một nhóm Zalo cho rằng "Ban Thường vụ đã cài sẵn người, đại hội chỉ là hình thức", Văn phòng Tỉnh ủy khẳng định nhân sự do đại hội bầu bằng phiếu kín.',
        'Trước những thông tin cho rằng "chức danh bí thư huyện đã cài sẵn từ trước", Ban Tổ chức Tỉnh ủy cho biết quy trình nhân sự làm đúng quy định.',
        'Trả lời phóng viên về bài đăng cho rằng "đại hội chỉ là hình thức, cài sẵn hết rồi", lãnh đạo Huyện ủy cho biết không có việc đó.',
        'Tóm tắt: Trả lời báo chí về clip cho rằng "cài sẵn bí thư, đại hội chỉ là hình thức", đại diện Ban Tổ chức khẳng định thông tin là bịa đặt.',
      ],
      'pre-arranged',
      false,
    );
  });

  it('keeps the quotation with no opener, the opener that is not the field’s first words, and one that reports no claim', () => {
    expectGroup(
      [
        'Nghe nói trước thông tin này mọi người đều biết: "Ban Thường vụ đã cài sẵn người, đại hội chỉ là hình thức".',
        'Tóm tắt: clip khẳng định "đại hội chỉ là hình thức, cài sẵn hết rồi", chưa ai trả lời phóng viên.',
        'Trước thông tin "Ban Thường vụ đã cài sẵn người, đại hội chỉ là hình thức", Văn phòng Tỉnh ủy cho biết sẽ thông tin sau.',
      ],
      'pre-arranged',
      true,
    );
  });

  it('reads the scare-quoted word of an answering title as the rumour’s word', () => {
    for (const [title, text] of [
      [
        'Đoàn đại biểu dự Đại hội XIII đủ 16 đồng chí, không ai bị "gạch tên"',
        'Trước thông tin trên mạng xã hội cho rằng đoàn "bị gạch tên 2 người vào phút chót", Ban Tổ chức Tỉnh ủy khẳng định đoàn đủ người.',
      ],
    ])
      for (const [t, x] of [
        [title, text],
        [stripDiacritics(title), stripDiacritics(text)],
      ]) {
        const c = classifier().classify({ title: t, text: x });
        expect(
          terms(c).filter((e) => e.startsWith('style: scare quotes')),
          t,
        ).toEqual([]);
      }
  });
});

describe('the community note under a video (R)', () => {
  it('reads the quoted video title as mention after "Bối cảnh bổ sung:" or before "sử dụng hình ảnh"', () => {
    expectNoFact(
      [
        'Bối cảnh bổ sung: Video "đại hội tỉnh họp trực tuyến hết, không ai đến hội trường" là hình ảnh một hội nghị khác.',
        'Ghi chú cộng đồng: Video "đại hội tỉnh họp online toàn bộ" quay ở một cuộc họp của xã năm 2019.',
        'Video "đại hội tỉnh họp online toàn bộ" sử dụng hình ảnh một hội nghị cấp xã năm 2019, không phải đại hội tỉnh.',
      ],
      'GL-FORMAT',
    );
  });

  it('keeps the video title that is the item’s claim', () => {
    expectEachReads([['Video "đại hội tỉnh họp online toàn bộ" đang lan truyền, mọi người xem đi.', 'GL-FORMAT']], factIdsOf);
  });
});

describe('the moderator’s notice and the version set aside (R)', () => {
  it('reads the posts a moderator removed, counted, and "không phải mấy cái “…”" as mention', () => {
    expectGroup(
      [
        'Nhóm đã xóa 5 bài đăng "danh sách Ban Thường vụ khóa mới bị rò rỉ", đề nghị thành viên không chia sẻ.',
        'Admin đã gỡ 2 bài viết chia sẻ "danh sách rò rỉ của tỉnh ủy" vì không có nguồn.',
        'Đây là danh sách báo tỉnh đăng sau hội nghị, chính thức nhé, không phải mấy cái "danh sách rò rỉ" hôm trước.',
      ],
      'secret-document',
      false,
    );
  });

  it('keeps the leaked list offered, and the posts counted with no removal', () => {
    expectGroup(
      [
        'Có 5 bài đăng "danh sách Ban Thường vụ khóa mới bị rò rỉ" ai cần inbox mình gửi.',
        'Mình gửi danh sách rò rỉ trước đại hội, không phải mấy cái bản cũ đâu.',
      ],
      'secret-document',
      true,
    );
  });

  it('reads "ADMIN:" with its colon as the moderator’s notice, not "admin ơi"', () => {
    const answering = (text: string) =>
      classifier()
        .classify({ title: '', text })
        .explanations.filter((e) => e.kind === 'fact' && e.weight > 0)
        .map((e) => e.factId);
    for (const t of [
      'ADMIN: bài "đại hội tỉnh họp online toàn bộ" đã bị gỡ, lịch chính thức vẫn họp tập trung.',
      'Quản trị viên: các bài "đại hội tỉnh họp online toàn bộ" là sai.',
    ])
      for (const x of [t, stripDiacritics(t)]) expect(answering(x), x).not.toContain('GL-FORMAT');
    for (const t of ['Admin ơi, "đại hội tỉnh họp online toàn bộ" nha, mọi người ở nhà xem.'])
      for (const x of [t, stripDiacritics(t)]) expect(answering(x), x).toContain('GL-FORMAT');
  });
});

describe('a contest held online (N)', () => {
  it('does not read "cuộc thi trắc nghiệm / thi tìm hiểu trực tuyến" as the congress online', () => {
    expectNoFact(
      [
        'Tỉnh đoàn phát động cuộc thi trắc nghiệm trực tuyến chào mừng Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI.',
        'Huyện tổ chức thi tìm hiểu trực tuyến về Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI.',
      ],
      'GL-FORMAT',
    );
  });

  it('keeps the congress said to meet online', () => {
    expectEachReads([['Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI họp trực tuyến, đại biểu ngồi ở huyện.', 'GL-FORMAT']], factIdsOf);
  });
});

describe('a profile of the committee the first plenum elected, and the duties to be published (N)', () => {
  it('does not read "gương mặt mới" or "sẽ" as told with nobody vouching', () => {
    expectRule(['Trong 15 Ủy viên Ban Thường vụ khóa mới vừa được Hội nghị lần thứ nhất bầu có 4 gương mặt mới.'], 'unattributed-personnel', false);
    expectRule(['Ban Thường vụ khóa mới có 15 đồng chí. Việc phân công cụ thể sẽ được Ban Thường vụ thông báo sau.'], 'unattributed-future', false);
  });

  it('keeps the new faces counted with no electing body, and a settled future about people', () => {
    expectRule(['Ban Thường vụ khóa mới có 4 gương mặt mới, đều là người của ông bí thư.'], 'unattributed-personnel', true);
    expectRule(['Ban Thường vụ khóa mới có 15 đồng chí. Ông Hùng sẽ làm phó bí thư.'], 'unattributed-future', true);
  });
});

describe('a market’s cause and a crew’s quarantine (N)', () => {
  it('does not read a market report’s "do lo ngại" or a printing crew "được cách ly" as a claim', () => {
    expectRule(['Tuần diễn ra Đại hội XIII, VN-Index giảm hơn 5% chủ yếu do lo ngại dịch bệnh quay lại.'], 'unattributed-cause', false);
    expectRule(['Tài liệu Đại hội XIII đã in xong. Toàn bộ công nhân được cách ly tại nhà in trong thời gian in.'], 'unattributed-incident', false);
  });

  it('keeps a cause given for the congress, and the delegates or the crew quarantined after an infection', () => {
    expectRule(['Đại hội XIII bị hoãn do lo ngại dịch bệnh quay lại.'], 'unattributed-cause', true);
    expectRule(['Đoàn đại biểu tỉnh phải cách ly tại khách sạn, không dự được Đại hội XIII.'], 'unattributed-incident', true);
    expectRule(['Nhà in tài liệu Đại hội XIII có ca nhiễm covid, toàn bộ công nhân được cách ly.'], 'unattributed-incident', true);
  });
});

describe('a question between two sources’ values (S)', () => {
  it('reads "trang này ghi …, trang kia ghi …, ngày nào mới đúng?" as asking', () => {
    expectNoFact(['Trang này ghi Đại hội XIII khai mạc 24/1, trang kia ghi 26/1, ngày nào mới đúng vậy mọi người?'], 'NC-DATE');
  });

  it('keeps the values said without a question', () => {
    expectEachReads([['Trang này ghi Đại hội XIII khai mạc 24/1, trang kia ghi 26/1. Ngày nào mới đúng thì ai cũng rõ: 24/1.', 'NC-DATE']], factIdsOf);
  });
});
