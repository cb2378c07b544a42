import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectEachReads, expectGroup, factIdsOf, forBothForms } from './helpers.ts';

// The hundred-and-fifteenth pass (study113's ranks 1 and 2, fresh-13's families R and N). R: a clarification, debunk,
// moderator's notice or denial quoting the wrong version — the ward's or office's answer opening "Liên quan đến bài viết
// … cho rằng '…'" or "Phản hồi bài viết …" (c99-120, c101-009), a company's "bản tin nội bộ" named as a source (c100-047,
// c100-081), the recording called spliced or old, or asked to be posted (c99-101, c99-126, c99-087), the moderator's own
// sanction "sẽ bị xóa" (c99-009), advice to read before sharing (c100-016), the quote a speaker is said not to have said
// (c100-090). N: a lexicon misread in plain news, profiles and legal columns — the public watching "qua màn hình"
// (c100-127, c101-085), "một trong những gương mặt mới" in a profile (c101-016), an irregularity under "nếu" (c102-050),
// "giơ tay" conceded to another use and "không công bố danh sách nào" (c102-105). Phrasings written for these tests, not
// corpus sentences; as typed and without diacritics, on the lexicons alone (the configured sheet).
const terms = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight > 0).map((e) => e.term);
const expectRule = (texts: string[], rule: string, want: boolean) =>
  forBothForms(texts, (c, t) => expect(terms(c).includes(`rule ${rule}`), `${t} → ${terms(c).join(', ')}`).toBe(want));

describe('the clarification register quotes the post it answers (R)', () => {
  it('reads the cues inside the quotation after "Liên quan đến / Phản hồi bài viết …" as the post’s', () => {
    expectGroup(
      [
        'Liên quan đến bài viết trên nhóm Zalo tổ dân phố cho rằng "chi bộ tổ 3 đã cài sẵn bí thư, đại hội chỉ là hình thức", Đảng ủy phường cho biết đại hội chi bộ đã bầu bằng phiếu kín.',
        'Phản hồi bài viết trên một trang mạng cho rằng "đại hội chỉ là hình thức, cài sẵn hết rồi", Ban Tổ chức Huyện ủy khẳng định kết quả do đại biểu bầu.',
      ],
      'pre-arranged',
      false,
    );
  });

  it('keeps the claim such an opener asserts outside quotation marks, and the same quotation with no opener', () => {
    expectGroup(
      [
        'Liên quan đến bài viết hôm qua, mình nói luôn: chi bộ tổ 3 đã cài sẵn bí thư, đại hội chỉ là hình thức.',
        'Bạn mình nhắn: "chi bộ tổ 3 đã cài sẵn bí thư, đại hội chỉ là hình thức", đại hội tỉnh cũng vậy.',
      ],
      'pre-arranged',
      true,
    );
  });
});

describe('an internal bulletin, not inside information (R)', () => {
  it('reads "bản tin nội bộ" as a kind of newsletter', () => {
    expectGroup(
      [
        'Có bản tin nội bộ của công ty ghi đại hội tỉnh có 400 đại biểu; Ban Tổ chức Đại hội xác nhận số đại biểu chính thức.',
        'Một số bản tin nội bộ doanh nghiệp đưa tin về đoàn đại biểu dự Đại hội XIII.',
      ],
      'insider',
      false,
    );
  });

  it('keeps "tin nội bộ" as the insider cue', () => {
    expectGroup(
      ['Tin nội bộ: đại hội tỉnh đã chốt xong Ban Thường vụ từ tuần trước.', 'Đọc được tin nội bộ: đại hội tỉnh sẽ lùi sang tháng 11.'],
      'insider',
      true,
    );
  });
});

describe('a recording called spliced or old, or asked to be posted (R)', () => {
  // (the recordings are secret-document's, in a group of their own: secret-document-recording)
  const expectRecording = (texts: string[], want: boolean) =>
    forBothForms(texts, (c, t) =>
      expect(
        terms(c).some((x) => x.startsWith('secret-document')),
        `${t} → ${terms(c).join(', ')}`,
      ).toBe(want),
    );

  it('does not read the recording as offered', () => {
    expectRecording(
      [
        'Chuyện "loa xã nói đại hội huyện bị hủy" là không phải đâu bà con. File ghi âm kia là ghép.',
        'Cái đoạn ghi âm "loa thôn" anh gửi là của mấy năm trước, hồi bầu trưởng thôn, không phải đại hội huyện.',
        'Tôi đề nghị các xã đăng file ghi âm lên trang thông tin điện tử để bà con nghe lại bản tin đại hội.',
      ],
      false,
    );
  });

  it('keeps the recording forwarded', () => {
    expectRecording(
      [
        'Mọi người nghe file ghi âm cuộc họp chia ghế trước đại hội tỉnh này, nghe rõ giọng mấy ông lớn.',
        'Gửi cả nhà đoạn ghi âm loa xã tối qua: "kết quả đại hội huyện bị hủy, phải bầu lại".',
      ],
      true,
    );
  });
});

describe('the moderator’s sanction and advice to check before sharing (R)', () => {
  it('reads "sẽ bị xóa / chặn" on posts as the notice’s own rule, not a settled future', () => {
    expectRule(
      [
        'Từ hôm nay, các bài đăng danh sách nhân sự đại hội sẽ bị xóa và tài khoản đăng sẽ bị chặn.',
        'Bài nào đăng danh sách Ban Chấp hành khóa mới không có nguồn sẽ bị gỡ.',
      ],
      'unattributed-future',
      false,
    );
  });

  it('keeps a settled future about people’s posts', () => {
    expectRule(['Đại hội tỉnh tuần sau ông Hùng sẽ lên bí thư, ông Nam sẽ về hưu.'], 'unattributed-future', true);
  });

  it('reads "đọc kỹ / kiểm tra … trước khi share" as advice, and keeps the call to share', () => {
    expectGroup(
      ['Ảnh "nghị quyết đại hội tỉnh" kia là chế. Đọc kỹ trước khi share giùm cái.', 'Mọi người kiểm tra nguồn trước khi chia sẻ tin về nhân sự đại hội nhé.'],
      'share-before-removal',
      false,
    );
    expectGroup(['Danh sách Ban Thường vụ khóa mới đây, share giùm trước khi bị xóa.'], 'share-before-removal', true);
  });
});

describe('a quote the speaker is said not to have said (R)', () => {
  it('does not read the unnamed speaker of a denied quote as its source', () => {
    forBothForms(
      [
        'Tôi xin nói rõ: ông chủ tịch công đoàn KHÔNG hề nói câu "danh sách Ban Chấp hành tỉnh đã duyệt hết rồi" như bài đang lan truyền.',
        'Một cán bộ chưa từng nói "đại hội tỉnh chỉ là hình thức", đó là câu bịa.',
      ],
      (c, t) => expect(terms(c), t).not.toContain('quote-vague-speaker'),
    );
  });

  it('keeps the quotation an unnamed speaker is said to have said', () => {
    forBothForms(['Ông chủ tịch công đoàn nói "danh sách Ban Chấp hành tỉnh đã duyệt hết rồi", đại hội chỉ bỏ phiếu cho có.'], (c, t) =>
      expect(terms(c), t).toContain('quote-vague-speaker'),
    );
  });
});

describe('the public watching the congress by screen (N)', () => {
  it('reads "theo dõi … qua màn hình" as how the watchers see it', () => {
    forBothForms(
      [
        'Giờ nghỉ trưa, công nhân khu công nghiệp theo dõi Đại hội XIII qua màn hình lắp tại nhà ăn.',
        'Sáng nay bà con trong làng tập trung ở nhà văn hóa theo dõi phiên khai mạc Đại hội XIII qua màn hình lớn.',
      ],
      (c, t) => expect(factIdsOf(c), t).not.toContain('NC-VENUE'),
    );
  });

  it('keeps the delegates at the screen', () => {
    expectEachReads(
      [
        ['Vì dịch, Đại hội XIII chỉ có một phần đại biểu vào hội trường, số còn lại ngồi khách sạn xem qua màn hình.', 'NC-VENUE'],
        ['Đại hội XIII năm nay đại biểu các tỉnh họp qua màn hình hết.', 'NC-VENUE'],
      ],
      factIdsOf,
    );
  });
});

describe('a profile placing one person among the new members (N)', () => {
  it('does not read "(là) một trong những gương mặt mới của …" as a personnel outcome told', () => {
    expectRule(['Chị Hoa, người dân tộc Bahnar, là một trong những gương mặt mới của Ban Chấp hành Đảng bộ tỉnh khóa XVI.'], 'unattributed-personnel', false);
  });

  it('keeps a list counting its new faces', () => {
    expectRule(['Ban Thường vụ tỉnh khóa mới có 3 gương mặt mới, toàn người của ông bí thư.'], 'unattributed-personnel', true);
  });
});

describe('a condition, not an event (N)', () => {
  it('does not read an irregularity under "nếu / trong trường hợp" as settled', () => {
    expectRule(
      [
        'Theo điều lệ, đại biểu có thể không được công nhận tư cách nếu bị kỷ luật trước đại hội.',
        'Trong trường hợp đại biểu bị kỷ luật, đại hội xem xét tư cách đại biểu đó.',
      ],
      'unsourced-irregularity',
      false,
    );
  });

  it('keeps the irregularity stated as settled', () => {
    expectRule(['Đại hội tỉnh vừa rồi có ba đại biểu bị kỷ luật mà vẫn được dự.'], 'unsourced-irregularity', true);
  });
});

describe('the show of hands conceded to another use; nothing published over "any" (N)', () => {
  it('does not read "giơ tay" conceded as the claim', () => {
    forBothForms(
      [
        'Đại hội có thể biểu quyết số lượng, danh sách bằng giơ tay, nhưng bầu nhân sự Ban Chấp hành Trung ương luôn là phiếu kín.',
        'Tại Đại hội XIII, biểu quyết giơ tay chỉ áp dụng cho các nội dung như thông qua chương trình, quy chế.',
      ],
      (c, t) => expect(factIdsOf(c), t).not.toContain('NC-PERSONNEL'),
    );
  });

  it('keeps "giơ tay" claimed, or set against "phiếu kín" denied', () => {
    expectEachReads(
      [
        ['Đại hội XIII bầu Ban Chấp hành Trung ương bằng giơ tay cho nhanh.', 'NC-PERSONNEL'],
        ['Đại hội XIII bầu Ban Chấp hành Trung ương bằng giơ tay, nhưng không bỏ phiếu kín nữa.', 'NC-PERSONNEL'],
      ],
      factIdsOf,
    );
  });

  it('does not read "không công bố danh sách nào" as a result kept quiet', () => {
    expectRule(
      ['Đại hội XIII bầu Ban Chấp hành Trung ương bằng phiếu kín tại Đại hội; trước đó không công bố danh sách nào.'],
      'unsourced-irregularity',
      false,
    );
    expectRule(['Kết quả bầu Ban Thường vụ tỉnh không công bố, ai cũng biết là có vấn đề.'], 'unsourced-irregularity', true);
  });
});
