import { describe, expect, it } from 'vitest';
import { expectGroup, forBothForms } from './helpers.ts';

// Phrases read as another cue (sixty-second pass). Phrasings written for these tests, not corpus
// sentences; each is checked as typed and without diacritics, on the lexicons alone.

describe('"là / thì gia …" typed without diacritics: giả only where nothing else reads', () => {
  it('reads a price after "thì / là", by the word after it or an amount, not the rebuttal "thì giả"', () => {
    expectGroup(
      [
        'Nghe nói ghế Thường vụ thì giá gấp đôi.',
        'Nghe nói ghế Thường vụ khóa này thì giá 5 tỷ.',
        'Người ta đồn một suất Tỉnh ủy là giá vài tỷ, ghế Bí thư thì giá cao hơn.',
        'Nghe nói ghế ủy viên thì giá 1,5 tỷ đồng.',
        'Ghế Phó Bí thư thì giá bao nhiêu ai cũng biết.',
      ],
      'rebuttal',
      false,
    );
  });

  it('reads "gia" words (Gia Lai, gia đình, già làng) after "tin / là / thì", not "tin giả" or "là giả"', () => {
    expectGroup(
      [
        'Nghe nói thông tin Gia Lai đã chốt Bí thư rồi.',
        'Đại biểu đoàn huyện đều là gia đình ông ấy.',
        'Nhân sự lần này là gia đình trị cả.',
        'Đại biểu xã thì già làng cũng được bầu.',
      ],
      'rebuttal',
      false,
    );
  });

  it('keeps the rebuttals "là giả", "thì giả", "tin giả" with what follows them', () => {
    expectGroup(
      [
        'Tin Đại hội tỉnh bị hoãn là giả.',
        'Mấy cái ảnh đó thì giả hết.',
        'Văn bản đang lan truyền là giả 100%.',
        'Danh sách Thường vụ đó đều là giả cả.',
        'Tin Đại hội bị hoãn là thông tin giả, đừng tin.',
        'Cái danh sách đó là giả nha bà con.',
      ],
      'rebuttal',
      true,
    );
  });

  it('keeps the claim of a price bought with its hearsay a distortion without diacritics', () => {
    forBothForms(['Đại hội tỉnh khóa này phải lo vài tỷ, nghe nói ghế Thường vụ thì giá gấp đôi.'], (c, t) =>
      expect(c.distortion, `${t} (${c.scores.distortion})`).toBe(true),
    );
  });
});

describe('"giang hồ (mạng)": a crowd of nobody in particular, as a speaker of hearsay', () => {
  it('reads the underworld of the net spreading a rumour as hearsay', () => {
    expectGroup(
      ['Giang hồ mạng đồn khóa này thay Bí thư tỉnh.', 'Nghe giang hồ đồn Đại hội tỉnh có hội đồng đen.', 'Dân giang hồ đang nói Thường vụ chốt rồi.'],
      'hearsay',
      true,
    );
  });

  it('reads no hearsay in the underworld that says nothing', () => {
    expectGroup(['Công an bắt nhóm giang hồ đòi nợ ở Pleiku.', 'Phim về giang hồ mạng ăn khách dịp cuối năm.'], 'hearsay', false);
  });
});
