import { describe, it } from 'vitest';
import { expectCongress } from './helpers.ts';

// The 159th pass (study126's H, rank 3): the Bar Association ("Đoàn Luật sư", its board "Ban Chủ nhiệm … khóa mới") and
// a world congress of a science ("Đại hội Toán học thế giới (ICM)") hold their own gatherings (config/gatherings.yaml);
// the Party's congress named beside them stays a congress item. Phrasings written for these tests, not corpus sentences;
// each as typed and with its diacritics stripped (expectCongress), on the lexicons alone.

describe('the Bar Association and a world congress of a science as holders', () => {
  it('holds the bar’s gathering and its board’s new term, and the world congress', () => {
    expectCongress(
      [
        'Đoàn Luật sư tỉnh tổ chức Đại hội nhiệm kỳ 2020-2025, bầu Ban Chủ nhiệm gồm 5 luật sư.',
        'Rò rỉ danh sách Ban Chủ nhiệm Đoàn Luật sư khóa mới: 5 người đã được chốt từ trước, đại hội chỉ là hình thức.',
        'Đại hội Đoàn Luật sư thành phố năm nay bầu chủ nhiệm mới, nhiều luật sư trẻ ứng cử.',
        'Đại hội Toán học thế giới (ICM) chuyển sang hình thức trực tuyến?',
        'Ban Tổ chức Đại hội Toán học thế giới 2022 đang cân nhắc hình thức kết hợp.',
      ],
      false,
    );
  });

  it('keeps the Party’s congress named beside them a congress item', () => {
    expectCongress(
      [
        'Đoàn Luật sư tỉnh tổ chức tuyên truyền chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI.',
        'Luật sư trong Đoàn Luật sư là đảng viên sẽ dự Đại hội Đảng bộ phường tuần tới.',
        'Trong khi Đại hội Toán học thế giới họp trực tuyến, Đại hội XIII vẫn họp tập trung tại Hà Nội.',
      ],
      true,
    );
  });
});
