import { describe, it } from 'vitest';
import { expectGroup } from './helpers.ts';

// Syllables a cue shares with a longer word, typed without diacritics (eighty-first pass): "cho tin hieu" is
// "chờ tín hiệu", not the rebuttal "chớ tin"; "dai hoi truoc 31/5" is the congress before a date, not "hỏi trước"
// (asks to be told first). The word wins over the cue it crosses (`words` in distortion-cues.yaml). Typed with
// accents the accents decide, on main as here: the tests fail on main in the form without diacritics. Phrasings
// written for these tests, not corpus sentences; on the lexicons alone.
describe('a cue crossed by a longer word, without diacritics', () => {
  it('reads "tín hiệu" and its kin as no rebuttal', () => {
    expectGroup(
      ['Nhà đầu tư chờ tín hiệu từ Đại hội XIII, Đại hội khai mạc ngày 25/1 tại Hà Nội.', 'Ngân hàng chờ tín dụng mới sau Đại hội XIII, mọi người tính sao?'],
      'rebuttal',
      false,
    );
  });

  it('reads "đại hội trước" as the congress before a date, not a question asked first', () => {
    expectGroup(
      [
        'Chi bộ nào không hoàn thành đại hội trước 31/5 thì đảng viên bị xóa tên, không có văn bản.',
        'Các xã phải xong đại hội trước tháng 6, chậm là kỷ luật hết.',
      ],
      'asks-to-be-told',
      false,
    );
  });

  it('keeps the rebuttal and the question where no longer word crosses them', () => {
    expectGroup(['Chớ tin mấy trang đó, Đại hội XIII vẫn họp ở Hà Nội.', 'Đừng tin tin đồn Đại hội XIII bị hoãn.'], 'rebuttal', true);
    expectGroup(['Ai có lịch đại hội tỉnh thì cho em hỏi trước nhé, em cần đi họp.'], 'asks-to-be-told', true);
  });
});
