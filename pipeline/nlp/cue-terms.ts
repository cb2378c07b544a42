/**
 * Cue terms of one field as counted: outside rebuttal sentences and quotations, not negated, each
 * term decaying with its repeats and each group capped; and the fabricated-quote pattern (a quotation
 * introduced by a verb of saying, worse with a vague speaker).
 */
import { type CompiledCues, core, type CueMark, type CuePhrase, type Item, item, sentenceKey, type View } from './classifier-types.ts';
import { isNegated } from './cue-placement.ts';
import { longestNonOverlapping, type PhraseHit } from './lexicon.ts';
import { firstTokenAtOrAfter, originalOffset, originalSpans } from './offsets.ts';
import { quotationsIn, QUOTED_CLAIM_SYLLABLES, syllablesFrom, typedWordsAt, within } from './quotations.ts';
import { reportedDiscount } from './reported-discount.ts';

export function isRebuttal(cues: CompiledCues, h: PhraseHit<CuePhrase>): boolean {
  const d = h.spec.data;
  return d.kind === 'cue' && cues.file.groups[d.group].rebuts === true;
}

/** Cue terms of one field (rebuttal sentences, negators, repeats, caps per group). */
export function scoreCueTerms(
  cues: CompiledCues,
  v: View,
  cueList: Array<PhraseHit<CuePhrase>>,
  negators: Array<PhraseHit<CuePhrase>>,
  groupTotals: Map<number, number>,
  seen: Map<string, number>,
  items: Item[],
  marks: CueMark[],
  raw: number,
  quoted: Array<[number, number]>,
): number {
  const file = cues.file;
  const sc = file.scoring;
  const cueHits = longestNonOverlapping(cueList);
  // sentences that rebut/report a claim; talk that neither rebuts nor cites versions (official
  // prevention talk) inside a quotation is the quoted speaker's, and suppresses that quotation only
  // (a leaked recording quoted as evidence: "File ghi âm …: 'không để xảy ra bất ngờ'")
  let quotes: Array<[number, number]> | null = null;
  const quotesSuppressed: Array<[number, number]> = [];
  for (const h of cueHits) {
    const d = h.spec.data;
    if (d.kind !== 'cue') continue;
    const group = file.groups[d.group];
    if (!group.suppressSentence) continue;
    // (a frame that suppresses only where its sentence goes on to name what it frames: any hit, overlapped or not)
    const onlyWith = cues.suppressOnlyWith[d.group];
    if (onlyWith && !cueList.some((x) => followsInSentence(v, h, x) && x.spec.data.kind === 'cue' && onlyWith.includes(x.spec.data.group))) continue;
    if (!group.rebuts && !group.citesVersions) {
      quotes ??= originalSpans(v.prepared, v.quotations);
      const at = originalOffset(v.prepared, v.prepared.tokStart[h.tokFirst]);
      const quote = quotes.find(([open, close]) => open < at && at < close);
      if (quote) {
        quotesSuppressed.push(quote);
        continue;
      }
    }
    v.suppressed.add(v.prepared.tokSent[h.tokFirst]);
  }
  for (const h of cueHits) {
    const d = h.spec.data;
    if (d.kind !== 'cue') continue;
    const group = file.groups[d.group];
    const sent = v.prepared.tokSent[h.tokFirst];
    const at = originalOffset(v.prepared, v.prepared.tokStart[h.tokFirst]);
    if (group.weight >= 0 && (v.suppressed.has(sent) || within(quoted, at) || within(quotesSuppressed, at))) continue;
    if (group.weight >= 0 && isNegated(v, negators, h)) continue;
    if (cues.rules.length) marks.push({ group: d.group, view: v, sent: sentenceKey(v.field, sent), tokFirst: h.tokFirst, tokLast: h.tokLast });
    const n = seen.get(h.spec.text) ?? 0;
    seen.set(h.spec.text, n + 1);
    const title = v.field === 'title' ? sc.titleWeight : 1;
    let w = group.weight * title * Math.pow(sc.repeatDecay, n);
    const why = group.weight > 0 ? reportedDiscount(v, h.tokFirst) : null;
    if (why) w *= v.verdict.factor;
    const cap = Math.abs(group.weight) * 2;
    const total = groupTotals.get(d.group) ?? 0;
    if (Math.abs(total + w) > cap) w = Math.sign(w) * Math.max(0, cap - Math.abs(total));
    if (!w) continue;
    groupTotals.set(d.group, total + w);
    raw += w;
    items.push(item(v, h.tokFirst, h.tokLast, core('distortion', `${group.id}: ${h.spec.text}`, w, why ? `${group.note ?? ''}${why}` : group.note)));
  }
  return raw;
}

/** The fabricated-quote pattern in one field. */
export function scoreQuotes(
  cues: CompiledCues,
  v: View,
  verbs: Array<PhraseHit<CuePhrase>>,
  vague: Array<PhraseHit<CuePhrase>>,
  items: Item[],
  raw: number,
): number {
  const file = cues.file;
  // fabricated-quote pattern: a quotation introduced by a verb of saying, worse with a vague speaker
  const quote = file.style.quote;
  if (verbs.length) {
    let quotes = 0;
    for (const [qStart, qEnd] of quotationsIn(v.prepared.codes, v.prepared.foldedLength)) {
      if (quotes >= 2) break;
      const tokAfter = firstTokenAtOrAfter(v.prepared, qStart);
      if (tokAfter < 0 || v.prepared.tokStart[tokAfter] >= qEnd || v.suppressed.has(v.prepared.tokSent[tokAfter])) continue;
      if (syllablesFrom(v.prepared, tokAfter, qEnd) < QUOTED_CLAIM_SYLLABLES) continue;
      const sent = v.prepared.tokSent[tokAfter];
      let verb: PhraseHit<CuePhrase> | undefined;
      for (const h of verbs) {
        if (h.tokLast < tokAfter && h.tokLast >= tokAfter - 8 && v.prepared.tokSent[h.tokFirst] === sent) {
          verb = h;
          break;
        }
      }
      if (!verb) continue;
      let speaker: PhraseHit<CuePhrase> | undefined;
      // a denied quote ("… KHÔNG hề nói câu '…'"): no vague speaker is its source
      const denied = cues.quoteNegators.some((n) => typedWordsAt(v.prepared, verb.tokFirst - n.syllables.length, n));
      for (const h of denied ? [] : vague) {
        if (h.tokLast < verb.tokFirst && v.prepared.tokSent[h.tokFirst] === sent) {
          speaker = h;
          break;
        }
      }
      const w = speaker ? quote.vagueWeight : quote.weight;
      if (!w) continue;
      quotes++;
      raw += w;
      const term = speaker ? 'quote-vague-speaker' : 'quote';
      const note = speaker ? `quotation attributed to an unnamed speaker ("${speaker.spec.text}")` : 'direct quotation';
      items.push(item(v, speaker ? speaker.tokFirst : verb.tokFirst, verb.tokLast, core('distortion', term, w, note)));
    }
  }
  return raw;
}

/** Whether hit `x` starts after hit `h` ends, in its sentence. */
function followsInSentence(v: View, h: PhraseHit<CuePhrase>, x: PhraseHit<CuePhrase>): boolean {
  return x.tokFirst > h.tokLast && v.prepared.tokSent[x.tokFirst] === v.prepared.tokSent[h.tokFirst];
}
