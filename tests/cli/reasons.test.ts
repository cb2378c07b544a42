import { describe, expect, it } from 'vitest';
import type { Explanation } from '../../core/types.ts';
import { flagReasons } from '../../cli/reasons.ts';

const span = { field: 'text' as const, start: 0, end: 1 };
const cue = (matched: string, weight: number, term = matched): Explanation => ({ kind: 'distortion', term, matched, weight, ...span });

describe('flagReasons', () => {
  it('puts a contradiction of the sheet first, then cues by weight, then learned cues', () => {
    const line = flagReasons([
      { kind: 'distortion', term: 'learned cue: bi hoan', matched: 'bị hoãn', weight: 0.9, ...span },
      cue('nghe nói', 1),
      cue('share mạnh', 2),
      { kind: 'fact', term: 'GL-DATE', factId: 'GL-DATE', matched: 'tháng 12', weight: 2.5, ...span },
    ]);
    expect(line).toBe('contradicts GL-DATE: “tháng 12”; cue “share mạnh”; cue “nghe nói”');
  });

  it('leaves out what weighs nothing: cited facts, congress terms, negative evidence, unweighted rumour passages', () => {
    const line = flagReasons([
      { kind: 'fact', term: 'GL-VENUE', factId: 'GL-VENUE', matched: 'Kon Tum', weight: 0, cited: true, ...span },
      { kind: 'congress', term: 'đại hội', matched: 'Đại hội', weight: 2.5, ...span },
      { kind: 'negative', term: 'bác bỏ', matched: 'bác bỏ', weight: -1, ...span },
      { kind: 'rumour', term: 'confirmed:abc', matched: 'hoãn sang tháng 12', weight: 0, ...span },
      { kind: 'distortion', term: 'learned cue: nghe noi', matched: 'nghe nói', weight: 0.2, ...span },
    ]);
    expect(line).toBe('learned cue “nghe nói”');
  });

  it('names each passage once, shortens long ones and stops at the limit', () => {
    const long = 'tin từ bên trong ban tổ chức cho biết danh sách đã được sắp xếp từ trước rất lâu rồi';
    const line = flagReasons([cue('nghe nói', 1), cue('nghe nói', 1, 'hearsay-2'), cue(long, 0.5), cue('rò rỉ', 0.4)], 2);
    expect(line.split('; ')).toHaveLength(2);
    expect(line).toMatch(/^cue “nghe nói”; cue “tin từ bên trong .*…”$/);
    expect(flagReasons([])).toBe('');
  });
});
