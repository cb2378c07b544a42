/**
 * Scare quotes (style.scareQuote): a few words put in quote marks right after a listed word, in the
 * writer's own clause, mock what they name. Not read in the sentences that report or rebut a claim.
 */
import { type CompiledCues, core, type Item, item, type View } from './classifier-types.ts';
import { typedWordsAt } from './quotations.ts';
import { tokenText, typedAccentKey } from './text.ts';

/** Quote marks around a scare-quoted word: each opening mark with its closing one. */
const SCARE_CLOSE = new Map<number, number>(
  [
    ['"', '"'],
    ['“', '”'],
    ["'", "'"],
    ['‘', '’'],
  ].map(([open, close]) => [open.charCodeAt(0), close.charCodeAt(0)]),
);

const NO_MARK = -1;

const MARKS = -2;

/** The one character other than spaces in codes[from, to): NO_MARK when only spaces, MARKS when more than one. */
function onlyMarkBetween(codes: Uint16Array, from: number, to: number): number {
  let mark = NO_MARK;
  for (let i = from; i < to; i++) {
    const c = codes[i];
    if (c === 0x20 || c === 0xa0) continue;
    if (mark !== NO_MARK) return MARKS;
    mark = c;
  }
  return mark;
}

/** Scare-quoted words of one field (style.scareQuote), outside the sentences that report or rebut a claim. */
export function scoreScareQuotes(cues: CompiledCues, v: View, items: Item[], raw: number): number {
  const sq = cues.file.style.scareQuote;
  if (!sq.perQuote || !cues.scareAfter.size) return raw;
  const p = v.prepared;
  let total = 0;
  for (let t = 0; t + 1 < p.count && total < sq.max; t++) {
    // (the opening mark first: a cheap look at the gap, before the token's text is made)
    const close = SCARE_CLOSE.get(onlyMarkBetween(p.codes, p.tokEnd[t], p.tokStart[t + 1]));
    if (close === undefined) continue;
    const sent = p.tokSent[t];
    if (p.tokSent[t + 1] !== sent || v.suppressed.has(sent) || !cues.scareAfter.has(tokenText(p, t))) continue;
    const typed = typedAccentKey(p, t);
    if (typed !== null && !cues.scareAfterKeys.has(typed)) continue;
    // a negated marker denies the word it quotes ("Chỉ tiêu nữ không bị 'cắt'", "không bị 'sửa lén'")
    if (cues.scareNegators.some((n) => typedWordsAt(p, t - n.syllables.length, n))) continue;
    // the quoted words: up to maxSyllables tokens apart by spaces only, the closing mark right after the last
    for (let k = t + 1; k < p.count && k <= t + sq.maxSyllables && p.tokSent[k] === sent; k++) {
      if (p.codes[p.tokEnd[k]] === close) {
        const w = Math.min(sq.perQuote, sq.max - total);
        total += w;
        raw += w;
        items.push(item(v, t, k, core('distortion', 'style: scare quotes', w, "a word of the claim put in quotation marks in the writer's own clause")));
        t = k;
        break;
      }
      if (k + 1 >= p.count || onlyMarkBetween(p.codes, p.tokEnd[k], p.tokStart[k + 1]) !== NO_MARK) break;
    }
  }
  return raw;
}
