import { describe, expect, it } from 'vitest';
import { forBothForms } from './helpers.ts';

// "Sự thật về" opening an exposé (ninety-sixth pass, the ninety-second pass's family T): after a call to share so that
// others know ("Chia sẻ mạnh để mọi người biết sự thật về …", "Share cho bà con biết sự thật về …") or naming the
// writer's own place or gathering ("Sự thật về đại hội chi bộ ở làng tôi", "sự thật về xã mình") it is the post's own
// claim to reveal, not the fact-check heading that rebuts; the heading before a quoted claim, a named clip or a rumour
// ("Sự thật về clip "…"", "Sự thật về cái gọi là "nghị quyết mật"", "Sự thật về tin đồn …") stays a rebuttal.
// Phrasings written for these tests, not corpus sentences; as typed and without diacritics, on the lexicons alone.
const rebuttals = (c: { explanations: { kind: string; term: string }[] }) =>
  c.explanations.filter((e) => e.kind === 'distortion' && e.term === 'rebuttal: sự thật về');

const EXPOSES = [
  'Đại biểu nào cũng được dặn trước phải gạch ai. Chia sẻ mạnh để mọi người biết sự thật về cái gọi là bầu cử ở đại hội tỉnh.',
  'Danh sách trúng cử đã có từ tháng 8. Share cho bà con biết sự thật về Đại hội Đảng bộ tỉnh lần này!',
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
  it('is not a rebuttal after a call to share so that others know, nor naming the writer’s own place', () => {
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
