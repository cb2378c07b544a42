import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { forBothForms } from './helpers.ts';

// A count tied to what is named right after its unit (seventieth pass): "…, 14 người đi đại hội toàn quốc" counts
// the delegation to the national congress, not the standing committee named in the clause before. Phrasings
// written for these tests, not corpus sentences; the configured sheet (Gia Lai: 53 members of the committee, 15 of
// its standing committee, a delegation of 15).
const contradicted = (c: Classification) => c.explanations.filter((e) => e.kind === 'fact').map((e) => e.factId);

describe('a count followed by its destination', () => {
  it('is the delegation, not the body named in an earlier clause', () => {
    forBothForms(
      [
        'Đại hội tỉnh xong rồi nha: 53 người vô Ban Chấp hành, 15 người Ban Thường vụ, 20 người đi đại hội toàn quốc.',
        'Ban Thường vụ Tỉnh ủy 15 đồng chí, còn 21 đồng chí đi dự Đại hội XIII.',
      ],
      (c, t) => {
        expect(contradicted(c), t).toContain('GL-NATIONAL-DELEGATION');
        expect(contradicted(c), t).not.toContain('GL-BTV');
      },
    );
  });

  it('agrees when the delegation is the official one, and leaves the count before its context in its own clause', () => {
    forBothForms(
      [
        'Đại hội tỉnh xong rồi nha: 53 người vô Ban Chấp hành, 15 người Ban Thường vụ, 15 người đi đại hội toàn quốc.',
        'Đại hội Đảng bộ tỉnh bầu Ban Thường vụ 15 đồng chí, 15 đồng chí đi dự Đại hội XIII.',
      ],
      (c, t) => expect(contradicted(c), t).toEqual([]),
    );
    // the committee named before the count in its own clause still decides
    forBothForms(['Đại hội Đảng bộ tỉnh bầu Ban Thường vụ 17 đồng chí đi dự Đại hội XIII.'], (c, t) => expect(contradicted(c), t).toContain('GL-BTV'));
  });
});
