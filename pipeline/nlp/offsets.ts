/**
 * Offsets between a prepared text's folded characters, its tokens and the original string: the
 * checks read folded tokens, explanations point into the exact title and text passed in.
 */
import type { PreparedText } from './text.ts';

/** The first and last tokens of original span [start, end) of a field (first −1: none). */
export function tokensOf(p: PreparedText, start: number, end: number): [number, number] {
  const first = firstTokenAtOrAfter(p, foldedOffset(p, start));
  return [first, Math.max(first, firstTokenAtOrAfter(p, foldedOffset(p, end)) - 1)];
}

/** Folded offset of original offset `at` (the first folded char at or after it). */
function foldedOffset(p: PreparedText, at: number): number {
  return p.origStart ? lowerBound(p.origStart, p.foldedLength, at) : at;
}

/** The first index i < length with sorted[i] >= x, or length. */
function lowerBound(sorted: ArrayLike<number>, length: number, x: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Offset in the original string of folded character `i`. */
export function originalOffset(p: PreparedText, i: number): number {
  return p.origStart ? p.origStart[i] : i;
}

/** Spans in folded coordinates as spans of the original string (where style features are found). */
export function originalSpans(p: PreparedText, spans: Array<[number, number]>): Array<[number, number]> {
  return p.origStart ? spans.map(([open, close]) => [originalOffset(p, open), originalOffset(p, close)]) : spans;
}

export function firstTokenAtOrAfter(p: PreparedText, pos: number): number {
  const i = lowerBound(p.tokStart, p.count, pos);
  return i < p.count ? i : -1;
}
