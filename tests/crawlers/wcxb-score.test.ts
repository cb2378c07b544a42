// WCXB's scoring must be its evaluate.py's, or our figures would not compare with the ones it
// publishes. Expected values were computed with evaluate.py's word_f1 itself (commit c039d5e).
import { describe, expect, it } from 'vitest';
import { scoreWcxb, wcxbGroup, wordScores, type WcxbPage } from '../../bench/wcxb.ts';

const cases: Array<[reference: string, prediction: string, expected: [number, number, number]]> = [
  // Case and punctuation do not count; a word counts as often as the gold has it.
  ['the quick brown fox jumps over the lazy dog', 'The quick, brown fox jumps over a lazy dog', [8 / 9, 8 / 9, 8 / 9]],
  // Unicode words (Vietnamese diacritics) are tokens.
  ['Việt Nam, tỉnh Gia Lai khai mạc đại hội', 'việt nam tỉnh Gia Lai khai mạc đại hội hôm nay', [9 / 11, 1, 0.9]],
  ['a a a b', 'a b b', [2 / 3, 0.5, 0.5714285714285715]],
  ['a b c', '', [0, 0, 0]],
  // An empty gold is matched only by an empty output.
  ['', '', [1, 1, 1]],
  ['', 'extra words', [0, 0, 0]],
];

describe('WCXB scoring (evaluate.py)', () => {
  it('scores clipped word counts per page', () => {
    for (const [reference, prediction, expected] of cases) {
      wordScores(prediction, reference).forEach((value, i) => expect(value, `${reference} / ${prediction}`).toBeCloseTo(expected[i], 12));
    }
  });

  it('averages precision, recall and F1 over pages, a missing output scoring as empty', () => {
    const pages: WcxbPage[] = cases.map(([reference], i) => ({ id: String(i), url: `https://example.org/${i}`, split: 'dev', mainContent: reference }));
    const outputs = new Map(cases.map(([, prediction], i) => [String(i), prediction]));
    outputs.delete('3');
    const score = scoreWcxb(pages, outputs);
    const mean = (i: number) => cases.reduce((sum, [, , expected]) => sum + expected[i], 0) / cases.length;
    expect(score.precision).toBeCloseTo(mean(0), 12);
    expect(score.recall).toBeCloseTo(mean(1), 12);
    expect(score.f1).toBeCloseTo(mean(2), 12);
  });
});

describe('WCXB groups', () => {
  it('holds out about 30 % of the dev pages by a hash of the id, the same ones on every run, and no test page', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => String(i).padStart(4, '0'));
    const fresh = ids.filter((id) => wcxbGroup({ id, split: 'dev' }) === 'fresh');
    expect(fresh.length / ids.length).toBeGreaterThan(0.27);
    expect(fresh.length / ids.length).toBeLessThan(0.33);
    expect(ids.filter((id) => wcxbGroup({ id, split: 'dev' }) === 'fresh')).toEqual(fresh);
    expect(ids.every((id) => wcxbGroup({ id, split: 'test' }) === 'test')).toBe(true);
  });
});
