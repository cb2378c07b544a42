import { describe, expect, it } from 'vitest';
import type { Explanation } from '../../core/types.ts';
import { flagReasons } from '../../cli/reasons.ts';

const span = { field: 'text' as const, start: 0, end: 1 };
const cue = (matched: string, weight: number, term = matched, note?: string): Explanation => ({ kind: 'distortion', term, matched, weight, note, ...span });
const fact = (factId: string, matched: string, start: number, weight: number, claim: string, discounted = ''): Explanation => ({
  kind: 'fact',
  term: factId,
  factId,
  matched,
  weight,
  field: 'text',
  start,
  end: start + matched.length,
  note: `${claim} — contradicts ${factId}: the sheet's statement${discounted}`,
  statement: "the sheet's statement",
});

describe('flagReasons', () => {
  it('puts a contradiction of the sheet first, then cues by weight, then learned cues', () => {
    const line = flagReasons([
      { kind: 'distortion', term: 'learned cue: bi hoan', matched: 'bị hoãn', weight: 0.9, ...span },
      cue('nghe nói', 1),
      cue('share mạnh', 2),
      fact('GL-DATE', 'tháng 12', 0, 2.5, 'claims the congress is postponed'),
    ]);
    expect(line).toEqual([
      "against the sheet (GL-DATE), claims the congress is postponed: “tháng 12”; the sheet says “the sheet's statement”",
      'cue “share mạnh”',
      'cue “nghe nói”',
    ]);
  });

  it("says what a passage means: the claim the sheet contradicts, the cue family's note", () => {
    const line = flagReasons([
      cue('Ông bí thư tỉnh phát biểu', 1.5, 'quote-vague-speaker', 'quotation attributed to an unnamed speaker ("ông bí thư")'),
      fact('GL-BTV', '21 người', 10, 0, 'says 21 người; official 15'),
    ]);
    expect(line).toEqual([
      "against the sheet (GL-BTV), says 21 người; official 15: “21 người”; the sheet says “the sheet's statement”",
      'quotation attributed to an unnamed speaker ("ông bí thư"): “Ông bí thư tỉnh phát biểu”',
    ]);
  });

  it('shows a passage once: a cue read on words already shown as a contradiction gives way to the next reason', () => {
    const hoan = { field: 'text' as const, start: 30, end: 37 };
    const line = flagReasons([
      {
        kind: 'fact',
        term: 'GL-DATE',
        factId: 'GL-DATE',
        matched: 'bị hoãn',
        weight: 2.5,
        note: 'claims the congress is postponed — contradicts GL-DATE: …',
        statement: '…',
        ...hoan,
      },
      { kind: 'distortion', term: 'claimed-incident: bị hoãn', matched: 'bị hoãn', weight: 2, note: 'an incident stated as having happened', ...hoan },
      cue('nghe nói', 1, 'hearsay: nghe nói', 'claim resting on hearsay'),
    ]);
    expect(line).toEqual([
      'against the sheet (GL-DATE), claims the congress is postponed: “bị hoãn”; the sheet says “…”',
      'claim resting on hearsay: “nghe nói”',
    ]);
  });

  it('names a fact once, at the passage the item says first, and a cue family once, at its weightiest passage', () => {
    const line = flagReasons([
      fact('GL-BTV', 'bấm nút', 40, 2.5, 'claims a personnel list exists before the vote'),
      fact('GL-BTV', '21 người', 10, 0, 'says 21 người; official 15'),
      cue('ai lưu được', 2, 'share-before-removal: ai lưu được'),
      cue('đang bị xóa', 2.5, 'share-before-removal: đang bị xóa'),
    ]);
    expect(line).toEqual(["against the sheet (GL-BTV), says 21 người; official 15: “21 người”; the sheet says “the sheet's statement”", 'cue “đang bị xóa”']);
  });

  it("quotes the sheet's statement alone, not the note's words after it (a discounted contradiction's why)", () => {
    const line = flagReasons([fact('GL-DATE', 'tháng 12', 0, 1.25, 'claims the congress is postponed', ' — discounted ×0.5: the item denies it')]);
    expect(line).toEqual(["against the sheet (GL-DATE), claims the congress is postponed: “tháng 12”; the sheet says “the sheet's statement”"]);
  });

  it('leaves out what weighs nothing: cited facts, congress terms, negative evidence, unweighted rumour passages', () => {
    const line = flagReasons([
      { kind: 'fact', term: 'GL-VENUE', factId: 'GL-VENUE', matched: 'Kon Tum', weight: 0, cited: true, ...span },
      { kind: 'congress', term: 'đại hội', matched: 'Đại hội', weight: 2.5, ...span },
      { kind: 'negative', term: 'bác bỏ', matched: 'bác bỏ', weight: -1, ...span },
      { kind: 'rumour', term: 'confirmed:abc', matched: 'hoãn sang tháng 12', weight: 0, ...span },
      { kind: 'distortion', term: 'learned cue: nghe noi', matched: 'nghe nói', weight: 0.2, ...span },
    ]);
    expect(line).toEqual(['learned cue “nghe nói”']);
  });

  it('names a cue family once, shortens long ones and stops at the limit', () => {
    const long = 'tin từ bên trong ban tổ chức cho biết danh sách đã được sắp xếp từ trước rất lâu rồi';
    const line = flagReasons([cue('nghe nói', 1, 'hearsay: nghe nói'), cue('nghe đồn', 1, 'hearsay: nghe đồn'), cue(long, 0.5), cue('rò rỉ', 0.4)], 2);
    expect(line).toHaveLength(2);
    expect(line[0]).toBe('cue “nghe nói”');
    expect(line[1]).toMatch(/^cue “tin từ bên trong .*…”$/);
    expect(flagReasons([])).toEqual([]);
  });

  it('cuts a long note at a clause, not inside the quotation it opens', () => {
    const note = 'claim sourced to an unnamed insider, a relative or a friend "working at the provincial committee", inside sources';
    expect(flagReasons([cue('Người trong cuộc', 2, 'insider: người trong cuộc', note)])).toEqual(['claim sourced to an unnamed insider…: “Người trong cuộc”']);
    // no clause break early enough: cut at a word
    const plain = 'sensational framing that presents an ordinary procedural matter as a shocking scandal for readers';
    expect(flagReasons([cue('SỐC', 1, 'clickbait: sốc', plain)])[0]).toMatch(/^sensational framing that .*[a-z]…: “SỐC”$/);
  });
});
