// The article benchmark's scoring must be its evaluate.py's, or our figures would not compare with
// the ones it publishes. Expected values were computed with evaluate.py itself (commit 4a3bc97).
import { describe, expect, it } from 'vitest';
import { scoreBenchmark, shingleCounts, type BenchmarkPage } from '../../bench/article-benchmark.ts';

const cases: Array<[truth: string, prediction: string, expected: [number, number, number]]> = [
  ['the quick brown fox jumps over the lazy dog', 'the quick brown fox jumps over a lazy dog', [1 / 3, 1 / 3, 1 / 3]],
  // Unicode words (Vietnamese diacritics) are tokens; punctuation is not.
  ['Việt Nam, tỉnh Gia Lai khai mạc đại hội', 'Việt Nam tỉnh Gia Lai khai mạc đại hội hôm nay', [0.75, 0.25, 0]],
  // Shorter than a shingle: the whole text is one shingle.
  ['one two', 'one two', [1, 0, 0]],
  ['a b c', '', [0, 0, 1]],
];

describe('article benchmark scoring (evaluate.py)', () => {
  it('counts 4-token shingles per page, normalised to sum to one', () => {
    for (const [truth, prediction, expected] of cases) {
      shingleCounts(truth, prediction).forEach((value, i) => expect(value).toBeCloseTo(expected[i], 12));
    }
  });

  it('averages precision and recall over pages, skipping pages where each is undefined', () => {
    const pages: BenchmarkPage[] = cases.map(([truth], i) => ({ id: String(i), url: `https://example.org/${i}`, articleBody: truth }));
    const outputs = new Map(cases.map(([, prediction], i) => [String(i), prediction]));
    const score = scoreBenchmark(pages, outputs);
    expect(score.precision).toBeCloseTo(0.75, 12);
    expect(score.recall).toBeCloseTo(0.625, 12);
    expect(score.f1).toBeCloseTo(0.6818181818181818, 12);
    // Only "one two" is extracted token for token.
    expect(score.accuracy).toBeCloseTo(0.25, 12);
  });
});
