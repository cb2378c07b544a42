/**
 * `combine` entries: chains of adjacent common words ("không", "có"), one from each list in order,
 * read from the automaton's candidates as one cue match of the entry's group. Kept apart because the
 * parts are too common to be patterns of their own.
 */
import type { MatchBuffer } from './automaton.ts';
import { type CompiledCues, type CuePhrase, cuePhrase, type View } from './classifier-types.ts';
import type { PhraseHit, PhraseMatcher } from './lexicon.ts';

export const NO_COMBOS = new Int32Array(0);

/** A set of small numbers as bits (read at every candidate part of a chain, where a Set's hashing showed). */
export function bitSet(members: number[]): Uint32Array {
  const bits = new Uint32Array((Math.max(...members) >>> 5) + 1);
  for (const n of members) bits[n >>> 5] |= 1 << (n & 31);
  return bits;
}

function hasBit(bits: Uint32Array, n: number): boolean {
  const word = n >>> 5;
  return word < bits.length && (bits[word] & (1 << (n & 31))) !== 0;
}

/**
 * Chains of adjacent parts (one from each list of a combine entry, in order, in consecutive
 * syllables: a clause break is a position of its own, so a chain never spans one) become cue
 * matches of the entry's group, appended to `out`. Parts are common words ("không", "có"): they
 * are read from the automaton's candidates, and their accents checked only once a chain is complete.
 */
export function chainParts(matcher: PhraseMatcher, cues: CompiledCues, v: View, out: Array<PhraseHit<CuePhrase>>): void {
  const raw = v.raw;
  const chain: number[] = [];
  for (let m = 0; m < raw.count; m++) {
    // (the combos a part opens are listed once: a common part fills many places, few of them first)
    const heads = cues.heads[raw.pattern[m]];
    if (!heads.length || !partStartsAt(matcher, cues, raw, m + 1, raw.last[m] + 1)) continue;
    for (const combo of heads) {
      chain.length = 0;
      chain.push(m);
      extendChain(matcher, cues, v, combo, chain, out);
    }
  }
}

/** Whether a part candidate starts at stream position `start` (candidates from index `from` on). */
function partStartsAt(matcher: PhraseMatcher, cues: CompiledCues, raw: MatchBuffer, from: number, start: number): boolean {
  for (let k = from; k < raw.count && raw.last[k] < start + cues.maxPartLength; k++) {
    const p = raw.pattern[k];
    if (cues.parts[p] && raw.last[k] - matcher.lengthOf(p) + 1 === start) return true;
  }
  return false;
}

/** Extends a chain of candidates (indexes into v.raw) with the parts starting right after its end. */
function extendChain(matcher: PhraseMatcher, cues: CompiledCues, v: View, combo: number, chain: number[], out: Array<PhraseHit<CuePhrase>>): void {
  const { pattern, last: lastOf, count } = v.raw;
  const { group, lists } = cues.combos[combo];
  if (chain.length === lists) {
    for (const m of chain) if (!matcher.verified(pattern[m], lastOf[m], v.stream, v.accents)) return;
    const first = lastOf[chain[0]] - matcher.lengthOf(pattern[chain[0]]) + 1;
    const last = lastOf[chain[chain.length - 1]];
    let key = `${combo}`;
    for (const m of chain) key += `|${matcher.spec(pattern[m]).text}`;
    let spec = cues.chainSpecs.get(key);
    if (!spec) {
      let text = '';
      for (const m of chain) text += text ? ` ${matcher.spec(pattern[m]).text}` : matcher.spec(pattern[m]).text;
      spec = { text, syllables: [], keys: [], data: cuePhrase({ kind: 'cue', group }) };
      cues.chainSpecs.set(key, spec);
    }
    out.push({ spec, first, last, tokFirst: v.stream.tokFirst[first], tokLast: v.stream.tokLast[last] });
    return;
  }
  const index = chain.length;
  const prev = chain[index - 1];
  const start = lastOf[prev] + 1;
  // candidates are in order of their last position: those starting at `start` end within maxPartLength
  for (let k = prev + 1; k < count && lastOf[k] < start + cues.maxPartLength; k++) {
    const p = pattern[k];
    if (!cues.parts[p] || lastOf[k] - matcher.lengthOf(p) + 1 !== start) continue;
    if (!hasBit(cues.places[p]!, index * cues.combos.length + combo)) continue;
    chain.push(k);
    extendChain(matcher, cues, v, combo, chain, out);
    chain.pop();
  }
}
