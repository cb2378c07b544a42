/**
 * Verdicts standing alone (groups with `standsAlone`): "Sai.", "Hoàn toàn sai.", "Bịa." after the rumour a
 * post reports, or "…, tin đồn nhảm thôi" closing it. The verdict answers what stands just before it; said
 * of the official version ("Báo tỉnh đưa 350 đại biểu. Sai bét, …") it is the rumour's own.
 */
import type { CompiledCues, CompiledStandsAlone, CuePhrase, View } from './classifier-types.ts';
import { isNegated } from './cue-placement.ts';
import type { PhraseHit } from './lexicon.ts';
import { within } from './quotations.ts';
import { gapAfter, type PreparedText, sentenceStart, wordsAt } from './text.ts';
import { readAsGroup, withoutAccusedEvidence } from './turned-rebuttals.ts';

/** The tokens [first, last] a standing verdict answers, and whether they are the sentence before it. */
interface Answered {
  first: number;
  last: number;
  previousSentence: boolean;
}

/**
 * Hits of `standsAlone` groups, in place: those that do not stand alone are dropped; those said of the official
 * version are read as hits of `into`; the others answer the sentence before them, which is suppressed (their own
 * sentence is suppressed by their group, as any rebuttal's). Read before the turns' markers are dropped.
 */
export function withBareVerdicts(
  cues: CompiledCues,
  fields: Array<{ v: View; negators: Array<PhraseHit<CuePhrase>>; cueList: Array<PhraseHit<CuePhrase>> }>,
): void {
  const aloneOf = (h: PhraseHit<CuePhrase>) => (h.spec.data.kind === 'cue' ? cues.standsAlone[h.spec.data.group] : undefined);
  for (const f of fields) {
    if (!f.cueList.some((h) => aloneOf(h) !== undefined)) continue;
    const p = f.v.prepared;
    const quotes = f.v.quotations;
    const out: Array<PhraseHit<CuePhrase>> = [];
    // the official version answered: evidence against read on its words goes with it ("thông tin chính thức" called false is no guidance)
    const accused: Array<PhraseHit<CuePhrase>> = [];
    for (const h of f.cueList) {
      const alone = aloneOf(h);
      if (!alone) {
        out.push(h);
        continue;
      }
      const answered = answeredBy(p, alone, h);
      if (!answered) continue;
      const official = f.cueList.find(
        (o) =>
          o.spec.data.kind === 'cue' &&
          alone.officialVersion.includes(o.spec.data.group) &&
          o.tokFirst >= answered.first &&
          o.tokLast <= answered.last &&
          !within(quotes, p.tokStart[o.tokFirst]) &&
          !isNegated(f.v, f.negators, o),
      );
      if (official) {
        accused.push(official);
        out.push(readAsGroup(cues, h, alone.into));
        continue;
      }
      if (answered.previousSentence) f.v.suppressed.add(p.tokSent[answered.first]);
      out.push(h);
    }
    f.cueList = withoutAccusedEvidence(cues, out, accused);
  }
}

/**
 * What a verdict answers where it stands alone: it opens its clause after punctuation and only particles follow it
 * there, no ":" after the clause; the sentence before when its clause opens a sentence, the clauses before it when it closes
 * its sentence; else null.
 */
function answeredBy(p: PreparedText, alone: CompiledStandsAlone, h: PhraseHit<CuePhrase>): Answered | null {
  const clause = p.tokClause[h.tokFirst];
  if (h.tokFirst > 0 && p.tokClause[h.tokFirst - 1] === clause) return null;
  // set off by punctuation, not by a quotation's closing mark: "… 'dân chủ' giả" is a sneer, not a verdict
  if (h.tokFirst > 0 && !/[,:;.!?\n–—→-]/.test(gapAfter(p, h.tokFirst - 1))) return null;
  let t = h.tokLast + 1;
  while (t < p.count && p.tokClause[t] === clause) {
    const particle = alone.particles.find((w) => wordsAt(p, t, w) && p.tokClause[t + w.length - 1] === clause);
    if (!particle) return null;
    t += particle.length;
  }
  const last = t - 1;
  if (gapAfter(p, last).includes(':')) return null;
  const sent = p.tokSent[h.tokFirst];
  const opensSentence = h.tokFirst === 0 || p.tokSent[h.tokFirst - 1] !== sent;
  if (opensSentence) {
    if (h.tokFirst === 0) return null;
    return { first: sentenceStart(p, h.tokFirst - 1), last: h.tokFirst - 1, previousSentence: true };
  }
  if (t < p.count && p.tokSent[t] === sent) return null;
  return { first: sentenceStart(p, h.tokFirst - 1), last: h.tokFirst - 1, previousSentence: false };
}
