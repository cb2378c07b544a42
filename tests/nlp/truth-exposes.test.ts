import { describe, expect, it } from 'vitest';
import { forBothForms } from './helpers.ts';

// "Sự thật về" opening an exposé of the writer's own place or gathering (ninety-sixth pass, the ninety-second pass's
// family T): "Sự thật về đại hội chi bộ ở làng tôi", "sự thật về xã mình" is the post's own claim to reveal, not the
// fact-check heading that rebuts; the heading before a quoted claim, a named clip or a rumour ("Sự thật về clip "…"",
// "Sự thật về cái gọi là "nghị quyết mật"", "Sự thật về tin đồn …") stays a rebuttal. (The form after a call to share,
// "Chia sẻ mạnh để mọi người biết sự thật về …", was built and backed out: see the pass's record.) Phrasings written
// for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone.
const rebuttals = (c: { explanations: { kind: string; term: string }[] }) =>
  c.explanations.filter((e) => e.kind === 'distortion' && e.term === 'rebuttal: sự thật về');

const EXPOSES = [
  'Sự thật về đại hội chi bộ ở làng tôi: ai không theo ý bí thư thì bị gạch tên hết.',
  'Sự thật về đại hội chi bộ thôn mình: kết quả bầu đã sắp đặt từ trước.',
  'Sự thật về xã tôi: kết quả Đại hội Đảng bộ xã đã được sắp đặt từ trước.',
];
const HEADINGS = [
  'Sự thật về clip "Đại hội tỉnh dời sang Kon Tum": đại hội vẫn họp tại Pleiku đúng kế hoạch.',
  'Sự thật về cái gọi là "nghị quyết mật" của Đại hội XIII: văn bản cắt ghép, không có thật.',
  'Sự thật về tin đồn Đại hội Đảng bộ tỉnh bị hoãn: đại hội khai mạc đúng ngày.',
  'Mọi người nên đọc bài Sự thật về "danh sách Ban Thường vụ rò rỉ" trước Đại hội Đảng bộ tỉnh.',
];

describe("'sự thật về' opening an exposé", () => {
  it('is not a rebuttal naming the writer’s own place or gathering', () => {
    forBothForms(EXPOSES, (c, t) => {
      expect(rebuttals(c), t).toEqual([]);
      expect(c.distortion, t).toBe(true);
    });
  });

  it('stays a rebuttal as the heading before a quoted claim, a named clip or a rumour', () => {
    forBothForms(HEADINGS, (c, t) => {
      expect(rebuttals(c).length, t).toBeGreaterThan(0);
      expect(c.distortion, t).toBe(false);
    });
  });
});
