import { describe, expect, it } from 'vitest';
import { typedSequence } from '../../pipeline/nlp/cue-compile.ts';
import { typedSequenceAt } from '../../pipeline/nlp/quotations.ts';
import { prepareText } from '../../pipeline/nlp/text.ts';

describe('typedSequenceAt (phrases of each list in turn, as typed)', () => {
  const seq = typedSequence([
    ['tôi', 'chúng tôi'],
    ['không hề', 'chưa từng'],
    ['nói', 'nói là', 'phát ngôn'],
  ]);
  it('reads one phrase of each list in order, in consecutive tokens', () => {
    expect(typedSequenceAt(prepareText('Tôi không hề nói thế'), 0, seq)).toBe(4);
    expect(typedSequenceAt(prepareText('Chúng tôi chưa từng phát ngôn'), 0, seq)).toBe(6);
    expect(typedSequenceAt(prepareText('Nó nói tôi không hề nói'), 2, seq)).toBe(4);
  });
  it('takes the first combination in the lists order (the shorter verb listed first)', () => {
    expect(typedSequenceAt(prepareText('tôi không hề nói là'), 0, seq)).toBe(4);
  });
  it('reads a phrase typed without diacritics, not one typed with other accents', () => {
    expect(typedSequenceAt(prepareText('toi khong he noi'), 0, seq)).toBe(4);
    expect(typedSequenceAt(prepareText('tôi không hề nòi'), 0, seq)).toBe(0);
    expect(typedSequenceAt(prepareText('tôi không hệ nói'), 0, seq)).toBe(0);
  });
  it('needs every list: a missing or misplaced part reads nothing', () => {
    expect(typedSequenceAt(prepareText('tôi không hề'), 0, seq)).toBe(0);
    expect(typedSequenceAt(prepareText('tôi nói không hề'), 0, seq)).toBe(0);
    expect(typedSequenceAt(prepareText('không hề nói'), 0, seq)).toBe(0);
    expect(typedSequenceAt(prepareText('anh không hề nói'), 0, seq)).toBe(0);
  });
});
