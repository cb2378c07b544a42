/**
 * Rebuttal words a rumour turns on the official version ("… là bịa" said of the official account):
 * read as the rumour's own claim, not as evidence against distortion (groups with `turnedBy`).
 */
import { type CompiledCues, type CompiledTurn, type CuePhrase, cuePhrase, type View } from './classifier-types.ts';
import { isNegated } from './cue-placement.ts';
import type { Contradiction, ItemCheck } from './facts.ts';
import { longestNonOverlapping, type PhraseHit } from './lexicon.ts';
import { opensQuotation, typedWordsWithin, within } from './quotations.ts';
import { clauseStart, endsWithQuestion, foldedSyllables, phraseAt, phraseEndsBefore, type PreparedText, sentenceStart, TOK_DIGITS, wordsAt } from './text.ts';

/**
 * Rebuttal words a rumour turns on the official version (groups with `turnedBy`), in place: such a hit
 * outside quotations is read as a hit of the `into` group where its sentence holds a counted match of a
 * `sentence` group outside quotations ("Sự thật về … mà TV không chiếu", "Đính chính kiểu gì thì …"), or
 * where the official account is its subject: a `subject` match before it in its clause, at most `maxGap`
 * syllables away, not cited as a source, with no evidence against distortion nor verb of saying between them
 * ("chỉ tiêu 100% là bịa"; not "Văn phòng Tỉnh ủy khẳng định thông tin … là bịa đặt", "theo thông tin chính
 * thức thì tin đó là bịa"). The subject markers are dropped after, with any evidence against read on the words
 * of a subject that turned a verdict ("thông tin chính thức" accused is no guidance).
 */
export function withTurnedRebuttals(
  cues: CompiledCues,
  fields: Array<{ v: View; negators: Array<PhraseHit<CuePhrase>>; cueList: Array<PhraseHit<CuePhrase>> }>,
): void {
  if (!cues.turns) return;
  const groups = cues.file.groups;
  const groupOf = (h: PhraseHit<CuePhrase>) => (h.spec.data.kind === 'cue' ? h.spec.data.group : -1);
  for (const f of fields) {
    const p = f.v.prepared;
    if (!f.cueList.some((h) => cues.turnedBy[groupOf(h)] !== undefined || cues.turnMarkers.has(groupOf(h)))) continue;
    const quotes = f.v.quotations;
    const outside = (h: PhraseHit<CuePhrase>) => !within(quotes, p.tokStart[h.tokFirst]);
    const counted = longestNonOverlapping(f.cueList).filter((h) => outside(h) && !isNegated(f.v, f.negators, h));
    const bySentence = (turn: CompiledTurn, h: PhraseHit<CuePhrase>) =>
      counted.some((t) => turn.sentence.includes(groupOf(t)) && p.tokSent[t.tokFirst] === p.tokSent[h.tokFirst] && !insideDeniedClaim(p, turn, t, h));
    // the press's denial dismissed by the sentence after it ("VTV bảo tin … là tin giả. Vậy giải thích sao …?")
    const byNextSentence = (turn: CompiledTurn, h: PhraseHit<CuePhrase>) => {
      const next = turn.nextSentence;
      if (!next) return false;
      const start = sentenceStart(p, h.tokFirst);
      const speaker = next.speakers.find((w) => wordsAt(p, start, w));
      if (!speaker) return false;
      return (
        typedWordsWithin(p, start + speaker.length, h.tokFirst, next.verbs) &&
        counted.some(
          (t) => next.groups.includes(groupOf(t)) && p.tokSent[t.tokFirst] === p.tokSent[h.tokFirst] + 1 && sentenceStart(p, t.tokFirst) === t.tokFirst,
        )
      );
    };
    // a correction the writer says the press will be forced into ("báo sẽ phải đính chính"): a forecast, not read
    const forecast = (turn: CompiledTurn, h: PhraseHit<CuePhrase>) => phraseEndsBefore(p, h.tokFirst, turn.forecasts);
    // a completion turns a verdict only said of a body whose congresses the sheet says are done, in its sentence or the one before
    const namesBody = (needs: NonNullable<CompiledTurn['subject']>['needsBody'], s: PhraseHit<CuePhrase>, h: PhraseHit<CuePhrase>) =>
      !needs?.groups.includes(groupOf(s)) ||
      f.cueList.some(
        (b) =>
          needs.bodies.includes(groupOf(b)) &&
          outside(b) &&
          b.tokLast < h.tokFirst &&
          p.tokSent[s.tokFirst] - p.tokSent[b.tokFirst] <= 1 &&
          p.tokSent[b.tokFirst] <= p.tokSent[s.tokFirst],
      );
    // the subjects that turned a verdict: evidence against read on the same words goes with them
    const accused: Array<PhraseHit<CuePhrase>> = [];
    const bySubject = (turn: CompiledTurn, h: PhraseHit<CuePhrase>) => {
      const subject = turn.subject;
      if (!subject || subject.notFor.has(foldedSyllables(h.spec.text).join(' '))) return false;
      const found = f.cueList.find(
        (s) =>
          subject.groups.includes(groupOf(s)) &&
          outside(s) &&
          s.tokLast < h.tokFirst &&
          h.tokFirst - s.tokLast - 1 <= subject.maxGap &&
          p.tokClause[s.tokLast] === p.tokClause[h.tokFirst] &&
          // "không truyền hình trực tiếp", "Tin … truyền hình cắt … là bịa": what the denied claim says
          !isNegated(f.v, f.negators, s) &&
          !insideDeniedClaim(p, turn, s, h) &&
          namesBody(subject.needsBody, s, h) &&
          !phraseEndsBefore(p, s.tokFirst, subject.notAfter) &&
          // an office that speaks between them answers the rumour: the denial is its own
          !counted.some((c) => groupOf(c) >= 0 && groups[groupOf(c)].weight < 0 && c.tokFirst > s.tokLast && c.tokLast < h.tokFirst) &&
          !typedWordsWithin(p, s.tokLast + 1, h.tokFirst, subject.speakerVerbs) &&
          // … or a claim named as such between them or heading the verdict, whose verdict the subject speaks
          // ("báo nói tin đồn … là bịa", "truyền hình nói rõ thông tin đó là sai")
          !typedWordsWithin(p, s.tokLast + 1, h.tokLast + 1, subject.namedClaims),
      );
      // (a verdict said before the official account it dismisses: "Đừng tin lịch trên báo")
      const after =
        found ??
        (subject.afterVerdicts.has(foldedSyllables(h.spec.text).join(' '))
          ? f.cueList.find(
              (s) =>
                (subject.groups.includes(groupOf(s)) || subject.afterOnly.includes(groupOf(s))) &&
                // (the verdict's own "đừng" is no negator of the account it dismisses)
                s.tokFirst === h.tokLast + 1 &&
                ((outside(s) && p.tokClause[s.tokFirst] === p.tokClause[h.tokLast]) ||
                  // (the practice's name scare-quoted right after the verdict: "Đừng tin 'phiếu kín'")
                  (subject.afterOnly.includes(groupOf(s)) && opensQuotation(p, s.tokFirst))),
            )
          : undefined);
      if (after) accused.push(after);
      return after !== undefined;
    };
    const turned: Array<PhraseHit<CuePhrase>> = [];
    for (const h of f.cueList) {
      const g = groupOf(h);
      if (cues.turnMarkers.has(g)) continue;
      const turn = g >= 0 ? cues.turnedBy[g] : undefined;
      if (turn && outside(h) && forecast(turn, h)) continue;
      if (!turn || !outside(h) || !(bySentence(turn, h) || byNextSentence(turn, h) || bySubject(turn, h))) {
        turned.push(h);
        continue;
      }
      turned.push(readAsGroup(cues, h, turn.into));
    }
    f.cueList = withoutAccusedEvidence(cues, turned, accused);
  }
}

/** The hit read as a hit of group `into` (its spec made once per cue and kept in `cues.turnedSpecs`). */
export function readAsGroup(cues: CompiledCues, h: PhraseHit<CuePhrase>, into: number): PhraseHit<CuePhrase> {
  let spec = cues.turnedSpecs.get(h.spec);
  if (!spec || (spec.data.kind === 'cue' && spec.data.group !== into))
    cues.turnedSpecs.set(h.spec, (spec = { ...h.spec, data: cuePhrase({ kind: 'cue', group: into }) }));
  return { ...h, spec };
}

/**
 * The hits without evidence against distortion read on the words of an accused official version: "thông tin chính
 * thức" called false is no guidance to read the item.
 */
export function withoutAccusedEvidence(
  cues: CompiledCues,
  hits: Array<PhraseHit<CuePhrase>>,
  accused: ReadonlyArray<PhraseHit<CuePhrase>>,
): Array<PhraseHit<CuePhrase>> {
  if (!accused.length) return hits;
  const groups = cues.file.groups;
  const against = (h: PhraseHit<CuePhrase>) => h.spec.data.kind === 'cue' && groups[h.spec.data.group].weight < 0;
  return hits.filter((h) => !(against(h) && accused.some((a) => a.tokFirst <= h.tokLast && h.tokFirst <= a.tokLast)));
}

/**
 * Whether `turner` stands inside the claim verdict `h` denies: after one of the turn's claim openers at the head
 * of the verdict's sentence or clause ("Tin …", "Chuyện …") and before the verdict, in its sentence.
 */
function insideDeniedClaim(p: PreparedText, turn: CompiledTurn, turner: PhraseHit<CuePhrase>, h: PhraseHit<CuePhrase>): boolean {
  if (!turn.claimOpeners.length || turner.tokLast >= h.tokFirst || p.tokSent[turner.tokFirst] !== p.tokSent[h.tokFirst]) return false;
  return [sentenceStart(p, h.tokFirst), clauseStart(p, h.tokFirst)].some((start) =>
    turn.claimOpeners.some((w) => wordsAt(p, start, w) && start + w.length <= turner.tokFirst),
  );
}

/** A verdict's tokens in a field, as ItemCheck.deniedOfficialValues reads them. */
export interface VerdictSpan {
  field: 'title' | 'text';
  tokFirst: number;
  tokLast: number;
  /** A verdict said before its value ("Đừng tin con số 1.612 …"): the token the value starts at. */
  valueAt?: number;
}

/**
 * Rebuttal words said of the sheet's own value (groups whose `turnedBy` has `officialValue`), in place: the item's
 * facts (ItemCheck.deniedOfficialValues) give the verdicts, outside quotations and questions, whose value before them
 * is the official one; those hits are dropped — no rebuttal, no suppressed sentence — and their contradictions of
 * the sheet returned, for the facts check to count ("ai bảo Hà Nội là sai bét" under a sheet of Hà Nội).
 */
export function withOfficialValuesDenied(
  cues: CompiledCues,
  fields: Array<{ v: View; cueList: Array<PhraseHit<CuePhrase>> }>,
  facts: Pick<ItemCheck, 'deniedOfficialValues'>,
): Contradiction[] {
  const verdicts: VerdictSpan[] = [];
  const hits: Array<PhraseHit<CuePhrase>> = [];
  const turns: Array<NonNullable<CompiledTurn['officialValue']>> = [];
  const preparedOf = new Map(fields.map((f) => [f.v.field, f.v.prepared]));
  let maxGap = 0;
  for (const f of fields) {
    const p = f.v.prepared;
    for (const h of f.cueList) {
      const turn = h.spec.data.kind === 'cue' ? cues.turnedBy[h.spec.data.group]?.officialValue : undefined;
      if (!turn) continue;
      const said = foldedSyllables(h.spec.text).join(' ');
      if (turn.notFor.has(said) || endsWithQuestion(p, h.tokLast)) continue;
      if (within(f.v.quotations, p.tokStart[h.tokFirst])) continue;
      maxGap = Math.max(maxGap, turn.maxGap);
      // (a verdict said before its value judges the value after it, past a noun: "Đừng tin con số 1.612 đại biểu")
      const valueAt = turn.before.verdicts.has(said) ? h.tokLast + 1 + phraseAt(p, h.tokLast + 1, turn.before.nouns) : undefined;
      verdicts.push({ field: f.v.field, tokFirst: h.tokFirst, tokLast: h.tokLast, valueAt });
      hits.push(h);
      turns.push(turn);
    }
  }
  if (!verdicts.length) return [];
  // a verb of saying between the value and the verdict: the value names the speaker ("… Gia Lai cho biết tin này sai")
  const denied = facts.deniedOfficialValues(verdicts, maxGap).filter((d) => {
    if (verdicts[d.verdict].valueAt !== undefined) return true;
    const p = preparedOf.get(d.field)!;
    return !turns[d.verdict].speakerVerbs.some((w) => {
      for (let t = d.valueLast + 1; t + w.length <= verdicts[d.verdict].tokFirst; t++) if (wordsAt(p, t, w)) return true;
      return false;
    });
  });
  if (!denied.length) return [];
  const dropped = new Set(denied.map((d) => hits[d.verdict]));
  for (const f of fields) f.cueList = f.cueList.filter((h) => !dropped.has(h));
  // overlapping verdicts ("là sai", "là sai bét") deny one value once
  const seen = new Set<string>();
  const out: Contradiction[] = [];
  for (const { verdict: _, valueLast: __, ...c } of denied) {
    const key = `${c.factId}:${c.field}:${c.tokFirst}`;
    if (!seen.has(key)) out.push(c);
    seen.add(key);
  }
  return out;
}

/**
 * A verdict standing alone followed by the writer's own count that contradicts the sheet ("19/19 đảng bộ trực thuộc
 * hoàn thành đại hội? Sai. Thực tế mới 15/19 làm xong"): the verdict denies the official version the question states,
 * so it is no rebuttal, and neither is the correction's opener heading the count ("Thực tế"), in place — the
 * contradiction is counted, not cited. A count the sheet agrees with ("Sai. Thực tế 19/19 …") leaves both (the
 * hundred-and-tenth pass). With a count answering the sheet's exact count asked (facts.ts answeredCounts, `answers`:
 * "19 đảng bộ trực thuộc? Sai nha. Tỉnh chỉ còn 17 …"), any rebuttal's verdict after the asked count with no value in its
 * clause ("Sai nha.", "Đáp án BTC ra là sai") is that stance, no rebuttal either (the hundred-and-twentieth pass).
 */
export function withCounteredVerdicts(
  cues: CompiledCues,
  fields: Array<{ v: View; cueList: Array<PhraseHit<CuePhrase>> }>,
  facts: Pick<ItemCheck, 'findings'>,
): void {
  const countered = facts.findings().contradictions.filter((c) => c.countered);
  if (!countered.length) return;
  const groups = cues.file.groups;
  for (const f of fields) {
    const p = f.v.prepared;
    const counts = countered.filter((c) => c.field === f.v.field);
    if (!counts.length) continue;
    const countedSentences = new Set(counts.map((c) => p.tokSent[c.tokFirst]));
    const before = (h: PhraseHit<CuePhrase>) => counts.some((c) => p.tokSent[c.tokFirst] === p.tokSent[h.tokFirst] && h.tokLast < c.tokFirst);
    // (after the sheet's exact count asked and answered by the writer's own, a rebuttal's verdict naming no value of its
    // own in its clause is that stance: "19 …? Sai nha. Tỉnh chỉ còn 17 … . Đáp án BTC ra là sai")
    const answered = counts.filter((c) => c.answers !== undefined);
    const repeats = (h: PhraseHit<CuePhrase>) => answered.some((c) => c.answers! < h.tokFirst) && !clauseHasDigit(p, h.tokFirst);
    f.cueList = f.cueList.filter((h) => {
      if (h.spec.data.kind !== 'cue' || groups[h.spec.data.group].weight >= 0) return true;
      if (groups[h.spec.data.group].rebuts && repeats(h)) return false;
      const sent = p.tokSent[h.tokFirst];
      // the verdict standing alone in the sentence before the count, or the opener heading it
      if (cues.standsAlone[h.spec.data.group] && countedSentences.has(sent + 1) && sentenceStart(p, h.tokFirst) === h.tokFirst) return false;
      return !(groups[h.spec.data.group].rebuts && before(h) && sentenceStart(p, h.tokFirst) === h.tokFirst);
    });
  }
}

/** Whether the clause of token `tok` holds a token of digits (a value of its own: a count, a date). */
function clauseHasDigit(p: PreparedText, tok: number): boolean {
  const clause = p.tokClause[tok];
  for (let t = clauseStart(p, tok); t < p.count && p.tokClause[t] === clause; t++) if (p.tokFlags[t] & TOK_DIGITS) return true;
  return false;
}
