import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { forBothForms, contradictionsOf } from './helpers.ts';

// Seventy-eighth pass (fresh-5's replies in the writer's own voice: c67-004, c67-200): a reply quotes the message it
// answers on a line of its own, "> …", and answers it below in its own words. Phrasings written for these tests.

const cueTerms = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight > 0).map((e) => e.term);
const contradictions = (c: Classification) => contradictionsOf(c).map((e) => e.term);

describe('a line a reply quotes ("> …") is the message it answers', () => {
  it("its cues and its claims against the sheet are the quoted message's, not the writer's", () => {
    forBothForms(
      [
        '> nghe nói Đại hội Đảng bộ tỉnh lùi sang tháng 11, nguồn tin nội bộ...\nKhông đâu chị, lịch họp vẫn như Văn phòng Tỉnh ủy đã thông báo, chị đừng lo.',
        'Trả lời anh Tư:\n> "Đại hội Đảng bộ tỉnh chỉ họp 2 ngày thôi, nghe người nhà kể"\nChương trình vẫn là 3 ngày anh ơi, em vừa xem trên báo tỉnh.',
      ],
      (c, t) => {
        expect(cueTerms(c), t).toEqual([]);
        expect(contradictions(c), t).toEqual([]);
        expect(c.distortion, t).toBe(false);
      },
    );
  });

  it("a forward of quoted lines alone stays the item's own, and so does a reply that asserts the rumour itself", () => {
    forBothForms(
      [
        '> Nghe nói Đại hội Đảng bộ tỉnh lùi sang tháng 11, nguồn tin nội bộ, danh sách Ban Thường vụ đã chốt sẵn.\n> Share gấp kẻo bị xóa.',
        '> Đại hội Đảng bộ tỉnh năm nay có gì mới không mọi người?\nNghe nói lùi sang tháng 11, nguồn tin nội bộ, danh sách Ban Thường vụ đã chốt sẵn hết rồi.',
      ],
      (c, t) => expect(c.distortion, `${t}: ${cueTerms(c).join(', ')}`).toBe(true),
    );
  });
});
