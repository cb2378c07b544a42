/**
 * Where a cue counts: not negated in its clause, not a bare reading crossed by a longer word, and,
 * for groups that require it, at the start of its sentence or clause (startOf), joining two
 * alternatives of a question (joinsAlternatives), in a question (inQuestion) or heading a statement
 * (headsStatement). A cue word alone is no claim; these are the places it makes one.
 */
import type { CompiledCues, CuePhrase, View } from './classifier-types.ts';
import { runsAcrossEdge, type PhraseHit } from './lexicon.ts';
import { parseNumberAt } from './extract.ts';
import { opensQuotation, typedWordsAt, typedWordsWithin } from './quotations.ts';
import { endsWithQuestion, type PreparedText, tokenSpan, wordsAt } from './text.ts';

/**
 * The cue matches that no listed word overlaps beyond the cue's edges, where the cue was matched
 * without diacritics: there the same letters may be read as a word across the cue's edge ("bau
 * Ban Chap hanh", "ra mat bao chi", "Soc Trang"), and the longer word wins. In accented text the
 * accents have already decided. Nor a cue that holds a marked phrase (`markedPhrases`) whose syllables are not all
 * typed with their accents: "thay bao" is "thấy báo" as often as "thấy bảo".
 */
export function withoutCrossedCues(v: View, cueList: Array<PhraseHit<CuePhrase>>, words: Array<PhraseHit<CuePhrase>>): Array<PhraseHit<CuePhrase>> {
  const isMarked = (w: PhraseHit<CuePhrase>) => w.spec.data.kind === 'word' && w.spec.data.marked;
  const crossed = (h: PhraseHit<CuePhrase>) => words.some((w) => !isMarked(w) && runsAcrossEdge(w, h));
  // (a marked phrase inside the cue, read without its accents: "thay bao" is as often "thấy báo")
  const holdsBare = (h: PhraseHit<CuePhrase>) => words.some((w) => isMarked(w) && w.first >= h.first && w.last <= h.last && !writtenWithMarks(v, w));
  return cueList.filter((h) => !(((v.accents.lenient || v.accents.bareClause(h.tokFirst)) && crossed(h)) || holdsBare(h)));
}

/**
 * Whether the cue, matched without diacritics, ends with a syllable that begins an amount there: its
 * last syllable is one of `syllables` and a number (not a percentage) or one of `words` follows in its
 * clause ("thi gia 2 ty", "la gia vai ty" is thì giá, a price, not the rebuttal "thì giả").
 */
export function endsBeforeAmount(v: View, h: PhraseHit<CuePhrase>, amount: CompiledCues['beforeAmount']): boolean {
  const p = v.prepared;
  const next = h.tokLast + 1;
  if (next >= p.count || p.tokClause[next] !== p.tokClause[h.tokLast] || !amount.syllables.has(p.tokText[h.tokLast])) return false;
  if (!v.accents.get(h.tokLast).bare || !(v.accents.lenient || v.accents.bareClause(h.tokFirst))) return false;
  if (amount.words.some((w) => wordsAt(p, next, w))) return true;
  const number = parseNumberAt(p, next);
  return number !== null && p.folded[p.tokEnd[number[1]]] !== '%';
}

const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}]/u;

/**
 * Whether the cue, matched without diacritics, ends where a proper name opens: its last syllable has the letters of one
 * of `openers` and is written capitalised (an initial capital, not all capitals), the syllable of the cue before it is
 * not, and the next syllable in its clause is capitalised too: "la Gia Kon" is "là Gia Kon", not "là giả".
 */
export function nameAfterCue(v: View, h: PhraseHit<CuePhrase>, openers: Set<string>): boolean {
  const p = v.prepared;
  const last = h.tokLast;
  const next = last + 1;
  if (last <= h.tokFirst || next >= p.count || p.tokClause[next] !== p.tokClause[last] || !openers.has(p.tokText[last])) return false;
  if (!v.accents.get(last).bare || !(v.accents.lenient || v.accents.bareClause(h.tokFirst))) return false;
  const written = (t: number) => {
    const [s, e] = tokenSpan(p, t, t);
    return p.original.slice(s, e);
  };
  return CAPITALISED.test(written(last)) && !CAPITALISED.test(written(last - 1)) && CAPITALISED.test(written(next));
}

/**
 * Whether the cue, matched without diacritics, is a person's title before a name: its first syllable has the letters of
 * one of `titles` but the cue does not begin with the title as written, and the next syllable is written capitalised
 * (an initial capital, not all capitals): "Chi Dinh Thi H'Loi" is "Chị Đinh Thị H'Lơi", not "chỉ định".
 */
export function titleBeforeName(v: View, h: PhraseHit<CuePhrase>, titles: CompiledCues['personTitles']): boolean {
  const p = v.prepared;
  const first = h.tokFirst;
  if (first >= h.tokLast || !titles.folded.has(p.tokText[first])) return false;
  if (!v.accents.get(first).bare || !v.accents.get(first + 1).bare || !(v.accents.lenient || v.accents.bareClause(first))) return false;
  const cueFirst = h.spec.text.normalize('NFC').toLowerCase().trim().split(/\s+/)[0];
  if (titles.written.has(cueFirst)) return false;
  const [s, e] = tokenSpan(p, first + 1, first + 1);
  return CAPITALISED.test(p.original.slice(s, e));
}

/** Whether every syllable of the hit is typed with its diacritics (not a bare reading of the letters). */
export function writtenWithMarks(v: View, h: PhraseHit<CuePhrase>): boolean {
  for (let t = h.tokFirst; t <= h.tokLast; t++) if (v.accents.get(t).bare) return false;
  return true;
}

/**
 * A negator shortly before the hit, in its clause ("không chia sẻ", "không ai đính chính"), or just
 * before the quotation the hit opens ("Không có 'danh sách rò rỉ' nào").
 */
export function isNegated(v: View, negators: Array<PhraseHit<CuePhrase>>, h: PhraseHit<CuePhrase>): boolean {
  const p = v.prepared;
  for (const n of negators) {
    if (n.tokLast >= h.tokFirst || n.tokLast < h.tokFirst - 2) continue;
    if (p.tokClause[n.tokFirst] === p.tokClause[h.tokFirst]) return true;
    if (p.tokClause[n.tokFirst] === p.tokClause[h.tokFirst - 1] && opensQuotation(p, h.tokFirst)) return true;
  }
  return false;
}

/** Whether a hit of a group with `startOf` opens its sentence or clause (hits of other groups: always). */
export function opensWhereRequired(cues: CompiledCues, p: PreparedText, h: PhraseHit<CuePhrase>): boolean {
  const d = h.spec.data;
  const startOf = d.kind === 'cue' ? cues.file.groups[d.group].startOf : undefined;
  if (!startOf || h.tokFirst === 0) return true;
  const unit = startOf === 'sentence' ? p.tokSent : p.tokClause;
  return unit[h.tokFirst - 1] !== unit[h.tokFirst];
}

/**
 * Whether a hit of a group with `joinsAlternatives` joins two alternatives of a question: its
 * sentence ends with a question mark and a word of its clause, none of `notBeside`, stands on each
 * side (hits of other groups: always).
 */
export function joinsWhereRequired(cues: CompiledCues, p: PreparedText, h: PhraseHit<CuePhrase>): boolean {
  const d = h.spec.data;
  const notBeside = d.kind === 'cue' ? cues.notBeside[d.group] : undefined;
  if (!notBeside) return true;
  const before = h.tokFirst - 1;
  const after = h.tokLast + 1;
  if (before < 0 || after >= p.count) return false;
  const clause = p.tokClause[h.tokFirst];
  if (p.tokClause[before] !== clause || p.tokClause[after] !== clause) return false;
  if (notBeside.has(p.tokText[before]) || notBeside.has(p.tokText[after])) return false;
  return endsWithQuestion(p, after);
}

/** Whether a hit of a group with `inQuestion` stands in a question (hits of other groups: always). */
export function asksWhereRequired(cues: CompiledCues, p: PreparedText, h: PhraseHit<CuePhrase>): boolean {
  const d = h.spec.data;
  if (d.kind !== 'cue' || !cues.file.groups[d.group].inQuestion) return true;
  return endsWithQuestion(p, h.tokLast);
}

/**
 * Whether a hit of a group with `headsStatement` heads one: a clause mark follows it in its
 * sentence, or at least `minWords` more words do (hits of other groups: always).
 */
export function headsWhereRequired(cues: CompiledCues, p: PreparedText, h: PhraseHit<CuePhrase>): boolean {
  const d = h.spec.data;
  const heads = d.kind === 'cue' ? cues.file.groups[d.group].headsStatement : undefined;
  if (!heads) return true;
  const next = h.tokLast + 1;
  if (next >= p.count || p.tokSent[next] !== p.tokSent[h.tokFirst]) return false;
  if (p.tokClause[next] !== p.tokClause[h.tokLast]) return true;
  const last = next + heads.minWords - 1;
  return last < p.count && p.tokSent[last] === p.tokSent[h.tokFirst];
}

/**
 * Whether a hit of a group with `advisedAgainst` is the object of advice against passing news on: in its sentence and at
 * most `gap` syllables before it, one of `advice` ("đừng", "không để", "tránh"), then one of `passOn` ("đăng", "chia sẻ",
 * "chuyển tiếp"), then one of `news` ("tin", "thông tin") and none of `notBetween` ("vì", "nhưng") before the hit — "miễn đừng đăng tin linh tinh chưa kiểm chứng" (hits of other groups: never).
 */
export function advisedAgainst(cues: CompiledCues, p: PreparedText, h: PhraseHit<CuePhrase>): boolean {
  const d = h.spec.data;
  const a = d.kind === 'cue' ? cues.advisedAgainst[d.group] : undefined;
  if (!a) return false;
  const sentence = p.tokSent[h.tokFirst];
  const from = Math.max(0, h.tokFirst - a.gap);
  for (let t = from; t < h.tokFirst; t++) {
    if (p.tokSent[t] !== sentence) continue;
    const advice = a.advice.find((w) => typedWordsAt(p, t, w) && t + w.syllables.length <= h.tokFirst);
    if (!advice) continue;
    for (let u = t + advice.syllables.length; u < h.tokFirst; u++) {
      const verb = a.passOn.find((w) => typedWordsAt(p, u, w) && u + w.syllables.length <= h.tokFirst);
      if (!verb) continue;
      const after = u + verb.syllables.length;
      if (typedWordsWithin(p, after, h.tokFirst, a.news) && !typedWordsWithin(p, after, h.tokFirst, a.notBetween)) return true;
    }
  }
  return false;
}
