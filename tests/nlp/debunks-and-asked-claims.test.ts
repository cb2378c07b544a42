import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectGroup, factIdsOf, firedGroup, forBothForms, forBothFormsTitled } from './helpers.ts';

// The hundred-and-forty-first pass (study122's R and S on fresh-19: c124-171, c125-126, c125-007, c125-087, c125-129,
// c124-066, c124-156, c126-027, c124-120; read sets c80-067, c91-038, c96-139, c114-101, c76-029, c110-065): a media
// debunk, a denied event, a title that asks a claim in its own words and is answered, a programme's script, a reply line,
// an official text's link asked for, and a generic "only those involved" phrase. Phrasings written for these tests, not
// corpus sentences; as typed and without diacritics, on the lexicons alone.
const weighs = (c: Classification, group: string) => firedGroup(c, group).reduce((s, e) => s + e.weight, 0);
const explained = (c: Classification, term: string) => c.explanations.some((e) => e.term === term);
const DEBUNK = 'discourse: a media debunk';
const REPLY = 'discourse: a reply line answers the question';

describe('a media debunk', () => {
  it('reads a clip or screenshot said doctored, old or cut from another event as a rebuttal, its quoted caption cited', () => {
    forBothForms(
      [
        'Cái clip “đại biểu giơ tay bầu Ban Chấp hành Trung ương” đang lan là cắt từ Đại hội Hội Cựu chiến binh tỉnh năm ngoái nha mọi người.',
        'Đoạn video “Đại hội XIII bầu Ban Chấp hành Trung ương bằng giơ tay” là ghép từ một phim tài liệu năm 2015, mình tìm được bản gốc rồi.',
        'Tấm ảnh “đại biểu giơ tay bầu Ban Chấp hành Trung ương” là ảnh cũ nhé, chụp ở một hội nghị khác.',
      ],
      (c, t) => {
        expect(factIdsOf(c), t).toEqual([]);
        expect(explained(c, DEBUNK), t).toBe(true);
      },
    );
  });

  it('cites the screenshot a debunk names in its sentence (no leak offered)', () => {
    forBothForms(
      [
        'Cái ảnh chụp màn hình “Bí thư nói đại hội tỉnh đã chốt nhân sự” là ghép nha cả nhà, mình xem lại video phiên khai mạc rồi.',
        'Ảnh chụp màn hình “Chủ tịch tỉnh nói sẽ bỏ huyện” bị ghép đó, đừng tin.',
      ],
      (c, t) => expect(weighs(c, 'secret-document'), t).toBe(0),
    );
  });

  it('reads "ko có vụ … đâu" and a clip shot at a wedding as a denied event', () => {
    forBothForms(
      [
        'ko có vụ đại biểu nhận tiền ở cổng hội trường đâu mn, cái clip đó quay ở đám cưới bên Ia Grai á',
        'Không có vụ đại biểu phải nộp 20 triệu để được đi đại hội tỉnh đâu các chị ơi.',
      ],
      (c, t) => expect(explained(c, DEBUNK), t).toBe(true),
    );
  });

  it('keeps a clip offered: shot at the venue, cut from a closed meeting, called real, asked about, turned, or an illustration', () => {
    forBothForms(
      [
        'Clip quay ở hội trường cho thấy đại biểu nhận phong bì trước giờ bầu, xem gấp.',
        'Đoạn clip được cắt từ camera phòng họp kín, ai xem rồi sẽ hiểu.',
        'Clip này không phải là ghép đâu, bạn mình quay tận nơi.',
        'Có phải clip đó là cắt từ đám cưới không?',
        'Clip là ghép từ năm 2016, nhưng chuyện mua ghế là có thật.',
        'Kênh cho rằng cố vấn nước ngoài có mặt ở hậu trường. Hình ảnh minh họa trong video là ảnh chụp từ một hội nghị khác.',
        'Có vụ đại biểu nhận tiền thật đấy, ko có đâu mà chối.',
      ],
      (c, t) => expect(explained(c, DEBUNK), t).toBe(false),
    );
  });
});

describe('a title that asks a claim in its own words, answered', () => {
  it('reads "<claim>? Thông tin sai" and "Re: <claim>?" answered by the text\'s first sentence as a headline denial', () => {
    forBothFormsTitled(
      [
        [
          'Đại hội XIII chuyển vào Đà Nẵng? Thông tin sai',
          'Bài đăng trên một trang lạ khẳng định “Đại hội XIII sẽ họp ở Đà Nẵng”. Thông báo của Ban Tổ chức nêu rõ địa điểm là Hà Nội.',
        ],
        ['Đại hội XIII họp ở Đà Nẵng? Sai sự thật', 'Một tài khoản đăng rằng Đại hội XIII sẽ họp ở Đà Nẵng. Ban Tổ chức đã thông báo địa điểm tại Hà Nội.'],
        ['Re: Đại hội XIII họp ở Đà Nẵng?', 'Không đúng bạn ơi. Đại hội họp tại Nhà Quốc hội, Hà Nội, báo đăng đầy đủ rồi.'],
      ],
      (c, t) => expect(factIdsOf(c), t).toEqual([]),
    );
  });

  it('keeps the claim where the title asks and is not answered, or the answer is no verdict', () => {
    forBothFormsTitled(
      [
        ['Đại hội XIII chuyển vào Đà Nẵng?', 'Mọi người ơi, nghe nói Đại hội XIII sẽ họp ở Đà Nẵng, ai biết không?'],
        ['Đại hội XIII chuyển vào Đà Nẵng? Không ai dám nói', 'Đại hội XIII sẽ họp ở Đà Nẵng, tin chuẩn.'],
        ['Đại hội XIII họp ở Đà Nẵng?', 'Đúng rồi. Đại hội XIII họp ở Đà Nẵng cho an toàn.'],
      ],
      (c, t) => expect(factIdsOf(c), t).toContain('NC-VENUE'),
    );
  });
});

describe("a programme's script", () => {
  it('does not read "kịch bản được duyệt" or "kịch bản chương trình" as sensational, and keeps the plot', () => {
    expectGroup(
      [
        'Nhà hát cho biết toàn bộ tiết mục đã biểu diễn đầy đủ theo kịch bản được duyệt.',
        'Đoàn nghệ thuật tập theo kịch bản chương trình nghệ thuật chào mừng đại hội tỉnh.',
      ],
      'sensational',
      false,
    );
    expectGroup(['Đại hội chỉ bỏ phiếu theo kịch bản đó, ai cũng biết.', 'Hé lộ kịch bản nhân sự đại hội tỉnh.'], 'sensational', true);
  });
});

describe('a reply line', () => {
  it('reads "Trả lời chị hỏi vụ “…”: không đúng" and "Trả lời bạn viết “…”: … bạn nhầm" as a rebuttal', () => {
    forBothForms(
      [
        'Trả lời chị hỏi vụ “đại hội tỉnh phải bầu lại Ban Chấp hành vì thiếu phiếu”: không đúng đâu chị, kết quả công bố từ chiều 22/10.',
        'Trả lời bạn viết “chi bộ thôn tháng 8 mới họp”: thôn mình họp xong từ tháng 5, có biên bản. Chắc bạn nhầm với họp thôn.',
      ],
      (c, t) => expect(explained(c, REPLY), t).toBe(true),
    );
  });

  it('does not read a reply line that agrees, nor one in the middle of a sentence', () => {
    forBothForms(
      ['Trả lời chị hỏi vụ “đại hội tỉnh phải bầu lại”: đúng đó chị, bầu lại thật.', 'Hôm qua mình có trả lời chị hỏi “…” rồi, không đúng đâu.'],
      (c, t) => expect(explained(c, REPLY), t).toBe(false),
    );
  });
});

describe('the asker and the generic phrase (S)', () => {
  it('does not read a link asked for to an official text as a call to share, and keeps the post itself', () => {
    expectGroup(
      ['Có ai biết Ban Chấp hành tỉnh khóa mới bao nhiêu người? Ai có link thông cáo gửi giùm.', 'Bạn nào có link văn kiện đại hội tỉnh cho mình xin.'],
      'share-before-removal',
      false,
    );
    expectGroup(['nghe đồn đại hội có người mua ghế, ai có link bài gốc cho mình xin, chắc bị xoá rồi'], 'share-before-removal', true);
  });

  it('does not read "chỉ người trong cuộc mới …" as an insider, and keeps a named insider', () => {
    expectGroup(['Ý kiến cá nhân thôi, chuyện tăng ca thì chỉ người trong cuộc mới nói được rõ.'], 'insider', false);
    expectGroup(['Người trong cuộc kể danh sách đã chốt từ tháng trước.'], 'insider', true);
  });
});
